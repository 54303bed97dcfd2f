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
    case 'string': return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
    case 'number': return `the number ${v}`;
    case 'boolean': return String(v);
    case 'object': return 'an object';
    default: return typeof v;
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
    const hint = issue.expected === 'string' && typeof value === 'number' ? ' (amounts, quantities and rates are strings, like "80.00")' : '';
    return `must be ${expected}, got ${describeValue(value)}${hint}`;
  }
  if (issue.code === 'invalid_value') {
    return `must be one of ${issue.values.map((v) => String(v)).join(', ')}; got ${describeValue(value)}`;
  }
  return issue.message;
}
