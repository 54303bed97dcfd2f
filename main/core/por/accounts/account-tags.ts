/**
 * POR account-number tags, expanded per store:
 * - `#`, `##`, `###`... = the store number zero-padded to the count of `#`s (never truncated: store 123
 *   with `##` gives `123`);
 * - a `.` right before a `#` run becomes `-`. This is our reading of POR's one documented example
 *   (`1020.##` -> `1020-01` for store 1): the dot marks where the store suffix joins the account, and the
 *   expanded number uses the dash QuickBooks account numbers use. A dot anywhere else stays a dot
 *   (`1020.5` stays `1020.5`, `1020.{Store}` gives `1020.1`).
 * - `{Store}` = the store number as is (`1`), `{Class}` = the store's "QB Class/Store Code"; both
 *   case-insensitive.
 * One pass, so a class code that itself contains `#` or `{Store}` is inserted literally.
 */
export interface TagStore {
  number: number;
  classCode: string;
}

const TAG = /\.?#+|\{store\}|\{class\}/gi;

export function expandAccountTags(pattern: string, store: TagStore): string {
  if (!Number.isInteger(store.number) || store.number < 0) {
    throw new RangeError(`store number must be a whole number, got ${store.number}`);
  }
  return pattern.replace(TAG, (tag) => {
    const lower = tag.toLowerCase();
    if (lower === '{store}') return String(store.number);
    if (lower === '{class}') return store.classCode;
    const dot = tag.startsWith('.');
    const width = tag.length - (dot ? 1 : 0);
    return `${dot ? '-' : ''}${String(store.number).padStart(width, '0')}`;
  });
}

/** True when the pattern carries a per-store tag, i.e. it names a different account for each store. */
export function hasStoreTag(pattern: string): boolean {
  return /#|\{store\}|\{class\}/i.test(pattern);
}
