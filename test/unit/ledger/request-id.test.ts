import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveRequestId } from '../../../main/core/ledger/request-id';

describe('deriveRequestId', () => {
  it('is stable, UUID-shaped and at most 36 chars for any key', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), fc.integer({ min: 1, max: 1000 }), (key, gen) => {
        const id = deriveRequestId('production', key, gen);
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        expect(deriveRequestId('production', key, gen)).toBe(id);
      }),
      { numRuns: 300 },
    );
  });

  it('differs per environment, key and generation', () => {
    const base = deriveRequestId('sandbox', 'je:1:2026-03-14', 1);
    expect(deriveRequestId('production', 'je:1:2026-03-14', 1)).not.toBe(base);
    expect(deriveRequestId('sandbox', 'je:1:2026-03-15', 1)).not.toBe(base);
    expect(deriveRequestId('sandbox', 'je:1:2026-03-14', 2)).not.toBe(base);
  });
});
