import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { navigate, parseRoute } from '../../../renderer/src/app/router';
import { installFakeCore, makeVendor } from '../fake-core';
import { currentPath, renderApp } from '../render-app';

describe('shell', () => {
  it('reads pages from the address fragment', () => {
    expect(parseRoute('/vendors')).toEqual({ page: 'vendors' });
    expect(parseRoute('/vendors/new')).toEqual({ page: 'vendor-new' });
    expect(parseRoute('/vendors/12')).toEqual({ page: 'vendor', id: 12 });
    expect(parseRoute('/vendors/0')).toEqual({ page: 'not-found', path: '/vendors/0' });
    expect(parseRoute('/settings')).toEqual({ page: 'settings' });
    expect(parseRoute('/breaches')).toEqual({ page: 'breaches' });
    expect(parseRoute('/overview-of-nothing')).toEqual({ page: 'not-found', path: '/overview-of-nothing' });
  });

  it('lists the Overview, the calendar and the registers, and opens the Overview first', async () => {
    installFakeCore([]);
    renderApp('/');
    await waitFor(() => expect(currentPath()).toBe('/overview'));

    const registers = screen.getByRole('navigation', { name: 'Registers' });
    expect(
      within(registers)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual([
      'Overview',
      'Deadlines',
      'Rights requests',
      'Breaches',
      'DPIAs',
      'Processing activities',
      'Vendors',
      'Transfers',
      'Sub-processor list reviews',
    ]);
    expect(within(registers).getByRole('link', { name: 'Overview' }).getAttribute('aria-current')).toBe(
      'page',
    );
    const workbench = screen.getByRole('navigation', { name: 'Workbench' });
    expect(
      within(workbench)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['Import / Export', 'Settings']);
  });

  it('shows what app:info reports on the settings page, and checks the change history', async () => {
    const core = installFakeCore([]);
    const { user } = renderApp('/settings');

    expect(await screen.findByText('0.1.0')).toBeTruthy();
    expect(screen.getByText('version 3')).toBeTruthy();
    expect(screen.getByText('/tmp/test.sqlite')).toBeTruthy();
    expect(screen.getByText('Desktop window')).toBeTruthy();

    core.override('audit:verify', () => ({
      ok: false,
      chainOk: false,
      entries: 12,
      firstBadId: 7,
      reason: 'hash mismatch',
      records: {
        checked: 3,
        total: 1,
        mismatches: [{ register: 'vendors', id: 2, problem: 'Name differs from what the log recorded' }],
      },
      head: { id: 12, hash: 'ab'.repeat(32) },
      anchor: {
        ok: false,
        message: 'The audit log is shorter than when this app last saw it.',
        recordedId: 14,
      },
    }));
    await user.click(screen.getByRole('button', { name: 'Check the change history' }));
    expect(await screen.findByText('Entry 7 does not match: hash mismatch.')).toBeTruthy();
    expect(screen.getByText('vendors 2: Name differs from what the log recorded.')).toBeTruthy();
    expect(screen.getByText('The audit log is shorter than when this app last saw it.')).toBeTruthy();
  });
});

describe('record pages across registers', () => {
  it('going from vendor 1 to transfer 1 and back shows each record, never the other’s state', async () => {
    const core = installFakeCore([
      makeVendor(1, { name: 'Acme Cloud', role: 'processor', notes: 'Vendor note' }),
    ]);
    await core.bridge.invoke('transfers:create', {
      importer: 1,
      destinationCountry: 'US',
      mechanism: 'scc-2021',
      sccModule: 2,
      exporterCountry: 'DE',
      notes: 'Transfer note',
    });
    renderApp('/vendors/1');
    await screen.findByRole('heading', { name: 'Acme Cloud', level: 1 });
    await act(async () => navigate('/transfers/1'));
    await waitFor(() =>
      expect((document.getElementById('transfer-notes') as HTMLTextAreaElement | null)?.value).toBe(
        'Transfer note',
      ),
    );
    await act(async () => navigate('/vendors/1'));
    await waitFor(() =>
      expect((document.getElementById('vendor-notes') as HTMLTextAreaElement | null)?.value).toBe(
        'Vendor note',
      ),
    );
  });
});
