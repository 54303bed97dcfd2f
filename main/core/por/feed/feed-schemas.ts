/**
 * Schemas for the POR document feed (POR.md, input 2), one per document type. Unknown fields are ignored
 * (POR may add some); wrong types, missing required fields, malformed amounts and dates are refused with
 * the field named. Amounts are decimal strings with at most two decimals and become integer cents here.
 */
import { z } from 'zod';
import { MoneyParseError, parseCents } from '../../money';
import { isValidIsoDate } from '../iso-date';
import { describeValue } from './feed-issues';

export const LINE_KINDS = ['rental', 'sale', 'damageWaiver', 'delivery', 'pickup', 'labor', 'fuel', 'environmental', 'other'] as const;
export const PAYMENT_METHODS = ['cash', 'check', 'creditCard', 'debitCard', 'amex', 'ach'] as const;
export const PAYMENT_SOURCES = ['counter', 'portal', 'cardIntegration'] as const;
export const EOD_CATEGORIES = ['inventory', 'transfer', 'cogs', 'depreciation', 'other'] as const;
export const FEED_TYPES = ['invoice', 'payment', 'creditMemo', 'deposit', 'eodBatch', 'storeDayClosed'] as const;
export type FeedType = (typeof FEED_TYPES)[number];

/** Decimal string -> cents. */
const money = z.string().transform((text, ctx) => {
  try {
    return parseCents(text);
  } catch (err) {
    if (!(err instanceof MoneyParseError)) throw err;
    ctx.issues.push({ code: 'custom', message: err.message, input: text });
    return z.NEVER;
  }
});

