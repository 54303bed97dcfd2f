/**
 * What QBO's limits allow, in documents per (unscaled) minute. A create travels alone (one request,
 * one document) or in a batch request (up to 30). Batch calls count against both the request and the
 * batch allowance, so the most a client can create per minute is every batch call full, plus the rest
 * of the request allowance spent on single creates:
 *   strict = batchPerMinute * 30 + (perMinute - batchPerMinute) * 1      (120*30 + 380 = 3,980)
 * The simpler figure ignores the single creates next to the batches:
 *   batchOnly = min(perMinute, batchPerMinute) * 30                         (3,600)
 * A client that sends one create per request (node-quickbooks as its README shows) can reach at most
 *   singles = perMinute                                                       (500)
 */
export interface QboLimits {
  perMinute: number;
  concurrent: number;
  batchPerMinute: number;
  windowMs: number;
}

export const QBO_LIMITS: QboLimits = { perMinute: 500, concurrent: 10, batchPerMinute: 120, windowMs: 60_000 };
export const BATCH_ITEMS = 30;

export interface Ceilings {
  strict: number;
  batchOnly: number;
  singles: number;
}

export function ceilings(limits: QboLimits = QBO_LIMITS): Ceilings {
  const batches = Math.min(limits.perMinute, limits.batchPerMinute);
  return {
    strict: batches * BATCH_ITEMS + (limits.perMinute - batches),
    batchOnly: batches * BATCH_ITEMS,
    singles: limits.perMinute,
  };
}

/** The same limits with time compressed by `factor`: the window is 60 s / factor, the counts unchanged. */
export function scaledLimits(factor: number, limits: QboLimits = QBO_LIMITS): QboLimits {
  if (!(factor >= 1)) throw new RangeError('time factor must be >= 1');
  return { ...limits, windowMs: limits.windowMs / factor };
}
