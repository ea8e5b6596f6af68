import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/domain/vendor';
import type { FakeCore } from '../fake-core';
import { installFakeCore, makeVendor } from '../fake-core';
import { currentPath, renderApp } from '../render-app';

function entry(id: number, extra: Partial<AuditEntry>): AuditEntry {
  return {
    id,
    at: `2025-03-0${id}T10:00:00.000Z`,
    actor: 'dpo@example.org',
    entity: 'vendor',
    entityId: 2,
    action: 'update',
    field: null,
    oldValue: null,
    newValue: null,
    importId: null,
    ...extra,
  };
}

function registerWithChain(): FakeCore {
  const core = installFakeCore([
    makeVendor(1, { name: 'Top Processor', role: 'processor' }),
    makeVendor(
      2,
      {
        name: 'Middle Hosting',
        role: 'sub-processor',
        parentId: 1,
        processingCountries: ['FR', 'IN', 'US'],
        dpaStatus: 'signed',
        dpaSignedAt: '2022-01-01',
        dpaExpiresAt: '2023-01-01',
      },
      { parentName: 'Top Processor' },
    ),
    makeVendor(3, { name: 'Deep Backup', role: 'sub-processor', parentId: 2 }),
  ]);
  core.details.set(2, {
    parents: [{ id: 1, name: 'Top Processor', role: 'processor', archived: false, depth: 1 }],
    children: [
      { id: 3, name: 'Deep Backup', role: 'sub-processor', archived: false, depth: 1 },
      { id: 4, name: 'Deeper Storage', role: 'sub-processor', archived: true, depth: 2 },
    ],
    history: [
      entry(1, { action: 'create' }),
      entry(2, { field: 'dpaStatus', oldValue: 'draft', newValue: 'signed' }),
      entry(3, { field: 'processingCountries', oldValue: ['FR'], newValue: ['FR', 'IN', 'US'] }),
    ],
  });
  return core;
}

async function openRecord() {
  const core = registerWithChain();
  const view = renderApp('/vendors/2');
  await screen.findByRole('heading', { name: 'Middle Hosting', level: 1 });
  return { core, ...view };
}

