/** Zod issues to the plain messages people see: the field as a path (`lines[2].amount`) and what is wrong. */
import type { z } from 'zod';

export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const part of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[part];
  }
  return v;
}

export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
    case 'number':
      return `the number ${v}`;
    case 'boolean':
      return String(v);
    case 'object':
      return 'an object';
    default:
      return typeof v;
  }
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

export function issueMessage(issue: z.core.$ZodIssue, root: unknown): string {
  const value = valueAt(root, issue.path);
  if (issue.code === 'invalid_type') {
    if (value === undefined) return 'missing required field';
    const expected = EXPECTED[issue.expected] ?? issue.expected;
    return `must be ${expected}, got ${describeValue(value)}${numberAsStringHint(issue, value)}`;
  }
  if (issue.code === 'invalid_value') {
    return `must be one of ${issue.values.map((v) => String(v)).join(', ')}; got ${describeValue(value)}`;
  }
  return issue.message;
}

const AMOUNT_FIELD = /^(amount|total|unitPrice|debit|credit)$/;
const DECIMAL_FIELD = /^(quantity|rate)$/;

/** A number where a decimal string belongs: say how to write it. */
function numberAsStringHint(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.code !== 'invalid_type' || issue.expected !== 'string' || typeof value !== 'number') return '';
  const last = String(issue.path[issue.path.length - 1] ?? '');
  if (AMOUNT_FIELD.test(last)) return ' (amounts are decimal strings, like "80.00")';
  if (DECIMAL_FIELD.test(last)) return ' (write it as a string, like "1.5")';
  return '';
}
