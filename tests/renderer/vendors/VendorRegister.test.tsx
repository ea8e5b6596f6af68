import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { installFakeCore, makeVendor } from '../fake-core';
import { currentPath, renderApp } from '../render-app';

function threeVendors() {
  return [
    makeVendor(1, {
      name: 'Acme Cloud',
      role: 'processor',
      processingCountries: ['IE', 'US'],
      headquartersCountry: 'US',
      dpaStatus: 'signed',
      dpaSignedAt: '2023-01-01',
      dpaExpiresAt: '2024-01-01',
      riskRating: 'high',
    }),
    makeVendor(2, {
      name: 'Beta Mail',
      role: 'sub-processor',
      processingCountries: ['DE'],
      dpaStatus: 'draft',
    }),
    makeVendor(3, {
      name: 'Gamma Payroll',
      role: 'processor',
      nextReviewAt: '2020-05-01',
      status: 'onboarding',
    }),
  ];
}

async function grid() {
  const table = await screen.findByRole('grid', { name: 'Vendors' });
  await within(table).findByText('Acme Cloud');
  return table;
}

describe('vendor register', () => {
  it('shows the vendors the core returns, with countries by name and chips with text', async () => {
    const core = installFakeCore(threeVendors());
    renderApp('/vendors');
    const table = await grid();

    expect(within(table).getAllByRole('row')).toHaveLength(4);
    expect(within(table).getByText('Ireland (IE), United States of America (US)')).toBeTruthy();
    // A signed DPA past its expiry reads as expired.
    expect(within(table).getByText('Expired')).toBeTruthy();
    expect(within(table).getByText('Overdue')).toBeTruthy();
    expect(within(table).getByText('Onboarding')).toBeTruthy();
    expect(screen.getByTestId('row-count').textContent).toBe('3 vendors');
    expect(core.lastCallTo('vendors:list')).toMatchObject({
      offset: 0,
      limit: 100,
      sort: { key: 'name', direction: 'asc' },
      archived: 'exclude',
    });
  });

  it('asks the core to sort when a header is clicked, and marks the header', async () => {
    const core = installFakeCore(threeVendors());
    const { user } = renderApp('/vendors');
    const table = await grid();

    await user.click(within(table).getByRole('button', { name: /^Name/ }));
    await waitFor(() =>
      expect(core.lastCallTo('vendors:list')?.sort).toEqual({ key: 'name', direction: 'desc' }),
    );
    const nameHeader = within(table).getAllByRole('columnheader')[0]!;
    expect(nameHeader.getAttribute('aria-sort')).toBe('descending');

    await user.click(within(table).getByRole('button', { name: /^Risk/ }));
    await waitFor(() =>
      expect(core.lastCallTo('vendors:list')?.sort).toEqual({ key: 'riskRating', direction: 'asc' }),
    );
    await waitFor(() => expect(within(table).getAllByRole('row')[1]!.textContent).toContain('Beta Mail'));
  });

  it('sends the search to the core after a pause in typing', async () => {
    const core = installFakeCore(threeVendors());
    const { user } = renderApp('/vendors');
    await grid();

    await user.type(screen.getByRole('searchbox', { name: 'Search vendors' }), 'payroll');
    await waitFor(() => expect(core.lastCallTo('vendors:list')?.search).toBe('payroll'));
    expect(core.callsTo('vendors:list').some((q) => q.search === 'p')).toBe(false);
    await waitFor(() => expect(screen.getByTestId('row-count').textContent).toBe('1 vendor match'));
  });

  it('filters by column: a choice, a text and the archived toggle', async () => {
    const core = installFakeCore(threeVendors());
    const { user } = renderApp('/vendors');
    const table = await grid();

    await user.click(within(table).getByRole('button', { name: 'Filter Role' }));
    await user.click(await screen.findByRole('checkbox', { name: 'Sub-processor' }));
    await waitFor(() => expect(core.lastCallTo('vendors:list')?.filters.role).toEqual(['sub-processor']));
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
    await user.keyboard('{Escape}');

    await user.click(within(table).getByRole('button', { name: 'Filter Services' }));
    await user.type(await screen.findByRole('textbox', { name: 'Services contains' }), 'hosting');
    await waitFor(() =>
      expect(core.lastCallTo('vendors:list')?.filters.text).toEqual({ services: 'hosting' }),
    );
    await user.keyboard('{Escape}');

    await user.click(screen.getByRole('button', { name: /Clear 2 filters/ }));
    await user.click(screen.getByRole('radio', { name: 'Archived' }));
    await waitFor(() =>
      expect(core.lastCallTo('vendors:list')).toMatchObject({
        archived: 'only',
        filters: { role: [], text: {} },
      }),
    );
  });

  it('filters processing countries with the country picker', async () => {
    const core = installFakeCore(threeVendors());
    const { user } = renderApp('/vendors');
    const table = await grid();

    await user.click(within(table).getByRole('button', { name: 'Filter Processing countries' }));
    await user.type(await screen.findByRole('combobox', { name: 'Processing countries is any of' }), 'USA');
    await user.click(await screen.findByRole('option', { name: 'United States of America (US)' }));
    await waitFor(() => expect(core.lastCallTo('vendors:list')?.filters.processingCountry).toEqual(['US']));
  });

  it('moves through rows with the arrow keys and opens one with Enter', async () => {
    installFakeCore(threeVendors());
    const { user } = renderApp('/vendors');
    const table = await grid();

    table.focus();
    await user.keyboard('{ArrowDown}');
    expect(table.getAttribute('aria-activedescendant')).toBe('vendor-row-1');
    expect(document.getElementById('vendor-row-1')!.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(currentPath()).toBe('/vendors/2'));
  });

  it('focuses the search with / and opens the new vendor form with n', async () => {
    installFakeCore(threeVendors());
    const { user } = renderApp('/vendors');
    await grid();

    await user.keyboard('/');
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: 'Search vendors' }));
    await user.keyboard('{Escape}');
    (document.activeElement as HTMLElement).blur();
    await user.keyboard('n');
    await waitFor(() => expect(currentPath()).toBe('/vendors/new'));
  });

  it('loads further pages by offset as the user scrolls', async () => {
    const many = Array.from({ length: 250 }, (_, i) =>
      makeVendor(i + 1, { name: `Vendor ${String(i + 1).padStart(3, '0')}` }),
    );
    const core = installFakeCore(many);
    renderApp('/vendors');
    const table = await screen.findByRole('grid', { name: 'Vendors' });
    await within(table).findByText('Vendor 001');
    expect(screen.getByTestId('row-count').textContent).toBe('250 vendors');
    expect(core.callsTo('vendors:list').map((q) => q.offset)).toEqual([0]);

    table.scrollTop = 32 * 210;
    fireEvent.scroll(table);
    await within(table).findByText('Vendor 215');
    const offsets = core.callsTo('vendors:list').map((q) => q.offset);
    expect(offsets).toContain(200);
    expect(offsets.every((o) => o % 100 === 0)).toBe(true);
  });

  it('explains an empty register and loads demo data on request', async () => {
    const core = installFakeCore([]);
    const { user } = renderApp('/vendors');

    expect(await screen.findByText('Your vendor register is empty')).toBeTruthy();
    expect(screen.getByText(/import your list from a spreadsheet/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Import from a spreadsheet' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Load demo data' }));

    expect(core.callsTo('demo:load')).toHaveLength(1);
    const table = await screen.findByRole('grid', { name: 'Vendors' });
    expect(await within(table).findByText('Cloudhost Europe')).toBeTruthy();
    expect(await screen.findByText('Demo data loaded')).toBeTruthy();
  });

  it('tells a filtered-out register apart from an empty one', async () => {
    installFakeCore(threeVendors());
    const { user } = renderApp('/vendors');
    await grid();

    await user.type(screen.getByRole('searchbox', { name: 'Search vendors' }), 'nothing like this');
    expect(await screen.findByText('No vendors match this search and these filters.')).toBeTruthy();
    expect(screen.queryByText('Your vendor register is empty')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Clear search and filters' }));
    await screen.findByText('Acme Cloud');
  });

  it('keeps the search and focus when coming back from a record', async () => {
    const core = installFakeCore(threeVendors());
    const { user } = renderApp('/vendors');
    const table = await grid();
    expect(document.activeElement).toBe(table);

    await user.type(screen.getByRole('searchbox', { name: 'Search vendors' }), 'gamma');
    await waitFor(() => expect(screen.getByTestId('row-count').textContent).toBe('1 vendor match'));
    await user.click(within(screen.getByRole('grid', { name: 'Vendors' })).getByText('Gamma Payroll'));
    await screen.findByRole('heading', { name: 'Gamma Payroll', level: 1 });

    await user.click(
      within(screen.getByRole('navigation', { name: 'Registers' })).getByRole('link', { name: 'Vendors' }),
    );
    const back = await screen.findByRole('grid', { name: 'Vendors' });
    expect((screen.getByRole('searchbox', { name: 'Search vendors' }) as HTMLInputElement).value).toBe(
      'gamma',
    );
    await within(back).findByText('Gamma Payroll');
    expect(core.lastCallTo('vendors:list')?.search).toBe('gamma');
    expect(document.activeElement).toBe(back);
  });

  it('makes the header one tab stop, with arrow keys between its sort and filter buttons', async () => {
    installFakeCore(threeVendors());
    const { user } = renderApp('/vendors');
    const table = await grid();
    const header = table.querySelector<HTMLElement>('.grid-header')!;
    const controls = [...header.querySelectorAll<HTMLElement>('[data-header-control]')];
    expect(controls.length).toBeGreaterThan(10);
    expect(controls.filter((c) => c.tabIndex === 0)).toHaveLength(1);
    // From the grid, one Tab reaches the header; the next leaves it.
    table.focus();
    await user.tab();
    expect(document.activeElement).toBe(controls[0]);
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(controls[1]);
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(controls[controls.length - 1]);
    await user.tab();
    expect(header.contains(document.activeElement)).toBe(false);
    // Coming back, the header remembers where it was.
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(controls[controls.length - 1]);
  });
});