const ISO_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
const isoDate = z.string().superRefine((text, ctx) => {
  if (!ISO_SHAPE.test(text)) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a date in the form YYYY-MM-DD` });
  } else if (!isValidIsoDate(text)) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a real calendar date` });
  }
});

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const isoTime = z.string().superRefine((text, ctx) => {
  if (!ISO_TIME.test(text) || Number.isNaN(Date.parse(text)) || !isValidIsoDate(text.slice(0, 10))) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a date and time like 2026-03-14T21:05:00-07:00` });
  }
});

const decimalText = (what: string, pattern: RegExp) =>
  z.string().superRefine((text, ctx) => {
    if (!pattern.test(text)) ctx.addIssue({ code: 'custom', message: `"${text}" is not ${what}` });
  });
const quantity = decimalText('a quantity like 1 or 1.5', /^-?\d{1,9}(\.\d{1,4})?$/);
const rate = decimalText('a tax rate like 0.095', /^\d{1,3}(\.\d{1,6})?$/);

const text = z.string().trim().min(1, { error: 'must not be empty' });
const optionalText = z
  .string()
  .nullish()
  .transform((v) => (v === undefined || v === null || v.trim() === '' ? null : v));

/**
 * Identifiers and account numbers POR may write as a string or a whole number (`"1042"` or `1042`): the
 * same text either way. A number with a fraction is refused: `1020.10` would read as "1020.1".
 */
const identifier = z.unknown().transform((v, ctx) => {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  ctx.issues.push({
    code: 'custom',
    input: v,
    message:
      v === undefined
        ? 'missing required field'
        : typeof v === 'string'
          ? 'must not be empty'
          : typeof v === 'number'
            ? `must be text or a whole number, got the number ${v} (write it as a string, like "${v}")`
            : `must be text or a whole number, got ${describeValue(v)}`,
  });
  return z.NEVER;
});
const optionalIdentifier = z.unknown().transform((v, ctx) => {
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) return null;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  if (typeof v === 'string') return v;
  ctx.issues.push({ code: 'custom', input: v, message: `must be text or a whole number, got ${describeValue(v)}` });
  return z.NEVER;
});
const account = identifier;

/** A counter (store number, revision) as a whole number or the digits of one (`3` or `"3"`). */
const counter = (min: number, error: string) =>
  z.unknown().transform((v, ctx) => {
    const n = typeof v === 'string' && /^\s*\d{1,15}\s*$/.test(v) ? Number(v) : v;
    if (typeof n === 'number' && Number.isSafeInteger(n) && n >= min) return n;
    ctx.issues.push({
      code: 'custom',
      input: v,
      message:
        v === undefined
          ? 'missing required field'
          : typeof n === 'number' && Number.isSafeInteger(n)
            ? error
            : `must be a whole number, got ${describeValue(v)}`,
    });
    return z.NEVER;
  });

const customer = z.object({
  number: identifier,
  name: text,
  email: optionalText,
  accountCustomer: z.boolean(),
});

const invoiceLine = z.object({
  kind: z.enum(LINE_KINDS),
  description: z.string(),
  quantity,
  unitPrice: money,
  amount: money,
  taxable: z.boolean(),
  account,
});

const common = {
  id: identifier,
  store: counter(0, 'must be a store number (0 or more)'),
  businessDate: isoDate,
  revision: counter(1, 'must be 1 or more').default(1),
};

export const invoiceSchema = z.object({
  ...common,
  type: z.literal('invoice'),
  invoiceNumber: identifier,
  contractNumber: identifier,
  customer,
  invoiceDate: isoDate,
  dueDate: isoDate.nullish(),
  lines: z.array(invoiceLine),
  taxes: z.array(z.object({ name: text, rate, amount: money, account })).default([]),
  total: money,
  paidAtClose: z.array(z.object({ method: z.enum(PAYMENT_METHODS), amount: money, account })).default([]),
  arAccount: account,
});

export const paymentSchema = z.object({
  ...common,
  type: z.literal('payment'),
  paymentId: identifier,
  customerNumber: identifier,
  method: z.enum(PAYMENT_METHODS),
  amount: money,
  appliedTo: z.array(z.object({ invoiceNumber: identifier, amount: money })).default([]),
  account,
  source: z.enum(PAYMENT_SOURCES),
});

export const creditMemoSchema = z.object({
  ...common,
  type: z.literal('creditMemo'),
  creditMemoNumber: identifier,
  customer,
  amount: money,
  reason: z.string(),
  invoiceNumber: optionalIdentifier,
  lines: z.array(invoiceLine).nullish(),
});

export const depositSchema = z.object({
  ...common,
  type: z.literal('deposit'),
  depositId: identifier,
  kind: z.enum(['bank', 'creditCard']),
  bankAccount: account,
  lines: z.array(z.object({ method: z.enum(PAYMENT_METHODS), amount: money, account })).min(1, { error: 'must list at least one line' }),
});

export const eodBatchSchema = z.object({
  ...common,
  type: z.literal('eodBatch'),
  batchNumber: identifier,
  lines: z
    .array(
      z.object({
        account,
        debit: money.optional(),
        credit: money.optional(),
        memo: z.string().default(''),
        category: z.enum(EOD_CATEGORIES),
      }),
    )
    .min(1, { error: 'must list at least one line' }),
});

export const storeDayClosedSchema = z.object({
  ...common,
  type: z.literal('storeDayClosed'),
  eodCompletedAt: isoTime,
});

export const FEED_SCHEMAS = {
  invoice: invoiceSchema,
  payment: paymentSchema,
  creditMemo: creditMemoSchema,
  deposit: depositSchema,
  eodBatch: eodBatchSchema,
  storeDayClosed: storeDayClosedSchema,
} as const;

export type FeedInvoice = z.output<typeof invoiceSchema>;
export type FeedPayment = z.output<typeof paymentSchema>;
export type FeedCreditMemo = z.output<typeof creditMemoSchema>;
export type FeedDeposit = z.output<typeof depositSchema>;
export type FeedEodBatch = z.output<typeof eodBatchSchema>;
export type FeedStoreDayClosed = z.output<typeof storeDayClosedSchema>;
