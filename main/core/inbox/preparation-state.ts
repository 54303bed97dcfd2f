/** The shared counters between the importing thread and a preparing thread (Int32Array slots). */
export const POSTED = 0;
/** Batches the importing thread has read out of the ring (their slots can be written again). */
export const TAKEN = 1;
/** 1 once the preparing thread is exiting: its events cannot reach a thread that waits in Atomics.wait. */
export const EXITED = 2;
export const STATE_SLOTS = 3;
