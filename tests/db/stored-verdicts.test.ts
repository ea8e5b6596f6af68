import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { quietJob } from '../../db/import/job-context';
import { runTask } from '../../db/import/tasks';
import { ok, testCore } from '../helpers/core';
import { writeXlsx } from './import/fixtures';

/**
 * Stored verdicts (a transfer's validity, kept in a column so lists filter and count on it) while another
 * connection writes: an import holds the write lock in its worker, and a preview reads on its own read-only
 * connection.
 */
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function setup() {
  const t = testCore();
  cleanups.push(t.close);
  return t;
}

/** A transfer signed on 5 March: invalid until then (not yet signed), valid from that day. */
async function transferSignedMarch5(core: ReturnType<typeof setup>['core']) {
  await ok(core, 'settings:update', { organisation: { name: 'Example AS', country: 'DE' } });
  const v = await ok(core, 'vendors:create', { name: 'Acme Cloud' });
  return ok(core, 'transfers:create', {
    importer: v.id,
    destinationCountry: 'US',
    mechanism: 'scc-2021',
    sccModule: 2,
    tia: 'done',
    signedOn: '2026-03-05',
  });
}

const storedStatus = (dbPath: string) => {
  const db = new Database(dbPath, { readonly: true });
  try {
    return (db.prepare('SELECT validity_status AS s FROM transfers').get() as { s: string }).s;
  } finally {
    db.close();
  }
};

describe('stored verdicts under concurrent work', () => {
  it('a list does not wait for another connection’s write lock, and catches up once it is released', async () => {
    const { dbPath, core, setNow } = setup();
    await transferSignedMarch5(core);
    expect((await ok(core, 'transfers:list', { filters: { validity: ['invalid'] } })).total).toBe(1);
    setNow('2026-03-09T10:00:00Z');
    const other = new Database(dbPath);
    other.exec('BEGIN IMMEDIATE');
    try {
      // The list answers (the records are judged afresh); the stored column waits for the lock.
      const page = await ok(core, 'transfers:list', {});
      expect(page.rows.map((r) => r.validity.status)).toEqual(['valid']);
      expect(core.db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect((await ok(core, 'transfers:list', { filters: { validity: ['valid'] } })).total).toBe(1);
    expect(storedStatus(dbPath)).toBe('valid');
  });

  it('an import judges due verdicts inside its own transaction', async () => {
    const { dir, dbPath, core, setNow } = setup();
    await transferSignedMarch5(core);
    setNow('2026-03-09T10:00:00Z');
    const path = join(dir, 'v.xlsx');
    await writeXlsx(path, [{ name: 'V', rows: [['Name'], ['Zeta GmbH']] }]);
    expect(storedStatus(dbPath)).toBe('invalid');
    await ok(core, 'import:commit', {
      source: { path },
      register: 'vendors',
      sheet: null,
      headerRow: 1,
      columns: [{ column: 1, header: 'Name', field: 'name' }],
    });
    expect(storedStatus(dbPath)).toBe('valid');
  });

  it('a preview on its read-only connection works on a day a verdict is due', async () => {
    const { dir, dbPath, core } = setup();
    await transferSignedMarch5(core);
    const path = join(dir, 'v.xlsx');
    await writeXlsx(path, [
      {
        name: 'V',
        rows: [
          ['Name', 'Notes'],
          ['Acme Cloud', 'hello'],
        ],
      },
    ]);
    const request = {
      source: { path },
      register: 'vendors',
      sheet: null,
      headerRow: 1,
      columns: [
        { column: 1, header: 'Name', field: 'name' },
        { column: 2, header: 'Notes', field: 'notes' },
      ],
      options: { onDuplicate: 'update', expandRegions: false },
      expectedRows: null,
    } as never;
    const r = (await runTask(
      { kind: 'preview', path, fileName: 'v.xlsx', request },
      { actor: 'tester', now: '2026-03-09T10:00:00Z' },
      { path: dbPath },
      quietJob,
    )) as { counts: { updated: number } };
    expect(r.counts.updated).toBe(1);
  });
});
