import type Database from 'better-sqlite3';
import type { Db } from '../open';

/**
 * Prepared statements keyed by their SQL text, least recently used dropped first. List queries vary with their
 * filters (and carry today's date and chosen values as literals), so an unbounded cache would grow every day
 * the app stays open.
 */
export function createStatementCache(db: Db, max = 200) {
  const cache = new Map<string, Database.Statement>();
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  const totalChanges = db.prepare('SELECT total_changes()').pluck();
  const counts = new Map<string, number>();
  let countsAt = '';
  return {
    get(text: string): Database.Statement {
      let stmt = cache.get(text);
      if (stmt) {
        cache.delete(text);
      } else {
        stmt = db.prepare(text);
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
      }
      cache.set(text, stmt);
      return stmt;
    },
    /**
     * Every row of a query as objects, read as arrays and keyed here: with 30-odd columns this takes about half
     * the time of the driver building each object itself.
     */
    rows(text: string, ...params: unknown[]): Record<string, unknown>[] {
      const stmt = this.get(text);
      const columns = stmt.columns().map((c) => c.name);
      const out: Record<string, unknown>[] = [];
      for (const raw of stmt.raw(true).all(...params) as unknown[][]) {
        const row: Record<string, unknown> = {};
        for (let i = 0; i < columns.length; i++) row[columns[i]!] = raw[i];
        out.push(row);
      }
      stmt.raw(false);
      return out;
    },
    /** Changes whenever the database does (a write on this connection, a commit on another). */
    generation(): string {
      return `${dataVersion.get() as number}:${totalChanges.get() as number}`;
    },
    /**
     * A count(*) query's answer, kept until the database changes (a write on this connection or another): the
     * pages of one list ask for the same total again and again.
     */
    count(text: string, params: readonly unknown[]): number {
      const at = this.generation();
      if (at !== countsAt) {
        counts.clear();
        countsAt = at;
      }
      const key = `${text}\u0000${JSON.stringify(params)}`;
      let n = counts.get(key);
      if (n === undefined) {
        n = (this.get(text).get(...params) as { n: number }).n;
        if (counts.size >= max) counts.delete(counts.keys().next().value!);
        counts.set(key, n);
      }
      return n;
    },
    get size() {
      return cache.size;
    },
  };
}
export type StatementCache = ReturnType<typeof createStatementCache>;
