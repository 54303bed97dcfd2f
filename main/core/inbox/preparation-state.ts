/** The shared counters between the importing thread and a preparing thread (Int32Array slots). */
export const POSTED = 0;
/** Batches the importing thread has read out of the ring (their slots can be written again). */
export const TAKEN = 1;
export const STATE_SLOTS = 2;
