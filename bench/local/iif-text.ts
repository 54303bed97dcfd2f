/**
 * A synthetic POR GL export (IIF) of a given size for the reader benchmark: balanced blocks of 1 TRNS
 * + 8 SPL rows + ENDTRNS, several stores and days, some quoted fields with doubled quotes, CRLF.
 */
export interface SyntheticIif {
  text: string;
  lines: number;
  blocks: number;
}

function cents(c: number): string {
  return `${c < 0 ? '-' : ''}${Math.trunc(Math.abs(c) / 100)}.${String(Math.abs(c) % 100).padStart(2, '0')}`;
}

export function makeIif(targetLines: number): SyntheticIif {
  const out = [
    '!TRNS\tTRNSID\tTRNSTYPE\tDATE\tACCNT\tNAME\tCLASS\tAMOUNT\tDOCNUM\tMEMO',
    '!SPL\tSPLID\tTRNSTYPE\tDATE\tACCNT\tNAME\tCLASS\tAMOUNT\tDOCNUM\tMEMO',
    '!ENDTRNS',
  ];
  let blocks = 0;
  while (out.length + 10 <= targetLines) {
    const store = (blocks % 9) + 1;
    const day = (Math.floor(blocks / 9) % 28) + 1;
    const date = `03/${String(day).padStart(2, '0')}/2026`;
    const cls = blocks % 5 === 0 ? `"Store ${store}:City ""${store}"""` : `Store ${store}:City`;
    const amounts = Array.from({ length: 8 }, (_, i) => -((blocks * 37 + i * 1013) % 100_000) - 1);
    const total = -amounts.reduce((a, b) => a + b, 0);
    const doc = `PR2603${String(day).padStart(2, '0')}`;
    out.push(`TRNS\t\tGENERAL JOURNAL\t${date}\t1020-0${store}\t\t${cls}\t${cents(total)}\t${doc}\tPOR EOD store ${store}`);
    amounts.forEach((a, i) => {
      out.push(`SPL\t\tGENERAL JOURNAL\t${date}\t${4000 + i * 100}\tCustomer ${i}\t${cls}\t${cents(a)}\t${doc}\tLine ${i}`);
    });
    out.push('ENDTRNS');
    blocks++;
  }
  return { text: `${out.join('\r\n')}\r\n`, lines: out.length, blocks };
}
