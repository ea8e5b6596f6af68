import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Core } from '../db/core';

/** The goal every register list shares: a page in under 10 ms at the 95th percentile. */
export const GOAL_P95_MS = 10;

export function percentile(sorted: number[], p: number): number {
  return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(3));
}

/**
 * Times one list query `runs` times (after 10 warm-up calls): its matches, p50 and p95 against the goal.
 * `between` runs untimed before each call: a write there makes every call a cold one (no total or linked record
 * kept from the call before).
 */
export async function measureList(
  core: Core,
  channel: string,
  input: object,
  runs = 200,
  between?: () => void,
) {
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < runs + 10; i++) {
    between?.();
    const t0 = performance.now();
    const r = await core.dispatch(channel, input);
    const dt = performance.now() - t0;
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    total = (r.value as { total: number }).total;
    if (i >= 10) times.push(dt);
  }
  times.sort((a, b) => a - b);
  const p95 = percentile(times, 95);
  return {
    matches: total,
    p50Ms: percentile(times, 50),
    p95Ms: p95,
    goalP95Ms: GOAL_P95_MS,
    metGoal: p95 < GOAL_P95_MS,
  };
}

/**
 * Runs a benchmark on a fresh database file in a temporary folder, removed afterwards whatever happens; with
 * `BENCH_KEEP=1` the folder stays (its path on stderr) for looking into a slow query.
 */
export async function withBenchDb<T>(fn: (dbPath: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'dpo-bench-'));
  try {
    return await fn(join(dir, 'bench.sqlite'));
  } finally {
    if (process.env.BENCH_KEEP === '1') process.stderr.write(`bench: kept ${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
  }
}
