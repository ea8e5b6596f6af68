import { AppError } from '../errors';

/**
 * SQL built from fragments, never by editing SQL text: each fragment carries its text with `?` placeholders and
 * its parameters in order, so joining fragments keeps text and parameters in step. Identifiers and literals are
 * checked against closed patterns before they enter the text.
 */
export class Sql {
  private constructor(
    readonly text: string,
    readonly params: readonly unknown[],
  ) {}

  /** @internal builds a fragment from checked pieces. */
  static of(text: string, params: readonly unknown[] = []): Sql {
    return new Sql(text, params);
  }

  /** True when the fragment holds no text. */
  get empty(): boolean {
    return this.text.trim() === '';
  }
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const LITERAL = /^[A-Za-z0-9-]+$/;

/**
 * A fragment: `sql\`a = ${x}\``. An embedded Sql is spliced in with its parameters; any other value becomes a
 * bound parameter.
 */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  let text = strings[0] ?? '';
  const params: unknown[] = [];
  values.forEach((value, i) => {
    if (value instanceof Sql) {
      text += value.text;
      params.push(...value.params);
    } else {
      text += '?';
      params.push(value instanceof Date ? value.toISOString() : value);
    }
    text += strings[i + 1] ?? '';
  });
  return Sql.of(text, params);
}

/** A table or column name, checked to be a plain lower-case identifier. */
export function sqlId(name: string): Sql {
  if (!IDENTIFIER.test(name)) throw new AppError('INTERNAL', `Not an SQL identifier: "${name}".`);
  return Sql.of(name);
}

/**
 * A value from a closed set (an enum value, a country code, an ISO date, an integer) written into the text as a
 * literal. With bound parameters SQLite cannot use its statistics, and may walk a sort index across the whole
 * table for a rare value; literals let the planner see the value. Anything else is refused.
 */
export function sqlLiteral(value: string | number | boolean): Sql {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new AppError('VALIDATION', `Unexpected filter value ${value}.`);
    return Sql.of(String(value));
  }
  if (typeof value === 'boolean') return Sql.of(value ? '1' : '0');
  if (!LITERAL.test(value)) throw new AppError('VALIDATION', `Unexpected filter value "${value}".`);
  return Sql.of(`'${value}'`);
}

/** Fragments joined by a separator (`, `, ` AND `…); empty fragments are left out. */
export function sqlJoin(parts: readonly Sql[], separator: string): Sql {
  const kept = parts.filter((p) => !p.empty);
  return Sql.of(
    kept.map((p) => p.text).join(separator),
    kept.flatMap((p) => p.params),
  );
}

/** `a IN ('x', 'y')` with each value a checked literal. */
export function sqlInList(column: Sql, values: readonly (string | number)[]): Sql {
  return sql`${column} IN (${sqlJoin(values.map(sqlLiteral), ', ')})`;
}

/** Raw text written by the code itself (never by a user), for keywords that vary: `ASC`/`DESC`, `IS NULL`. */
export function sqlKeyword(keyword: 'ASC' | 'DESC' | 'AND' | 'OR' | 'NOT' | ''): Sql {
  return Sql.of(keyword);
}

/** The day after `day` (`YYYY-MM-DD`), in the proleptic Gregorian calendar. */
function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * A date-range filter on a column of days (both ends included), or of moments in UTC ISO-8601 (read by their UTC
 * day); null when both ends are open.
 */
export function sqlDateRange(
  column: Sql,
  range: { from: string | null; to: string | null },
  moments = false,
): Sql | null {
  const parts: Sql[] = [];
  if (range.from) parts.push(sql`${column} >= ${sqlLiteral(range.from)}`);
  if (range.to)
    parts.push(
      moments ? sql`${column} < ${sqlLiteral(nextDay(range.to))}` : sql`${column} <= ${sqlLiteral(range.to)}`,
    );
  return parts.length === 0 ? null : sql`(${sqlJoin(parts, ' AND ')})`;
}
