import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import type { Register } from '../../shared/kit/define';
import type { AnyField } from '../../shared/kit/fields';
import { registers } from '../../shared/registers/index';
import { tempDir } from '../helpers/core';

/** The SQLite type a field's kind is stored as. */
function storedType(field: AnyField): 'TEXT' | 'INTEGER' {
  return field.kind === 'int' || field.kind === 'bool' || field.kind === 'ref' ? 'INTEGER' : 'TEXT';
}

/** Whether the column must refuse NULL: values that always exist (lists, enums with a default, required fields). */
function notNull(field: AnyField): boolean {
  if (['labels', 'countries', 'choices', 'refs', 'rows', 'struct'].includes(field.kind)) return true;
  if (field.kind === 'bool') return !field.yesNo;
  return field.required;
}

describe('every register declaration against the migrated schema', () => {
  const t = tempDir();
  const { db } = openDatabase(join(t.dir, 'schema.sqlite'));
  const columns = (table: string) =>
    new Map(
      (db.pragma(`table_info(${table})`) as { name: string; type: string; notnull: number }[]).map((c) => [
        c.name,
        c,
      ]),
    );
  const indexes = (table: string) =>
    new Set((db.pragma(`index_list(${table})`) as { name: string }[]).map((i) => i.name));

  for (const reg of registers as unknown as readonly Register[]) {
    it(`${reg.name}: each field has its column, type and nullability`, () => {
      const cols = columns(reg.table);
      expect(cols.size, `${reg.table} exists`).toBeGreaterThan(0);
      for (const { name, field, column } of reg.fieldList) {
        const col = cols.get(column);
        expect(col, `${reg.name}.${name} → column ${column}`).toBeDefined();
        expect(col!.type, `${reg.name}.${name} type`).toBe(storedType(field));
        expect(col!.notnull === 1, `${reg.name}.${name} NOT NULL`).toBe(notNull(field));
      }
      for (const kit of ['id', 'import_id', 'search_extra', 'archived_at', 'created_at', 'updated_at']) {
        expect(cols.has(kit), `${reg.table}.${kit}`).toBe(true);
      }
      expect(cols.get(reg.identity.column)?.notnull, `${reg.table}.${reg.identity.column}`).toBe(1);
      const stored = Object.values(reg.derived).filter((f) => f.store);
      for (const f of stored) expect(cols.has(f.store!.column), f.store!.column).toBe(true);
      if (stored.length > 0) expect(cols.get('derived_until')?.notnull).toBe(1);
    });

    it(`${reg.name}: each sort has its partial index, and the list's state indexes exist`, () => {
      const have = indexes(reg.table);
      for (const s of reg.sorts) expect(have.has(`${reg.table}_${s.column}`), `sort ${s.key}`).toBe(true);
      expect(have.has(`${reg.table}_active`)).toBe(true);
      expect(have.has(`${reg.table}_archived`)).toBe(true);
      if (Object.values(reg.derived).some((f) => f.store))
        expect(have.has(`${reg.table}_derived_until`)).toBe(true);
    });

    it(`${reg.name}: the full-text index has a column per text filter, and country tables exist`, () => {
      const fts = [...columns(reg.ftsTable).keys()];
      const wanted = [...reg.fieldList.filter((f) => f.field.fts === 'column').map((f) => f.name), 'other'];
      expect(fts).toEqual(wanted);
      for (const f of reg.filters.filter((x) => x.kind === 'text')) {
        expect(fts, `text filter ${f.key}`).toContain(f.source.name);
      }
      for (const { field } of reg.fieldList) {
        if (field.kind !== 'countries' || !field.countryTable) continue;
        const side = columns(field.countryTable.table);
        expect([...side.keys()].sort()).toEqual(['country', field.countryTable.idColumn].sort());
      }
    });

    it(`${reg.name}: the page query walks a sort index, never the whole table`, () => {
      for (const s of reg.sorts) {
        const plan = db
          .prepare(
            `EXPLAIN QUERY PLAN SELECT r.id FROM ${reg.table} r INDEXED BY ${reg.table}_${s.column}
             WHERE r.archived_at IS NULL ORDER BY r.${s.column}, r.id LIMIT 100`,
          )
          .all() as { detail: string }[];
        const text = plan.map((p) => p.detail).join(' | ');
        expect(text, `${reg.name} by ${s.key}`).toMatch(
          new RegExp(`USING (COVERING )?INDEX ${reg.table}_${s.column}\\b`),
        );
        expect(text).not.toMatch(/USE TEMP B-TREE/);
      }
    });
  }
});
