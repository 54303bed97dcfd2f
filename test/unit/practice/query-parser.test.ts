import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../main/core/practice/query-parser';
import { QboFault } from '../../../main/core/practice/faults';

function faultCode(text: string): string {
  try {
    parseQuery(text);
  } catch (e) {
    if (e instanceof QboFault) return e.code;
    throw e;
  }
  return 'parsed';
}

describe('parseQuery', () => {
  it('parses select *, where with =, IN, LIKE, <, >, AND, orderby and paging', () => {
    const q = parseQuery(
      "select * from Account where Active = true and AcctNum IN ('1000', '1020-01') and Name LIKE 'Op%' and MetaData.LastUpdatedTime > '2026-01-01T00:00:00-08:00' and CurrentBalance < -5.5 orderby AcctNum desc, Name startposition 11 maxresults 10",
    );
    expect(q).toEqual({
      entity: 'Account',
      count: false,
      fields: null,
      where: [
        { field: 'Active', op: '=', values: [true] },
        { field: 'AcctNum', op: 'in', values: ['1000', '1020-01'] },
        { field: 'Name', op: 'like', values: ['Op%'] },
        { field: 'MetaData.LastUpdatedTime', op: '>', values: ['2026-01-01T00:00:00-08:00'] },
        { field: 'CurrentBalance', op: '<', values: [-5.5] },
      ],
      orderBy: [
        { field: 'AcctNum', desc: true },
        { field: 'Name', desc: false },
      ],
      startPosition: 11,
      maxResults: 10,
    });
  });

  it('reads count(*), projections, lower-case keywords and defaults (start 1, 100 rows)', () => {
    expect(parseQuery('SELECT COUNT(*) FROM Customer')).toMatchObject({ count: true, entity: 'Customer', startPosition: 1, maxResults: 100 });
    expect(parseQuery('select Id, Name from Class').fields).toEqual(['Id', 'Name']);
  });

  it("unescapes apostrophes written as \\' or ''", () => {
    expect(parseQuery("select * from Customer where DisplayName = 'O\\'Brien'").where[0]!.values).toEqual(["O'Brien"]);
    expect(parseQuery("select * from Customer where DisplayName = 'O''Brien'").where[0]!.values).toEqual(["O'Brien"]);
  });

  it('caps maxresults at 1000, as QBO does', () => {
    expect(parseQuery('select * from Item maxresults 5000').maxResults).toBe(1000);
  });

  it('faults on OR, unterminated strings, junk and missing parts (4000), maxresults 0 (4001)', () => {
    expect(faultCode("select * from Item where Name = 'a' or Name = 'b'")).toBe('4000');
    expect(faultCode("select * from Item where Name = 'a")).toBe('4000');
    expect(faultCode('select * from Item where Name ~ 1')).toBe('4000');
    expect(faultCode('select from Item')).toBe('4000');
    expect(faultCode('select * from Item extra')).toBe('4000');
    expect(faultCode('select * from Item maxresults 0')).toBe('4001');
  });
});
