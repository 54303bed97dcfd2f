/**
 * The browser harness's stand-in for the preload: the same RawBridge on window.porqbo, carried over
 * loopback HTTP (requests) and Server-Sent Events (events). Development and test tool only.
 */
import { BRIDGE_GLOBAL, type EventChannel } from '../../preload/contract';
import type { Envelope, RawBridge } from '../../preload/raw-bridge';

const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
const source = new EventSource('/api/events');
source.onmessage = (message) => {
  const { event, payload } = JSON.parse(message.data as string) as { event: EventChannel; payload: unknown };
  listeners.get(event)?.forEach((listener) => listener(payload));
};

const bridge: RawBridge = {
  async invoke(channel, request) {
    const response = await fetch(`/api/invoke/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request ?? {}),
    });
    return (await response.json()) as Envelope;
  },
  on(event, listener) {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  },
};

(window as unknown as Record<string, RawBridge>)[BRIDGE_GLOBAL] = bridge;
