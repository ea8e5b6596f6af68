import type Database from 'better-sqlite3';
import type { Db } from '../open';

/**
 * Prepared statements keyed by their SQL text, least recently used dropped first. List queries vary with their
 * filters (and carry today's date and chosen values as literals), so an unbounded cache would grow every day
 * the app stays open.
 */
export function createStatementCache(db: Db, max = 200) {
  const cache = new Map<string, Database.Statement>();
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
    get size() {
      return cache.size;
    },
  };
}
export type StatementCache = ReturnType<typeof createStatementCache>;
