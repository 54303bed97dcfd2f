import { describe, expect, it } from 'vitest';
import { EventHub } from '../../../main/core/app/event-hub';

describe('events leave the core only in their contract shape', () => {
  it('passes a valid event, strips fields its schema does not name, drops and reports an invalid one', () => {
    const problems: string[] = [];
    const hub = new EventHub((event, problem) => problems.push(`${event} ${problem}`));
    const seen: unknown[] = [];
    hub.subscribe((_event, payload) => seen.push(payload));
    hub.emit('data:changed', { topics: ['jobs'], secret: 'refresh-token-value' } as never);
    expect(seen).toEqual([{ topics: ['jobs'] }]);
    hub.emit('data:changed', { topics: 'jobs' } as never);
    expect(seen).toHaveLength(1);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^data:changed topics/);
  });
});
