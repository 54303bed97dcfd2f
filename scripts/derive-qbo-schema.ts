/**
 * Derives main/core/qbo/schema/allowed-elements.json from Intuit's V3 XSDs (default folder
 * ../shared/reference/qbo-xsd). Run: `npx tsx scripts/derive-qbo-schema.ts [xsdDir] [outFile]`.
 * The JSON is committed so tests and the app never need the XSDs.
 *
 * Output: for each complex type reachable from the entities we use, its element names (with the
 * element's type and whether it repeats) and attribute names; simple types with enumerations keep
 * their allowed values. JSON bodies use the XSD names; simpleContent text becomes "value".
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface XNode {
  tag: string;
  attrs: Record<string, string>;
  children: XNode[];
}

const ROOT_ENTITIES = [
  'JournalEntry',
  'Invoice',
  'CreditMemo',
  'Payment',
  'Deposit',
  'Customer',
  'Item',
  'Class',
  'Department',
  'Account',
  'TaxCode',
  'CompanyInfo',
  'PaymentMethod',
  'Preferences',
  'Vendor',
  'Employee',
  'Term',
  'SalesReceipt',
  'RefundReceipt',
  'TaxRate',
];
const FILES = ['IntuitBaseTypes.xsd', 'IntuitNamesTypes.xsd', 'Finance.xsd', 'SalesTax.xsd'];

/** Minimal parser for the xs:* tags of a well-formed XSD; text (documentation) is ignored. */
function parseXsd(text: string): XNode {
  const clean = text.replace(/<!--[\s\S]*?-->/g, '');
  const root: XNode = { tag: 'root', attrs: {}, children: [] };
  const stack: XNode[] = [root];
  const tagRe = /<(\/?)xs:(\w+)((?:\s+[\w:]+\s*=\s*"[^"]*")*)\s*(\/?)>/g;
  for (const m of clean.matchAll(tagRe)) {
    const [, closing, tag, attrText, selfClosing] = m;
    if (closing) {
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (attrText ?? '').matchAll(/([\w:]+)\s*=\s*"([^"]*)"/g)) attrs[a[1]!] = a[2]!;
    const node: XNode = { tag: tag!, attrs, children: [] };
    stack[stack.length - 1]!.children.push(node);
    if (!selfClosing) stack.push(node);
  }
  return root;
}

interface TypeOut {
  /** element name -> type name, suffixed "[]" when it repeats */
  e: Record<string, string>;
  /** attribute names */
  a?: string[];
  /** simpleContent: the JSON "value" carries the text */
  v?: true;
  /** xs:any: anything goes below this type */
  open?: true;
}

function main(): void {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const xsdDir = process.argv[2] ?? join(here, '../../shared/reference/qbo-xsd');
  const outFile = process.argv[3] ?? join(here, '../main/core/qbo/schema/allowed-elements.json');

  const complex = new Map<string, XNode>();
  const simple = new Map<string, XNode>();
  const groups = new Map<string, XNode>();
  for (const f of FILES) {
    const root = parseXsd(readFileSync(join(xsdDir, f), 'utf8'));
    const schema = root.children.find((c) => c.tag === 'schema');
    for (const n of schema?.children ?? []) {
      const name = n.attrs.name;
      if (!name) continue;
      if (n.tag === 'complexType') complex.set(name, n);
      else if (n.tag === 'simpleType') simple.set(name, n);
      else if (n.tag === 'group') groups.set(name, n);
    }
  }

  const types: Record<string, TypeOut> = {};
  const enums: Record<string, string[]> = {};
  const queue: string[] = [...ROOT_ENTITIES];
  const anonymous = new Map<string, XNode>();

  const strip = (t: string): string => t.replace(/^\w+:(?=.)/, (p) => (p === 'xs:' ? p : ''));

  function collect(node: XNode, out: TypeOut, owner: string): void {
    for (const c of node.children) {
      switch (c.tag) {
        case 'sequence':
        case 'choice':
        case 'all':
        case 'complexContent':
          collect(c, out, owner);
          break;
        case 'extension':
        case 'restriction': {
          const base = c.attrs.base ? strip(c.attrs.base) : undefined;
          if (base && complex.has(base)) {
            const baseOut = describe(base);
            Object.assign(out.e, baseOut.e);
            if (baseOut.a) out.a = [...new Set([...(out.a ?? []), ...baseOut.a])];
            if (baseOut.v) out.v = true;
          } else if (base) {
            out.v = true; // simpleContent over a simple type: the text is JSON "value"
          }
          collect(c, out, owner);
          break;
        }
        case 'simpleContent':
          out.v = true;
          collect(c, out, owner);
          break;
        case 'group': {
          const g = groups.get(strip(c.attrs.ref ?? ''));
          if (g) collect(g, out, owner);
          break;
        }
        case 'any':
          out.open = true;
          break;
        case 'attribute':
          if (c.attrs.name) out.a = [...new Set([...(out.a ?? []), c.attrs.name])];
          break;
        case 'element': {
          const name = c.attrs.name;
          if (!name) break;
          let type = c.attrs.type ? strip(c.attrs.type) : '';
          if (!type) {
            const inline = c.children.find((k) => k.tag === 'complexType' || k.tag === 'simpleType');
            type = inline ? `${owner}.${name}` : 'xs:anyType';
            if (inline) {
              if (inline.tag === 'complexType') anonymous.set(type, inline);
              else simple.set(type, inline);
            }
          }
          const many = c.attrs.maxOccurs === 'unbounded' || Number(c.attrs.maxOccurs ?? '1') > 1;
          out.e[name] = many ? `${type}[]` : type;
          if (!type.startsWith('xs:')) queue.push(type);
          break;
        }
        default:
          break;
      }
    }
  }

  const cache = new Map<string, TypeOut>();
  function describe(name: string): TypeOut {
    const hit = cache.get(name);
    if (hit) return hit;
    const node = complex.get(name) ?? anonymous.get(name);
    const out: TypeOut = { e: {} };
    cache.set(name, out);
    if (node) collect(node, out, name);
    return out;
  }

  function enumOf(name: string): string[] | undefined {
    const node = simple.get(name);
    if (!node) return undefined;
    const restriction = node.children.find((c) => c.tag === 'restriction');
    const values = restriction?.children.filter((c) => c.tag === 'enumeration').map((c) => c.attrs.value ?? '');
    if (values && values.length > 0) return values;
    const base = restriction?.attrs.base ? strip(restriction.attrs.base) : undefined;
    return base && base !== name ? enumOf(base) : undefined;
  }

  const seen = new Set<string>();
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (seen.has(name)) continue;
    seen.add(name);
    if (complex.has(name) || anonymous.has(name)) {
      const out = describe(name);
      for (const t of Object.values(out.e)) queue.push(t.replace(/\[\]$/, ''));
      types[name] = out;
    } else {
      const values = enumOf(name);
      if (values) enums[name] = values;
    }
  }
  // Reached through extension only (e.g. Transaction, IntuitEntity): not needed as standalone entries.
  const sorted = Object.fromEntries(Object.entries(types).sort(([a], [b]) => a.localeCompare(b)));
  const result = {
    source: 'Intuit QuickBooks V3 SDK XSDs (Apache-2.0), derived by scripts/derive-qbo-schema.ts',
    entities: ROOT_ENTITIES,
    types: sorted,
    enums: Object.fromEntries(Object.entries(enums).sort(([a], [b]) => a.localeCompare(b))),
  };
  writeFileSync(outFile, `${JSON.stringify(result, null, 1)}\n`);
  process.stdout.write(`wrote ${outFile}: ${Object.keys(types).length} types, ${Object.keys(enums).length} enums\n`);
}

main();
