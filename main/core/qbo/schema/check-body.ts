/**
 * Checks a QBO JSON body against the element names Intuit's XSDs allow for its entity
 * (allowed-elements.json, derived by scripts/derive-qbo-schema.ts). The simulator rejects what
 * this finds, like QBO does; the client's tests call it on every body they send.
 */
import schema from './allowed-elements.json';

interface TypeInfo {
  e: Record<string, string>;
  a?: string[];
  v?: true;
  open?: true;
}
const TYPES = schema.types as Record<string, TypeInfo>;
const ENUMS = schema.enums as Record<string, string[]>;

export type SchemaProblemKind = 'unknown-element' | 'expected-object' | 'expected-value' | 'bad-enum' | 'bad-value';

export interface SchemaProblem {
  kind: SchemaProblemKind;
  /** Dotted path from the entity, e.g. "Line[0].JournalEntryLineDetail.Foo". */
  path: string;
  /** The offending element name. */
  element: string;
  /** The XSD type that holds (or should hold) the element. */
  typeName: string;
  message: string;
}

/** Names the XSD map knows as top-level entities. */
export function schemaEntities(): readonly string[] {
  return schema.entities;
}

/** Element names (not attributes) allowed directly under an entity or type. */
export function allowedElements(typeName: string): string[] {
  return Object.keys(TYPES[typeName]?.e ?? {});
}

/** The XSD type of `entity.path` (dotted, no indexes), or undefined when the path is not in the schema. */
export function elementType(entity: string, path: string): string | undefined {
  let type = entity;
  for (const part of path.split('.')) {
    const info = TYPES[type];
    if (!info) return undefined;
    const next = info.e[part];
    if (next === undefined) return info.v && part === 'value' ? 'xs:string' : undefined;
    type = next.replace(/\[\]$/, '');
  }
  return type;
}

export function findSchemaProblems(entity: string, body: unknown): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  if (!TYPES[entity]) {
    problems.push({ kind: 'unknown-element', path: entity, element: entity, typeName: entity, message: `unknown entity "${entity}"` });
    return problems;
  }
  walk(body, entity, entity, entity, problems);
  return problems;
}

/** Problems as readable lines ("JournalEntry.Line[0].Foo: unknown element ..."); empty when the body fits. */
export function checkBodyAgainstSchema(entity: string, body: unknown): string[] {
  return findSchemaProblems(entity, body).map((p) => `${p.path}: ${p.message}`);
}

function walk(value: unknown, typeRef: string, path: string, element: string, out: SchemaProblem[]): void {
  const many = typeRef.endsWith('[]');
  const type = many ? typeRef.slice(0, -2) : typeRef;
  if (Array.isArray(value)) {
    if (!many) {
      out.push({ kind: 'bad-value', path, element, typeName: type, message: `"${element}" does not repeat; got a list` });
      return;
    }
    value.forEach((v, i) => walk(v, type, `${path}[${i}]`, element, out));
    return;
  }
  if (value === null || value === undefined) return;
  const info = TYPES[type];
  if (info) {
    if (info.open) return;
    if (typeof value !== 'object') {
      // A Ref given as a bare string is a common mistake QBO rejects.
      out.push({ kind: 'expected-object', path, element, typeName: type, message: `"${element}" must be an object (${type})` });
      return;
    }
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const childType = info.e[key];
      if (childType !== undefined) walk(child, childType, `${path}.${key}`, key, out);
      else if ((info.v && key === 'value') || info.a?.includes(key)) checkScalar(child, 'xs:string', `${path}.${key}`, key, out);
      else out.push({ kind: 'unknown-element', path: `${path}.${key}`, element: key, typeName: type, message: `unknown element "${key}" for ${type}` });
    }
    return;
  }
  checkScalar(value, type, path, element, out);
}

function checkScalar(value: unknown, type: string, path: string, element: string, out: SchemaProblem[]): void {
  if (value === null || value === undefined) return;
  if (typeof value === 'object') {
    out.push({ kind: 'expected-value', path, element, typeName: type, message: `"${element}" must be a value (${type}), not an object` });
    return;
  }
  const values = ENUMS[type];
  if (values) {
    if (!values.includes(String(value))) {
      out.push({ kind: 'bad-enum', path, element, typeName: type, message: `"${String(value)}" is not one of ${values.join(', ')}` });
    }
    return;
  }
  const text = String(value);
  const bad = (what: string): void => {
    out.push({ kind: 'bad-value', path, element, typeName: type, message: `"${text}" is not ${what}` });
  };
  switch (type) {
    case 'xs:boolean':
      if (typeof value !== 'boolean' && text !== 'true' && text !== 'false') bad('true or false');
      break;
    case 'xs:decimal':
    case 'xs:double':
    case 'xs:float':
      if (!/^-?\d+(\.\d+)?$/.test(text.trim())) bad('a number');
      break;
    case 'xs:int':
    case 'xs:integer':
    case 'xs:long':
    case 'xs:positiveInteger':
    case 'xs:nonNegativeInteger':
      if (!/^-?\d+$/.test(text.trim())) bad('a whole number');
      break;
    case 'xs:date':
      if (!/^\d{4}-\d{2}-\d{2}([+-]\d{2}:\d{2}|Z)?$/.test(text)) bad('a date (YYYY-MM-DD)');
      break;
    default:
      break;
  }
}
