/**
 * Bounds of the core worker's V8 heap. The core keeps little alive (about 15-25 MB at 100,000 documents: the
 * planner, the import and reconciliation work a slice at a time), but with V8's defaults on a machine with
 * lots of memory the heap grows to several times that between collections: a 48 MB young generation and an
 * old generation allowed to grow by up to 4x before the next full collection. Bounded, the same work keeps
 * the process about 100 MB smaller at 100,000 documents for about the same CPU (bench --scale).
 *
 * The old generation bound is also what a runaway would hit first: 768 MB is 30x what the core keeps alive
 * at any measured size. Electron compresses V8 pointers (objects about half as big as in plain Node), so the
 * same number holds about twice as much in the app as in the benchmark, which runs it uncompressed.
 */
import type { ResourceLimits } from 'node:worker_threads';

export const CORE_RESOURCE_LIMITS = {
  /** Young generation: V8 makes it three semi-spaces, so 6 MB is 2 MB semi-spaces (default 16 MB each). */
  maxYoungGenerationSizeMb: 6,
  /** Below 1 GB (compressed pointers) V8 also grows the heap by less than its 4x between full collections. */
  maxOldGenerationSizeMb: 768,
} as const satisfies ResourceLimits;

/** The same bounds as Node flags, for a process that runs the core on its main thread (the benchmark's measured child). */
export function coreHeapFlags(): string[] {
  return [`--max-semi-space-size=${CORE_RESOURCE_LIMITS.maxYoungGenerationSizeMb / 3}`, `--max-old-space-size=${CORE_RESOURCE_LIMITS.maxOldGenerationSizeMb}`];
}
