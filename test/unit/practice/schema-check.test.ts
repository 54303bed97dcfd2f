import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allowedElements, checkBodyAgainstSchema, elementType, findSchemaProblems, schemaEntities } from '../../../main/core/qbo/schema';
import { makeTempDir } from '../../helpers/temp-dir';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const XSD_DIR = join(ROOT, '../shared/reference/qbo-xsd');

const journal = {
  TxnDate: '2026-03-14',
  DocNumber: 'PR260314',
  PrivateNote: 'POR EOD',
  Line: [
    {
      Amount: 10.5,
      Description: 'Rental',
      DetailType: 'JournalEntryLineDetail',
      JournalEntryLineDetail: {
        PostingType: 'Debit',
        AccountRef: { value: '1', name: 'Cash' },
        ClassRef: { value: '2' },
        DepartmentRef: { value: '3' },
        Entity: { Type: 'Customer', EntityRef: { value: '4' } },
      },
    },
  ],
  sparse: false,
};

describe('checkBodyAgainstSchema', () => {
  it('accepts bodies that use only XSD element names', () => {
    expect(checkBodyAgainstSchema('JournalEntry', journal)).toEqual([]);
    expect(
      checkBodyAgainstSchema('Invoice', {
        CustomerRef: { value: '1' },
        TxnTaxDetail: { TxnTaxCodeRef: { value: '3' }, TotalTax: 1.2 },
        Line: [
          {
            Amount: 2,
            DetailType: 'SalesItemLineDetail',
            SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: 1, UnitPrice: 2, TaxCodeRef: { value: 'TAX' }, ServiceDate: '2026-03-14' },
          },
        ],
      }),
    ).toEqual([]);
    expect(
      checkBodyAgainstSchema('Deposit', {
        DepositToAccountRef: { value: '1' },
        Line: [{ Amount: 1, DetailType: 'DepositLineDetail', DepositLineDetail: { AccountRef: { value: '2' }, PaymentMethodRef: { value: '1' } } }],
      }),
    ).toEqual([]);
    expect(
      checkBodyAgainstSchema('Payment', { CustomerRef: { value: '1' }, TotalAmt: 5, Line: [{ Amount: 5, LinkedTxn: [{ TxnId: '9', TxnType: 'Invoice' }] }] }),
    ).toEqual([]);
  });

  it('names unknown elements with their path and the XSD type that lacks them', () => {
    const body = structuredClone(journal) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    body.Line[0].JournalEntryLineDetail.Klass = 'x';
    body.Memo = 'not a JournalEntry element';
    const problems = findSchemaProblems('JournalEntry', body);
    expect(problems.map((p) => [p.path, p.kind, p.typeName])).toEqual([
      ['JournalEntry.Line[0].JournalEntryLineDetail.Klass', 'unknown-element', 'JournalEntryLineDetail'],
      ['JournalEntry.Memo', 'unknown-element', 'JournalEntry'],
    ]);
    expect(checkBodyAgainstSchema('JournalEntry', body)[0]).toBe(
      'JournalEntry.Line[0].JournalEntryLineDetail.Klass: unknown element "Klass" for JournalEntryLineDetail',
    );
  });

  it('catches bad enums, refs given as strings, objects where values go, and non-numbers', () => {
    expect(
      findSchemaProblems('JournalEntry', { Line: [{ DetailType: 'JournalEntryLineDetail', JournalEntryLineDetail: { PostingType: 'debit' } }] })[0]?.kind,
    ).toBe('bad-enum');
    expect(findSchemaProblems('Invoice', { CustomerRef: '1' })[0]?.kind).toBe('expected-object');
    expect(findSchemaProblems('Customer', { DisplayName: { value: 'x' } })[0]?.kind).toBe('expected-value');
    expect(findSchemaProblems('Invoice', { TotalAmt: 'ten' })[0]?.kind).toBe('bad-value');
    expect(findSchemaProblems('Account', { Active: 'yes' })[0]?.kind).toBe('bad-value');
    expect(findSchemaProblems('JournalEntry', { TxnDate: '03/14/2026' })[0]?.kind).toBe('bad-value');
    expect(findSchemaProblems('Customer', { DisplayName: ['a'] })[0]?.kind).toBe('bad-value');
    expect(checkBodyAgainstSchema('Nonsense', {})).toEqual(['Nonsense: unknown entity "Nonsense"']);
  });

  it('knows every entity the app writes or reads, and element types for query fields', () => {
    for (const e of [
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
    ]) {
      expect(schemaEntities()).toContain(e);
      expect(allowedElements(e).length).toBeGreaterThan(3);
    }
    expect(allowedElements('Class')).toEqual(expect.arrayContaining(['Name', 'SubClass', 'ParentRef', 'FullyQualifiedName', 'Active']));
    expect(elementType('Account', 'AcctNum')).toBe('xs:string');
    expect(elementType('Invoice', 'MetaData.LastUpdatedTime')).toBe('xs:dateTime');
    expect(elementType('Invoice', 'CustomerRef')).toBe('ReferenceType');
    expect(elementType('Invoice', 'Nope')).toBeUndefined();
  });
});

describe.skipIf(!existsSync(XSD_DIR))('allowed-elements.json', () => {
  it('is exactly what scripts/derive-qbo-schema.ts derives from the XSDs (no drift)', () => {
    const dir = makeTempDir();
    try {
      const out = join(dir.path, 'allowed.json');
      execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/derive-qbo-schema.ts'), XSD_DIR, out], { cwd: ROOT });
      expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(ROOT, 'main/core/qbo/schema/allowed-elements.json'), 'utf8'));
    } finally {
      dir.remove();
    }
  });
});
