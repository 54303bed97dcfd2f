/** The practice business's stores: numbered 1..n, each with a `Parent:Sub` QB class and its sales tax. */
export interface PracticeStoreInfo {
  number: number;
  city: string;
  /** QB class, `Store N:City` as POR's setup asks. */
  className: string;
  taxName: string;
  /** Sales tax rate as a decimal string with up to 4 decimals ("0.1025"). */
  taxRate: string;
}

const CITIES: readonly { city: string; taxRate: string }[] = [
  { city: 'Burbank', taxRate: '0.1025' },
  { city: 'Glendale', taxRate: '0.1025' },
  { city: 'Pasadena', taxRate: '0.1025' },
  { city: 'Ventura', taxRate: '0.0825' },
  { city: 'Riverside', taxRate: '0.0875' },
  { city: 'Ontario', taxRate: '0.0775' },
  { city: 'Bakersfield', taxRate: '0.0825' },
  { city: 'Fresno', taxRate: '0.08' },
  { city: 'Modesto', taxRate: '0.08875' },
];

export const MAX_PRACTICE_STORES = 99;

export function practiceStores(count: number): PracticeStoreInfo[] {
  if (!Number.isInteger(count) || count < 1 || count > MAX_PRACTICE_STORES) {
    throw new RangeError(`stores must be a whole number from 1 to ${MAX_PRACTICE_STORES}`);
  }
  return Array.from({ length: count }, (_, i) => {
    const base = CITIES[i % CITIES.length]!;
    const city = i < CITIES.length ? base.city : `${base.city} ${Math.floor(i / CITIES.length) + 1}`;
    return {
      number: i + 1,
      city,
      className: `Store ${i + 1}:${city}`,
      taxName: `${base.city} sales tax`,
      taxRate: base.taxRate,
    };
  });
}