describe('vendor record', () => {
  it('shows the change history in readable words, newest first', async () => {
    await openRecord();

    const history = screen.getByRole('table', { name: 'Change history' });
    const rows = within(history).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    expect(rows[0]!.textContent).toContain('Processing countries');
    expect(rows[0]!.textContent).toContain('France (FR), India (IN), United States of America (US)');
    expect(rows[1]!.textContent).toContain('DPA status');
    expect(within(rows[1]!).getByText('Draft')).toBeTruthy();
    expect(within(rows[1]!).getByText('Signed')).toBeTruthy();
    expect(rows[2]!.textContent).toContain('Added to the register');
    expect(rows[2]!.textContent).toContain('dpo@example.org');
  });

  it('says archived and restored once, names an import by its file and day, and the source once', async () => {
    const core = installFakeCore([
      makeVendor(5, {
        name: 'Imported Vendor',
        sourceKind: 'import',
        sourceDetail: 'Imported from vendors20.xlsx',
      }),
    ]);
    core.details.set(5, {
      parents: [],
      children: [],
      history: [
        entry(1, {
          entityId: 5,
          action: 'create',
          importId: '82643ab7-0000-4000-8000-000000000000',
          importFile: 'vendors20.xlsx',
          importAt: '2025-03-01T09:00:00.000Z',
        }),
        entry(2, { entityId: 5, action: 'archive', field: 'archived', oldValue: false, newValue: true }),
        entry(3, { entityId: 5, action: 'restore', field: 'archived', oldValue: true, newValue: false }),
      ],
    });
    renderApp('/vendors/5');
    await screen.findByRole('heading', { name: 'Imported Vendor', level: 1 });
    const rows = within(screen.getByRole('table', { name: 'Change history' }))
      .getAllByRole('row')
      .slice(1);
    expect(rows.map((r) => r.querySelectorAll('td')[2]!.textContent)).toEqual([
      'Restored',
      'Archived',
      'Added to the register (imported from vendors20.xlsx, Mar 1, 2025)',
    ]);
    expect(rows[2]!.textContent).not.toContain('82643ab7');
    const facts = screen.getByRole('complementary', { name: 'Derived facts' });
    expect(within(facts).getByText('Imported from vendors20.xlsx')).toBeTruthy();
    expect(within(facts).queryByText(/Imported from a file/)).toBeNull();
  });

  it('shows the sub-processor chain as links, and the derived facts with their reasons', async () => {
    await openRecord();

    const chain = screen.getByRole('list', { name: 'Sub-processor chain' });
    expect(within(chain).getByRole('link', { name: 'Top Processor' }).getAttribute('href')).toBe(
      '#/vendors/1',
    );
    expect(within(chain).getByRole('link', { name: 'Deep Backup' }).getAttribute('href')).toBe('#/vendors/3');
    expect(within(chain).getByText('level 2')).toBeTruthy();
    expect(within(chain).getByText('Middle Hosting (this vendor)')).toBeTruthy();

    const facts = screen.getByRole('complementary', { name: 'Derived facts' });
    expect(within(facts).getByText(/Recorded as signed, but its expiry date .* has passed/)).toBeTruthy();
    const third = within(facts).getByRole('list', { name: 'Third countries' });
    expect(within(third).getAllByText('Needs a transfer mechanism')).toHaveLength(2);
    expect(within(third).getByText('India (IN)')).toBeTruthy();
    expect(within(third).queryByText('France (FR)')).toBeNull();
  });

  it('names the sub-processors hanging from a vendor when archiving it, and archives them too when asked', async () => {
    const { core, user } = await openRecord();
    await user.click(screen.getByRole('button', { name: 'Archive' }));
    const dialog = await screen.findByRole('dialog');
    // Deep Backup is current; Deeper Storage was archived before and is not named.
    expect(
      within(dialog).getByText(/1 vendor hangs from Middle Hosting \(sub-processor chain\)/),
    ).toBeTruthy();
    expect(within(dialog).getByText('Deep Backup.')).toBeTruthy();
    await user.click(within(dialog).getByRole('checkbox', { name: 'Archive it too' }));
    await user.click(within(dialog).getByRole('button', { name: 'Archive' }));
    await waitFor(() => expect(core.callsTo('vendors:archive')).toHaveLength(1));
    expect(core.lastCallTo('vendors:archive')).toEqual({ id: 2, withDescendants: true });
    expect(await screen.findByText('Middle Hosting and 1 vendor left the register.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(core.lastCallTo('vendors:restore')).toEqual({ id: 2, alsoIds: [3] }));
  });

  it('saves changes with the updatedAt it started from, and shows a conflict clearly', async () => {
    const { core, user } = await openRecord();
    const owner = screen.getByRole('textbox', { name: 'Internal owner' });
    await user.click(owner);
    await user.paste('Procurement');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(core.callsTo('vendors:update')).toHaveLength(1));
    expect(core.lastCallTo('vendors:update')).toMatchObject({
      id: 2,
      expectedUpdatedAt: '2025-01-10T09:00:00.000Z',
      values: { name: 'Middle Hosting', internalOwner: 'Procurement', parentId: 1 },
    });
    expect(await screen.findByText('Vendor saved')).toBeTruthy();

    // Someone else saves in between: the next save is refused and the form keeps the edits.
    core.vendors[1]!.updatedAt = '2025-07-01T00:00:00.000Z';
    await user.click(owner);
    await user.paste(' team');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const title = await screen.findByText('Someone else saved this vendor after you opened it');
    const alert = title.closest<HTMLElement>('[role="alert"]')!;
    expect((owner as HTMLInputElement).value).toBe('Procurement team');

    await user.click(within(alert).getByRole('button', { name: 'Keep my edits' }));
    // The form takes their updatedAt once their version has been read (the alert goes then): save after that.
    await waitFor(() =>
      expect(screen.queryByText('Someone else saved this vendor after you opened it')).toBeNull(),
    );
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(core.lastCallTo('vendors:update')).toMatchObject({
        expectedUpdatedAt: '2025-07-01T00:00:00.000Z',
        values: { internalOwner: 'Procurement team' },
      }),
    );
  });

  it('asks before archiving, and offers to undo', async () => {
    const { core, user } = await openRecord();

    await user.click(screen.getByRole('button', { name: 'Archive' }));
    let dialog = await screen.findByRole('dialog', { name: 'Archive Middle Hosting?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(core.callsTo('vendors:archive')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Archive' }));
    dialog = await screen.findByRole('dialog', { name: 'Archive Middle Hosting?' });
    await user.click(within(dialog).getByRole('button', { name: 'Archive' }));
    await waitFor(() => expect(core.callsTo('vendors:archive')).toEqual([{ id: 2, withDescendants: false }]));
    expect(await screen.findByText('This vendor is archived')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Restore' })).toBeTruthy();

    await user.click(await screen.findByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(core.callsTo('vendors:restore')).toEqual([{ id: 2, alsoIds: [] }]));
    expect(await screen.findByText('Vendor restored')).toBeTruthy();
    await waitFor(() => expect(screen.queryByText('This vendor is archived')).toBeNull());
  });

  it('opens a vendor in the chain from its link', async () => {
    const { user } = await openRecord();
    await user.click(screen.getByRole('link', { name: 'Deep Backup' }));
    await waitFor(() => expect(currentPath()).toBe('/vendors/3'));
    expect(await screen.findByRole('heading', { name: 'Deep Backup', level: 1 })).toBeTruthy();
  });

  it('says so when the vendor does not exist', async () => {
    installFakeCore([]);
    renderApp('/vendors/99');
    expect(await screen.findByText('No such vendor')).toBeTruthy();
  });
});
