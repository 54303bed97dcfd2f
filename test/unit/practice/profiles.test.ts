import { describe, expect, it } from 'vitest';
import { DEFAULT_KNOBS } from '../../../main/core/practice/fault-knobs';
import { DEFAULT_PROFILE, PROFILE_NAMES, SIMULATOR_PROFILES, describeProfiles, isProfileName, profileKnobs } from '../../../main/core/practice/profiles';

describe('simulator profiles', () => {
  it('names every profile once, each with a one-line description', () => {
    expect([...PROFILE_NAMES]).toEqual(['intuit-docs', 'field-reports', 'replay-ignored', 'replay-fault6000', 'replay-fault600', 'replay-cache-faults']);
    expect(Object.keys(SIMULATOR_PROFILES).sort()).toEqual([...PROFILE_NAMES].sort());
    expect(DEFAULT_PROFILE).toBe('intuit-docs');
    for (const name of PROFILE_NAMES) {
      expect(SIMULATOR_PROFILES[name].description).toMatch(/^[^\n]{10,}$/);
      expect(describeProfiles()).toContain(name);
    }
  });

  it('intuit-docs is DEFAULT_KNOBS', () => {
    const knobs = profileKnobs('intuit-docs');
    expect({ ...DEFAULT_KNOBS, ...knobs }).toEqual(DEFAULT_KNOBS);
    expect(Object.keys(knobs).sort()).toEqual(
      [
        'closedBooksFault',
        'customTxnNumbers',
        'customerAcctNumDropped',
        'duplicateDocNumberCheck',
        'journalTotalAmtZero',
        'perSecondCap',
        'requestIdReplay',
        'retryAfterOn429',
        'undoRefusal',
      ]
        .concat(['astHonoursTotalTax', 'inactiveNameSuffix'])
        .sort(),
    );
  });

  it('field-reports sets the worst reading of every uncertain point; custom numbers stay on', () => {
    expect(profileKnobs('field-reports')).toEqual({
      requestIdReplay: 'ignored',
      duplicateDocNumberCheck: false,
      journalTotalAmtZero: true,
      customerAcctNumDropped: true,
      closedBooksFault: '5010',
      undoRefusal: 'linked',
      retryAfterOn429: false,
      perSecondCap: 10,
      customTxnNumbers: true,
      inactiveNameSuffix: true,
      astHonoursTotalTax: false,
    });
  });

  it('each replay profile is intuit-docs with one requestIdReplay mode', () => {
    const docs = profileKnobs('intuit-docs');
    const modes = {
      'replay-ignored': 'ignored',
      'replay-fault6000': 'fault6000',
      'replay-fault600': 'fault600',
      'replay-cache-faults': 'cacheFaults',
    } as const;
    for (const [name, mode] of Object.entries(modes)) expect(profileKnobs(name)).toEqual({ ...docs, requestIdReplay: mode });
  });

  it('an unknown name throws an Error listing the valid names; copies cannot change a profile', () => {
    expect(() => profileKnobs('qbo-desktop')).toThrow(
      /Unknown simulator profile "qbo-desktop".*intuit-docs, field-reports, replay-ignored, replay-fault6000, replay-fault600, replay-cache-faults/,
    );
    expect(isProfileName('field-reports')).toBe(true);
    expect(isProfileName('Field-Reports')).toBe(false);
    const copy = profileKnobs('field-reports');
    copy.perSecondCap = 99;
    expect(profileKnobs('field-reports').perSecondCap).toBe(10);
  });
});
