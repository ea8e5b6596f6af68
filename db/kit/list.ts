import { AppError } from '../../shared/errors';
import type { DateRange, Register } from '../../shared/kit/define';
import type { SqlEnv } from '../../shared/kit/fields';
import {
  type Sql,
  sql,
  sqlDateRange,
  sqlId,
  sqlInList,
  sqlJoin,
  sqlKeyword,
  sqlLiteral,
} from '../../shared/kit/sql';
import type { StatementCache } from './statements';

/** A list query once the contract has parsed it. */
export interface ListQuery {
  offset: number;
  limit: number;
  sort: { key: string; direction: 'asc' | 'desc' };
  search: string;
  filters: Record<string, unknown>;
  archived: 'exclude' | 'only' | 'include';
}

/**
 * One condition of the list's WHERE. A set condition reads its matches as a set of ids (full-text search, a
 * country's records) and is tested from the id alone; a probe looks up a side table for the row's id; a row
 * condition reads the row's own columns.
 */
type Condition =
  { kind: 'set'; select: Sql } | { kind: 'probe'; build: (id: Sql) => Sql } | { kind: 'row'; where: Sql };

/** A condition as SQL, with the expression that names the record's id (a probe may want the plain one). */
const asWhere = (c: Condition, id: Sql, probeId: Sql = id): Sql =>
  c.kind === 'set' ? sql`${id} IN (${c.select})` : c.kind === 'probe' ? c.build(probeId) : c.where;

/** Turns what a person types into an FTS5 expression: every word must appear, each as a prefix. */
export function ftsTerms(text: string): string | null {
  const words = text.match(/[\p{L}\p{N}]+/gu);
  if (!words || words.length === 0) return null;
  return words.map((w) => `"${w}"*`).join(' ');
}

