/** Small POR input files written by hand for the inbox and CLI tests. */

const HEADER = [
  '!TRNS\tTRNSID\tTRNSTYPE\tDATE\tACCNT\tCLASS\tAMOUNT\tDOCNUM\tMEMO',
  '!SPL\tSPLID\tTRNSTYPE\tDATE\tACCNT\tCLASS\tAMOUNT\tDOCNUM\tMEMO',
  '!ENDTRNS',
];

/** One balanced GL block for a store and day; `revenue` in dollars (string, as POR writes it). */
export function iifBlock(store: number, date: string, revenue: string, tax = '80.00'): string[] {
  const s = String(store).padStart(2, '0');
  const cls = `Store ${store}:Town ${store}`;
  const total = (Number(revenue) + Number(tax)).toFixed(2);
  const doc = `PR${date.slice(8, 10)}${date.slice(0, 2)}${date.slice(3, 5)}`;
  return [
    `TRNS\t\tGENERAL JOURNAL\t${date}\t1020-${s}\t${cls}\t${total}\t${doc}\tPOR EOD store ${store}`,
    `SPL\t\tGENERAL JOURNAL\t${date}\t4000-${s}\t${cls}\t-${revenue}\t${doc}\tRental revenue`,
    `SPL\t\tGENERAL JOURNAL\t${date}\t2200\t${cls}\t-${tax}\t${doc}\tSales tax`,
    'ENDTRNS',
  ];
}

/** A GL export file text (CRLF, as POR writes on Windows). */
export function iifFile(...blocks: string[][]): string {
  return [...HEADER, ...blocks.flat(), ''].join('\r\n');
}

export function feedInvoice(id: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'invoice',
    id,
    store: 2,
    businessDate: '2026-03-14',
    revision: 1,
    invoiceNumber: id,
    contractNumber: `C-${id}`,
    customer: { number: 'CU1', name: 'Acme Builders', accountCustomer: true },
    invoiceDate: '2026-03-14',
    lines: [{ kind: 'rental', description: 'Mini excavator', quantity: '1', unitPrice: '250.00', amount: '250.00', taxable: true, account: '4000-02' }],
    taxes: [{ name: 'CA', rate: '0.095', amount: '23.75', account: '2200' }],
    total: '273.75',
    paidAtClose: [],
    arAccount: '1200',
    ...over,
  };
}

export function feedFile(...docs: (Record<string, unknown> | string)[]): string {
  return docs.map((d) => (typeof d === 'string' ? d : JSON.stringify(d))).join('\n') + '\n';
}
