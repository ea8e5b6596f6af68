import { afterEach, describe, expect, it } from 'vitest';
import { ok, testCore } from '../helpers/core';

let t: ReturnType<typeof testCore>;
afterEach(() => t?.close());

describe('archiving a vendor with sub-processors', () => {
  it('archives its sub-processors with it when asked, in one step, and one undo brings them all back', async () => {
    t = testCore('2026-12-01T09:00:00Z');
    const top = await ok(t.core, 'vendors:create', { name: 'Top' });
    const a = await ok(t.core, 'vendors:create', { name: 'Sub A', role: 'sub-processor', parentId: top.id });
    const b = await ok(t.core, 'vendors:create', { name: 'Sub B', role: 'sub-processor', parentId: a.id });
    const gone = await ok(t.core, 'vendors:create', {
      name: 'Gone',
      role: 'sub-processor',
      parentId: top.id,
    });
    await ok(t.core, 'vendors:archive', { id: gone.id });

    await ok(t.core, 'vendors:archive', { id: top.id, withDescendants: true });
    const current = await ok(t.core, 'vendors:list', {});
    expect(current.total).toBe(0);
    const detail = await ok(t.core, 'vendors:get', { id: a.id });
    expect(detail.history.filter((h) => h.action === 'archive')).toHaveLength(1);

    await ok(t.core, 'vendors:restore', { id: top.id, alsoIds: [a.id, b.id] });
    const back = await ok(t.core, 'vendors:list', {});
    expect(back.rows.map((r) => r.name).sort()).toEqual(['Sub A', 'Sub B', 'Top']);
    // The one archived before stays archived.
    expect((await ok(t.core, 'vendors:get', { id: gone.id })).vendor.archived).toBe(true);
  });

  it('archives only the vendor by default', async () => {
    t = testCore('2026-12-01T09:00:00Z');
    const top = await ok(t.core, 'vendors:create', { name: 'Top' });
    await ok(t.core, 'vendors:create', { name: 'Sub', role: 'sub-processor', parentId: top.id });
    await ok(t.core, 'vendors:archive', { id: top.id });
    expect((await ok(t.core, 'vendors:list', {})).rows.map((r) => r.name)).toEqual(['Sub']);
  });
});
