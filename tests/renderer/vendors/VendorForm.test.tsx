import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { installFakeCore, makeVendor } from '../fake-core';
import { currentPath, renderApp } from '../render-app';

/** Types a whole value at once; typing key by key re-renders the long form each time and is slow in jsdom. */
async function fill(user: ReturnType<typeof renderApp>['user'], input: HTMLElement, text: string) {
  await user.click(input);
  await user.paste(text);
}

const nameInput = () => screen.getByRole('textbox', { name: /^Name/ });

function fieldMessage(label: string | RegExp): string {
  const input = screen.getByLabelText(label, { selector: 'input, textarea' });
  const describedBy = input.getAttribute('aria-describedby') ?? '';
  return describedBy
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

async function openNewForm() {
  const core = installFakeCore([makeVendor(1, { name: 'Existing Processor Ltd' })]);
  const view = renderApp('/vendors/new');
  await screen.findByRole('heading', { name: 'New vendor', level: 1 });
  return { core, ...view };
}

describe('vendor form', () => {
  it('shows the shared schema’s message under the name when it is left empty, and saves nothing', async () => {
    const { core, user } = await openNewForm();

    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('A vendor needs a name.')).toBeTruthy();
    expect(fieldMessage(/^Name/)).toContain('A vendor needs a name.');
    expect(nameInput().getAttribute('aria-invalid')).toBe('true');
    expect(core.callsTo('vendors:create')).toHaveLength(0);
  });

  it('refuses a DPA that expires before it was signed, under the expiry date', async () => {
    const { core, user } = await openNewForm();

    await fill(user, nameInput(), 'Dated Processor');
    await fill(user, screen.getByLabelText('DPA signed on', { selector: 'input' }), '2024-06-01');
    await fill(user, screen.getByLabelText('DPA expires on', { selector: 'input' }), '2024-01-31');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('The DPA cannot expire before it was signed.')).toBeTruthy();
    expect(fieldMessage('DPA expires on')).toContain('The DPA cannot expire before it was signed.');
    expect(core.callsTo('vendors:create')).toHaveLength(0);
  });

  it('places the core’s VALIDATION details under their fields', async () => {
    const { core, user } = await openNewForm();
    core.override('vendors:create', () => {
      throw new AppError('VALIDATION', 'The vendor is not valid.', [
        { path: 'website', message: 'Use a full web address, such as https://example.com.' },
        { path: 'parentId', message: 'A vendor cannot be its own sub-processor.' },
      ]);
    });

    await fill(user, nameInput(), 'Web Vendor');
    await fill(user, screen.getByLabelText('Website', { selector: 'input' }), 'not a site');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Use a full web address, such as https://example.com.')).toBeTruthy();
    expect(fieldMessage('Website')).toContain('Use a full web address');
    expect(screen.getByText('A vendor cannot be its own sub-processor.')).toBeTruthy();
    expect(currentPath()).toBe('/vendors/new');

    // Editing the field clears the core's message for it.
    await fill(user, screen.getByLabelText('Website', { selector: 'input' }), 'x');
    expect(screen.queryByText('Use a full web address, such as https://example.com.')).toBeNull();
  });

  it('creates the vendor with the parsed values and opens its record', async () => {
    const { core, user } = await openNewForm();

    await fill(user, nameInput(), '  Northwind Analytics  ');
    await user.click(screen.getByRole('combobox', { name: 'Role' }));
    await user.click(await screen.findByRole('option', { name: 'Sub-processor' }));
    await user.type(
      screen.getByRole('combobox', { name: 'Services and purposes' }),
      'Analytics{Enter}Hosting,',
    );
    await fill(user, screen.getByRole('combobox', { name: 'Processing countries' }), 'Germany');
    await user.click(await screen.findByRole('option', { name: 'Germany (DE)' }));
    await fill(user, screen.getByRole('combobox', { name: 'Processing countries' }), 'US');
    await user.click(await screen.findByRole('option', { name: 'United States of America (US)' }));
    await user.type(screen.getByLabelText('Breach notice to us (hours)'), '48');
    await user.click(screen.getByRole('checkbox', { name: /Special category data/ }));
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(core.callsTo('vendors:create')).toHaveLength(1));
    const sent = core.calls.find((c) => c.channel === 'vendors:create')!.input;
    expect(sent).toMatchObject({
      name: 'Northwind Analytics',
      legalEntity: null,
      role: 'sub-processor',
      services: ['Analytics', 'Hosting'],
      processingCountries: ['DE', 'US'],
      breachNoticeHours: 48,
      objectionPeriodDays: null,
      specialCategoryData: true,
      dpaStatus: 'none',
      sourceKind: 'manual',
    });
    await waitFor(() => expect(currentPath()).toBe('/vendors/2'));
    expect(await screen.findByText('Vendor added')).toBeTruthy();
    expect(await screen.findByRole('heading', { name: 'Northwind Analytics', level: 1 })).toBeTruthy();
  });

  it('keeps a number as typed and says on the field when it is out of range, saving nothing', async () => {
    const { core, user } = await openNewForm();

    await fill(user, nameInput(), 'Ranged Processor');
    const period = screen.getByLabelText(/^Objection period/, { selector: 'input' });
    await fill(user, period, '-5');
    await user.tab();
    expect((period as HTMLInputElement).value).toBe('-5');
    expect(fieldMessage(/^Objection period/)).toContain('Use a whole number from 0 to 365.');
    await user.clear(period);
    await fill(user, period, '999');
    await user.tab();
    expect((period as HTMLInputElement).value).toBe('999');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(core.callsTo('vendors:create')).toHaveLength(0);
    expect(fieldMessage(/^Objection period/)).toMatch(/365/);
  });

  it('reads a typed date in the format chosen in Settings, shown beside the field', async () => {
    const core = installFakeCore([]);
    const settings = (await core.bridge.invoke('settings:get', {})) as {
      ok: true;
      value: Record<string, unknown>;
    };
    core.override(
      'settings:get',
      () => ({ ...settings.value, display: { dateFormat: 'DD/MM/YYYY' } }) as never,
    );
    const { user } = renderApp('/vendors/new');
    await screen.findByRole('heading', { name: 'New vendor', level: 1 });
    await waitFor(() => expect(fieldMessage('DPA signed on')).toContain('DD/MM/YYYY'));
    await fill(user, nameInput(), 'Dated Vendor');
    await user.click(screen.getByRole('combobox', { name: 'DPA status' }));
    await user.click(await screen.findByRole('option', { name: 'Signed' }));
    await fill(user, screen.getByLabelText('DPA signed on', { selector: 'input' }), '01/03/2028');
    await user.tab();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(core.callsTo('vendors:create')).toHaveLength(1));
    expect(core.lastCallTo('vendors:create')).toMatchObject({ dpaSignedAt: '2028-03-01' });
  });

  it('keeps the chosen value when it is chosen again', async () => {
    const { user } = await openNewForm();

    const risk = screen.getByRole('combobox', { name: 'Risk rating' });
    await user.click(risk);
    await user.click(await screen.findByRole('option', { name: 'High' }));
    expect((risk as HTMLInputElement).value).toBe('High');
    await user.click(risk);
    await user.click(await screen.findByRole('option', { name: 'High' }));
    expect((risk as HTMLInputElement).value).toBe('High');
  });

  it('warns under the name when the vendor may already be in the register', async () => {
    const { user } = await openNewForm();

    await fill(user, nameInput(), 'existing processor ltd');

    const warning = await screen.findByRole('status', {}, { timeout: 2000 });
    expect(within(warning).getByText('Possibly already in the register')).toBeTruthy();
    expect(within(warning).getByRole('link', { name: 'Existing Processor Ltd' }).getAttribute('href')).toBe(
      '#/vendors/1',
    );
  });

  it('asks before leaving a form with unsaved changes', async () => {
    const { user } = await openNewForm();

    await fill(user, nameInput(), 'Half typed');
    await user.click(
      within(screen.getByRole('navigation', { name: 'Registers' })).getByRole('link', { name: 'Vendors' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Leave without saving?' });
    await user.click(within(dialog).getByRole('button', { name: 'Stay on this vendor' }));
    expect(currentPath()).toBe('/vendors/new');

    await user.click(
      within(screen.getByRole('navigation', { name: 'Registers' })).getByRole('link', { name: 'Vendors' }),
    );
    await user.click(
      within(await screen.findByRole('dialog', { name: 'Leave without saving?' })).getByRole('button', {
        name: 'Leave without saving',
      }),
    );
    await waitFor(() => expect(currentPath()).toBe('/vendors'));
  });
});
