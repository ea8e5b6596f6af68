import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../db/core';
import { tempDir } from '../helpers/core';
import { seeded, writeCsv } from './import/fixtures';

// Kill -9 at random moments, as a power cut or a crashed laptop would: an import of 20,000 rows (some kills land
// inside its write transaction) and a loop of saves. After each, the file must pass SQLite's integrity check,
// hold all of the import or none of it, keep every save it acknowledged, and its audit log must verify (chain and
// records). Children run two at a time, so the whole test stays under a minute.
const RUNS = 20;
const ROWS = 20_000;
const CHILD = join(import.meta.dirname, 'crash-child.ts');

let dir: string;
let cleanup: () => void;
let csv: string;

beforeAll(() => {
  ({ dir, cleanup } = tempDir('dpo-crash-'));
  csv = join(dir, 'list.csv');
  writeCsv(csv, [
    ['Vendor', 'Purpose', 'Country'],
    ...Array.from({ length: ROWS }, (_, i) => [`Vendor ${i} Ltd`, 'Hosting', i % 2 ? 'Germany' : 'France']),
  ]);
});
afterAll(() => cleanup());

/** Starts the child and kills it `delayMs` after it prints `after` (or when it ends first); resolves its lines. */
function runAndKill(args: string[], after: string, delayMs: number): Promise<string[]> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DPO_QUIET: '1' },
    });
    const lines: string[] = [];
    let buffer = '';
    let armed = false;
    child.stdout.on('data', (c: Buffer) => {
      buffer += c.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      lines.push(...parts);
      if (!armed && parts.some((l) => l.startsWith(after))) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.on('exit', () => resolve(lines));
  });
}

async function inPairs<T>(n: number, job: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i += 2)
    out.push(...(await Promise.all([job(i), ...(i + 1 < n ? [job(i + 1)] : [])])));
  return out;
}

/** What the file holds after the kill, read as the app would read it next. */
async function afterCrash(dbPath: string) {
  const raw = new Database(dbPath);
  const integrity = raw.pragma('integrity_check', { simple: true });
  raw.close();
  const core = openCore({ dbPath, door: 'cli', actor: 'check', anchorFile: null, importMode: 'inline' });
  try {
    const n = (sql: string) => (core.db.prepare(sql).get() as { n: number }).n;
    const verify = await core.dispatch('audit:verify', {});
    return {
      integrity,
      vendors: n('SELECT count(*) AS n FROM vendors'),
      imports: n('SELECT count(*) AS n FROM imports'),
      maxSaved: n(
        "SELECT coalesce(max(CAST(substr(name, 7) AS INTEGER)), 0) AS n FROM vendors WHERE name LIKE 'Saved %'",
      ),
      verified: verify.ok && (verify.value as { ok: boolean }).ok,
    };
  } finally {
    core.close();
  }
}

describe('killed at random moments', () => {
  it(`an import of ${ROWS.toLocaleString('en')} rows, ${RUNS} times: all or nothing, intact, verified`, async () => {
    const random = seeded(20261201);
    const outcomes = await inPairs(RUNS, async (i) => {
      const dbPath = join(dir, `import-${i}.sqlite`);
      // Kill between 0 and 1.5 s after the write transaction opened (some runs finish first).
      const lines = await runAndKill(
        ['import', dbPath, csv],
        i % 4 === 0 ? 'inspected' : 'commit',
        Math.floor(random() * 1_500),
      );
      const state = await afterCrash(dbPath);
      expect(state.integrity, `run ${i}`).toBe('ok');
      expect([0, ROWS], `run ${i}: ${state.vendors} vendors`).toContain(state.vendors);
      expect(state.imports, `run ${i}`).toBe(state.vendors === ROWS ? 1 : 0);
      if (lines.includes('done')) expect(state.vendors, `run ${i}`).toBe(ROWS);
      expect(state.verified, `run ${i}`).toBe(true);
      return lines.includes('commit') && state.vendors === 0
        ? 'killed inside the write'
        : lines.includes('done')
          ? 'finished'
          : 'killed before';
    });
    // The test proves something only if kills landed inside the write transaction.
    expect(outcomes.filter((o) => o === 'killed inside the write').length).toBeGreaterThan(3);
  }, 120_000);

  it(`a loop of saves, ${RUNS} times: every acknowledged save kept, intact, verified`, async () => {
    const random = seeded(42);
    await inPairs(RUNS, async (i) => {
      const dbPath = join(dir, `saves-${i}.sqlite`);
      const lines = await runAndKill(['saves', dbPath, ''], 'saved 1', 100 + Math.floor(random() * 900));
      const acknowledged = Math.max(
        0,
        ...lines.filter((l) => l.startsWith('saved ')).map((l) => Number(l.slice(6))),
      );
      const state = await afterCrash(dbPath);
      expect(state.integrity, `run ${i}`).toBe('ok');
      expect(state.maxSaved, `run ${i}`).toBeGreaterThanOrEqual(acknowledged);
      expect(state.vendors, `run ${i}`).toBe(state.maxSaved);
      expect(state.verified, `run ${i}`).toBe(true);
    });
  }, 120_000);
});
