/**
 * QBO refuses a sales line whose Amount is not Qty x UnitPrice (6070). POR's line amount is the truth
 * (it is what the customer was charged), but it is not always quantity x unit price to the cent: day-rate
 * rounding (1.5 days x 33.33 = 49.995 -> 50.00), minimum charges, line discounts. When the product is exact
 * we send POR's Qty and UnitPrice; otherwise Qty 1 and UnitPrice = amount, and the description keeps POR's
 * quantity and price so nothing is lost. The money is never adjusted to fit the quantity.
 */
import { centsToDecimal, type Cents } from '../../money';

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

export interface QtyPrice {
  /** Decimal string, trailing zeros removed. */
  qty: string;
  unitPrice: Cents;
  /** False when POR's quantity x price did not give the amount and Qty 1 was used. */
  exact: boolean;
}

export function qtyAndPrice(quantity: string, unitPrice: Cents, amount: Cents): QtyPrice {
  const m = DECIMAL.exec(quantity.trim());
  if (m) {
    const frac = m[3] ?? '';
    const scaled = BigInt(`${m[1] ?? ''}${m[2]}${frac}`);
    // qty x price == amount  <=>  (qty * 10^scale) x price == amount x 10^scale, all integers.
    if (scaled * BigInt(unitPrice) === BigInt(amount) * 10n ** BigInt(frac.length)) {
      // -1 x -100.00 reads better as 1 x 100.00 (credit memos of returns): same product.
      const flip = m[1] === '-' && unitPrice < 0;
      return { qty: normalizeDecimal(flip ? '' : (m[1] ?? ''), m[2]!, frac), unitPrice: flip ? -unitPrice : unitPrice, exact: true };
    }
  }
  return { qty: '1', unitPrice: amount, exact: false };
}

function normalizeDecimal(sign: string, whole: string, frac: string): string {
  const f = frac.replace(/0+$/, '');
  const w = whole.replace(/^0+(?=\d)/, '');
  const text = f ? `${w}.${f}` : w;
  return text === '0' ? '0' : `${sign}${text}`;
}

/** "Pump rental (POR: 1.5 x 33.33)": what the fallback line says about POR's own figures. */
export function describeFallback(description: string, quantity: string, unitPrice: Cents): string {
  return `${description} (POR: ${quantity.trim()} x ${centsToDecimal(unitPrice)})`;
}
