import { afterEach, describe, expect, it } from 'vitest';
import { channels, contract } from '../../shared/contract';
import { ErrorCodes } from '../../shared/errors';
import { testCore } from '../helpers/core';

let t: ReturnType<typeof testCore>;
afterEach(() => t.close());

describe('dispatch', () => {
  it('answers an unknown channel with UNKNOWN_CHANNEL', async () => {
    t = testCore();
    expect(await t.core.dispatch('vendors:drop', {})).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL', message: 'There is no channel named "vendors:drop".' },
    });
    expect((await t.core.dispatch('__proto__', {})).ok).toBe(false);
    expect((await t.core.dispatch('toString', {})).ok).toBe(false);
  });

  it('validates input with field paths', async () => {
    t = testCore();
    const r = await t.core.dispatch('vendors:list', { limit: 'many', sort: { key: 'password' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION');
    expect((r.error.details as { path: string }[]).map((d) => d.path).sort()).toEqual(['limit', 'sort.key']);
  });

  it('never lets a stack trace out', async () => {
    t = testCore();
    t.core.db.exec('DROP TABLE vendor_countries');
    process.env.DPO_QUIET = '1';
    const r = await t.core.dispatch('vendors:create', { name: 'X', processingCountries: ['DE'] });
    delete process.env.DPO_QUIET;
    expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.any(String) } });
    expect(JSON.stringify(r)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('has a handler and schemas for every channel, and a closed set of error codes', () => {
    t = testCore();
    for (const c of channels) {
      expect(contract[c].input).toBeDefined();
      expect(contract[c].output).toBeDefined();
    }
    expect([...ErrorCodes]).toContain('INTERNAL');
  });
});
