import { describe, expect, it } from 'vitest';
import { EventHub } from '../../../main/core/app/event-hub';
import { StatusService } from '../../../main/core/app/status-service';
import { renderTray } from '../../../main/core/tray/render-tray';

describe('one status for tray and dashboard', () => {
  const idle = { state: 'idle' as const, message: 'Up to date', queued: 0, failed: 0 };

  it('an idle session is not "Up to date" in the tray while the dashboard found the books short', () => {
    const hub = new EventHub();
    const sent: unknown[] = [];
    hub.subscribe((event, payload) => event === 'status:changed' && sent.push(payload));
    const status = new StatusService(hub, 'practice');
    status.update(idle);
    expect(renderTray(status.get()).tooltip).toContain('Up to date');

    status.noteBooks({ environment: 'practice', upToDate: false, headline: 'QuickBooks is missing $12,208.66 from 2 store-days.' });
    expect(status.get()).toMatchObject({ state: 'attention', message: 'QuickBooks is missing $12,208.66 from 2 store-days.' });
    expect(renderTray(status.get()).tooltip).toContain('missing $12,208.66');
    expect(sent.at(-1)).toMatchObject({ state: 'attention' });

    // A run in progress says so; once idle again the verdict still holds until the dashboard looks again.
    status.update({ state: 'syncing', message: 'Sending 1 of 2…' });
    expect(status.get().state).toBe('syncing');
    status.update(idle);
    expect(status.get().state).toBe('attention');
    status.noteBooks({ environment: 'practice', upToDate: true, headline: 'Up to date' });
    expect(status.get()).toMatchObject({ state: 'idle', message: 'Up to date' });
  });

  it("another environment's verdict does not colour this one", () => {
    const status = new StatusService(new EventHub(), 'practice');
    status.update(idle);
    status.noteBooks({ environment: 'production', upToDate: false, headline: 'Production is short.' });
    expect(status.get().state).toBe('idle');
  });
});