/** The conditions of a query's search and filters, in the order they narrow best. */
function conditions(reg: Register, q: Pick<ListQuery, 'search' | 'filters'>, env: SqlEnv): Condition[] {
  const out: Condition[] = [];
  const fts: string[] = [];
  const search = ftsTerms(q.search);
  if (search) fts.push(`(${search})`);
  const text = (q.filters.text ?? {}) as Record<string, string | undefined>;
  for (const f of reg.filters) {
    if (f.kind !== 'text') continue;
    const terms = text[f.key] ? ftsTerms(text[f.key]!) : null;
    if (terms) fts.push(`${f.source.name} : (${terms})`);
  }
  const ftsTable = sqlId(reg.ftsTable);
  if (fts.length > 0) {
    out.push({
      kind: 'set',
      select: sql`SELECT rowid AS id FROM ${ftsTable} WHERE ${ftsTable} MATCH ${fts.join(' AND ')}`,
    });
  }
  for (const f of reg.filters) {
    const value = q.filters[f.key];
    if (f.kind === 'text' || value === null || value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (f.kind === 'date-range' && !(value as DateRange).from && !(value as DateRange).to) continue;
    if (f.source.kind === 'derived') {
      const decl = reg.derived[f.source.name]!.filter!;
      out.push(
        decl.set
          ? { kind: 'set', select: decl.set(value as never, env) }
          : { kind: 'row', where: sql`(${decl.sql(value as never, env)})` },
      );
      continue;
    }
    const field = reg.fields[f.source.name]!;
    const column = sql`r.${sqlId(reg.fieldList.find((x) => x.name === f.source.name)!.column)}`;
    if (field.filter?.sql) {
      out.push({ kind: 'row', where: sql`(${field.filter.sql(value as never, env)})` });
    } else if (f.kind === 'yes-no') {
      out.push({ kind: 'row', where: sql`${column} = ${sqlLiteral(Boolean(value))}` });
    } else if (f.kind === 'date-range') {
      const where = sqlDateRange(column, value as DateRange, field.kind === 'instant');
      if (where) out.push({ kind: 'row', where });
    } else if (f.kind === 'country' && field.kind === 'countries') {
      const side = field.countryTable;
      if (!side) throw new AppError('INTERNAL', `${reg.name}.${f.source.name} has no country table.`);
      const codes = value as string[];
      const table = sqlId(side.table);
      const idColumn = sqlId(side.idColumn);
      // Beside a search, probe each candidate's countries; alone, read the country's records as a set.
      out.push(
        fts.length > 0
          ? {
              kind: 'probe',
              build: (id) =>
                sql`EXISTS (SELECT 1 FROM ${table} c WHERE c.${idColumn} = ${id} AND ${sqlInList(sql`c.country`, codes)})`,
            }
          : {
              kind: 'set',
              select: sql`SELECT DISTINCT ${idColumn} AS id FROM ${table} WHERE ${sqlInList(sql`country`, codes)}`,
            },
      );
    } else if (field.kind === 'choices') {
      // A record matches when its list holds any of the values chosen.
      out.push({
        kind: 'row',
        where: sql`EXISTS (SELECT 1 FROM json_each(${column}) j WHERE ${sqlInList(sql`j.value`, value as string[])})`,
      });
    } else {
      out.push({ kind: 'row', where: sqlInList(column, value as string[]) });
    }
  }
  return out;
}

export interface ListPlan {
  total: number;
  ids: number[];
}

/** The WHERE of a query's archived state and conditions, with the expression that names the record's id. */
function whereOf(archived: ListQuery['archived'], conds: Condition[]) {
  const state =
    archived === 'exclude'
      ? sql`r.archived_at IS NULL`
      : archived === 'only'
        ? sql`r.archived_at IS NOT NULL`
        : sql``;
  return (id: Sql) => {
    const parts = [state, ...conds.map((c) => asWhere(c, id, sql`r.id`))];
    const joined = sqlJoin(parts, ' AND ');
    return joined.empty ? sql`` : sql`WHERE ${joined}`;
  };
}

/**
 * Counts a query's matches in SQL: the list's total, and every count the Overview shows of a register (the same
 * filters, so a figure and the list it opens agree).
 */
export function countList(
  reg: Register,
  q: Pick<ListQuery, 'search' | 'filters' | 'archived'>,
  env: SqlEnv,
  stmts: StatementCache,
  anyArchived: () => boolean,
): number {
  const table = sqlId(reg.table);
  const conds = conditions(reg, q, env);
  const count = (s: Sql) => stmts.count(s.text, s.params);
  const where = whereOf(q.archived, conds);
  // Counting needs only ids: when nothing but the archived state touches the row, count from the narrow
  // partial index of that state rather than reading rows.
  const onlyStateTouchesRow = conds.every((c) => c.kind !== 'row');
  const sets = conds.filter((c): c is Extract<Condition, { kind: 'set' }> => c.kind === 'set');
  let total: number;
  if (onlyStateTouchesRow && q.archived === 'exclude' && sets.length > 0) {
    // The first set is counted itself and the other conditions tested on its ids; the archived records among
    // them (usually none, found through their small partial index) are taken off.
    const [first] = sets;
    const others = conds.filter((c) => c !== first).map((c) => asWhere(c, sql`s.id`));
    const rest = sqlJoin(others, ' AND ');
    total = count(
      sql`SELECT count(*) AS n FROM (${first!.select}) s ${rest.empty ? sql`` : sql`WHERE ${rest}`}`,
    );
    if (anyArchived()) {
      total -= count(
        sql`SELECT count(*) AS n FROM ${table} r INDEXED BY ${sqlId(`${reg.table}_archived`)} WHERE r.archived_at IS NOT NULL AND ${sqlJoin(
          conds.map((c) => asWhere(c, sql`r.id`)),
          ' AND ',
        )}`,
      );
    }
  } else {
    const from =
      onlyStateTouchesRow && q.archived === 'exclude'
        ? sql`${table} r INDEXED BY ${sqlId(`${reg.table}_active`)}`
        : onlyStateTouchesRow && q.archived === 'only'
          ? sql`${table} r INDEXED BY ${sqlId(`${reg.table}_archived`)}`
          : sql`${table} r`;
    total = count(sql`SELECT count(*) AS n FROM ${from} ${where(sql`r.id`)}`);
  }
  return total;
}

/**
 * Counts a query's matches and finds the ids of the page, in SQL. Enum values, country codes and today's date
 * are written as checked literals so the planner can use its statistics; the page is found through narrow index
 * entries first (a deferred join) and whole rows are read only for it.
 */
export function planList(
  reg: Register,
  q: ListQuery,
  env: SqlEnv,
  stmts: StatementCache,
  anyArchived: () => boolean,
): ListPlan {
  const total = countList(reg, q, env, stmts, anyArchived);
  if (total === 0 || q.offset >= total) return { total, ids: [] };
  const table = sqlId(reg.table);
  const conds = conditions(reg, q, env);
  const onlyStateTouchesRow = conds.every((c) => c.kind !== 'row');
  const where = whereOf(q.archived, conds);

  const sort = reg.sorts.find((s) => s.key === q.sort.key) ?? reg.sorts[0]!;
  const dir = sqlKeyword(q.sort.direction === 'desc' ? 'DESC' : 'ASC');
  const order = sql`ORDER BY r.${sqlId(sort.column)} ${dir}, r.id ${dir}`;
  // How to walk to the page. Walking the sort index (a partial index of active rows holding the sort key and
  // id) and testing each entry costs as many steps as it takes to find the page; reading every match and
  // sorting costs one row read per match. A set filter is tested from the entry alone, so walking wins unless
  // the set is small. A filter on the row's own columns needs a row read per step, so walking wins only when
  // most rows match (correlated data can put every match at the end of the index).
  const walk = q.archived === 'exclude' && (onlyStateTouchesRow ? total > 2000 : total > 20_000);
  // `+r.id` keeps SQLite from driving the query by the set; INDEXED BY makes it walk the sort index.
  const from = walk ? sql`${table} r INDEXED BY ${sqlId(`${reg.table}_${sort.column}`)}` : sql`${table} r`;
  const page = sql`SELECT r.id FROM ${from} ${where(walk ? sql`+r.id` : sql`r.id`)} ${order} LIMIT ${q.limit} OFFSET ${q.offset}`;
  const ids = stmts
    .get(page.text)
    .pluck()
    .all(...page.params) as number[];
  return { total, ids };
}

/** Reads the rows of a page in the page's order. */
export function pageRows(
  reg: Register,
  q: ListQuery,
  ids: number[],
  stmts: StatementCache,
): Record<string, unknown>[] {
  if (ids.length === 0) return [];
  const sort = reg.sorts.find((s) => s.key === q.sort.key) ?? reg.sorts[0]!;
  const dir = sqlKeyword(q.sort.direction === 'desc' ? 'DESC' : 'ASC');
  const s = sql`SELECT r.* FROM ${sqlId(reg.table)} r WHERE r.id IN (SELECT value FROM json_each(${JSON.stringify(ids)})) ORDER BY r.${sqlId(sort.column)} ${dir}, r.id ${dir}`;
  return stmts.rows(s.text, ...s.params);
}
