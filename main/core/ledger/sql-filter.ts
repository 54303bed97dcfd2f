/** An AND-ed WHERE clause built from optional filters: a filter left undefined adds nothing. */
export function sqlFilter() {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const add = (clause: string, value: string | number | undefined): void => {
    if (value === undefined) return;
    where.push(clause);
    params.push(value);
  };
  const sql = (): string => (where.length ? `WHERE ${where.join(' AND ')}` : '');
  return { where, params, add, sql };
}
