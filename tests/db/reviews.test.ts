import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, testCore } from '../helpers/core';
import { writeXlsx } from './import/fixtures';

// Lists in the shapes vendors publish them: a title block above the header, several countries in one cell,
// abbreviations and regions, footnotes under the table, a company's cell merged over two rows.
const TITLE_CSV = [
  'Acme Cloud – Sub-processors,,',
  'Last updated: 2 March 2026,,',
  ',,',
  'Name of Subprocessor,Description of Processing,Location of Processing',
  '"Amazon Web Services, Inc.",Cloud hosting,"United States, Ireland"',
  '"Zendesk, Inc.",Customer support,U.S.',
  'Twilio Inc.,SMS delivery,USA',
  'Infosys Limited,Second-line support,India',
  ',,',
  '* Infosys processes data only for customers on the Enterprise plan.,,',
].join('\r\n');

const SAME_AS_CHAIN = [
  'Sub-Processor\tPurpose\tLocation(s)',
  'Amazon Web Services, Inc.\tCloud hosting\tUnited States',
  'Zendesk, Inc.\tCustomer support\tUnited States',
  'Mailgun Technologies, Inc.\tTransactional email\tUnited States',
].join('\n');

let t: ReturnType<typeof testCore>;
let acme: number;
const ids: Record<string, number> = {};

async function chain() {
  const vendor = await ok(t.core, 'vendors:create', {
    name: 'Acme Cloud Ltd',
    role: 'processor',
    processingCountries: ['IE'],
    subprocessorAuthorisation: 'general',
    objectionPeriodDays: 30,
  });
  acme = vendor.id;
  for (const [name, services] of [
    ['Amazon Web Services, Inc.', ['Cloud hosting']],
    ['Zendesk, Inc.', ['Customer support']],
    ['Mailgun Technologies, Inc.', ['Transactional email']],
  ] as const) {
    const sub = await ok(t.core, 'vendors:create', {
      name,
      role: 'sub-processor',
      parentId: acme,
      processingCountries: ['US'],
      services: [...services],
    });
    ids[name] = sub.id;
  }
}

const counts = () =>
  t.core.db
    .prepare(
      'SELECT (SELECT count(*) FROM vendors) AS vendors, (SELECT count(*) FROM audit_log) AS audit, (SELECT count(*) FROM reviews) AS reviews',
    )
    .get();

beforeAll(async () => {
  t = testCore('2026-03-02T10:00:00Z');
  await ok(t.core, 'settings:update', { organisation: { name: 'We Are Learning AS', country: 'NO' } });
  await chain();
  writeFileSync(join(t.dir, 'title.csv'), TITLE_CSV);
});
afterAll(() => t.close());

describe('sub-processor list review', () => {
  it('keeps two legal entities of one group apart, and matches a legal form however it is spelt', async () => {
    const slack = await ok(t.core, 'vendors:create', {
      name: 'Slack Technologies, LLC',
      role: 'sub-processor',
      parentId: acme,
      processingCountries: ['US'],
    });
    const slackIe = await ok(t.core, 'vendors:create', {
      name: 'Slack Technologies Limited',
      role: 'sub-processor',
      parentId: acme,
      processingCountries: ['IE'],
    });
    const list = [
      'Subprocessor\tCountry',
      'Amazon Web Services Inc\tUnited States',
      'Zendesk, Inc.\tUnited States',
      'Mailgun Technologies, Inc.\tUnited States',
      'Slack Technologies LLC\tUnited States',
      'Slack Technologies Ltd.\tIreland',
    ].join('\n');
    const r = await ok(t.core, 'reviews:check', {
      vendor: acme,
      noticeOn: '2026-03-02',
      source: { text: list },
    });
    expect(r.noChange).toBe(true);
    expect(r.unchanged.map((u) => u.id)).toEqual(expect.arrayContaining([slack.id, slackIe.id]));
    expect(r.read.companies).toBe(5);
    // The Irish entity gone from the list: only it is removed, the US one stays.
    const without = await ok(t.core, 'reviews:check', {
      vendor: acme,
      noticeOn: '2026-03-02',
      source: { text: list.split('\n').slice(0, 5).join('\n') },
    });
    expect(without.removed).toEqual([{ id: slackIe.id, name: 'Slack Technologies Limited' }]);
    for (const id of [slack.id, slackIe.id]) await ok(t.core, 'vendors:archive', { id });
  });

  it('keeps two entities of one brand apart when the list gives the brand beside each', async () => {
    const list = [
      'Sub-processor\tLocation',
      'Amazon Web Services, Inc. (AWS)\tUnited States',
      'Amazon Web Services EMEA SARL (AWS)\tLuxembourg',
    ].join('\n');
    const r = await ok(t.core, 'reviews:check', {
      vendor: acme,
      noticeOn: '2026-03-02',
      source: { text: list },
    });
    expect(r.read.companies).toBe(2);
    expect(r.added.map((a) => a.name)).toEqual(
      expect.arrayContaining(['Amazon Web Services EMEA SARL (AWS)']),
    );
  });

  it('compares a list with title rows, multi-country cells and a footnote, and writes nothing', async () => {
    const before = counts();
    const r = await ok(t.core, 'reviews:check', {
      vendor: 'Acme Cloud',
      noticeOn: '2026-03-02',
      source: { path: join(t.dir, 'title.csv') },
    });
    expect(counts()).toEqual(before);
    expect(r.read.headerRow).toBe(4);
    expect(r.added.map((a) => [a.name, a.countries])).toEqual([
      ['Twilio Inc.', ['US']],
      ['Infosys Limited', ['IN']],
    ]);
    expect(r.removed).toEqual([
      { id: ids['Mailgun Technologies, Inc.'], name: 'Mailgun Technologies, Inc.' },
    ]);
    expect(r.changed).toEqual([
      {
        id: ids['Amazon Web Services, Inc.'],
        name: 'Amazon Web Services, Inc.',
        field: 'processingCountries',
        old: ['US'],
        new: ['US', 'IE'],
      },
    ]);
    expect(r.unchanged.map((u) => u.name)).toEqual(['Zendesk, Inc.']);
    // India is new to the chain and outside the EEA; nothing covers it. The US was processed before.
    expect(r.newThirdCountries).toEqual(['IN']);
    expect(r.coverage).toEqual([expect.objectContaining({ country: 'IN', covered: 'gap' })]);
    // 30 calendar days from 2 March 2026: 1 April 2026 (a Wednesday).
    expect(r.objectionDeadline).toBe('2026-04-01');
    expect(r.deadline).toMatchObject({ basis: 'contract', periodDays: 30, flags: [] });
    expect(r.reviewId).toBeNull();
    expect(r.noChange).toBe(false);
    // The footnote under the table is no sub-processor.
    expect(r.added.some((a) => /Enterprise/.test(a.name))).toBe(false);
  });

  it('reads a pasted web table and reports an identical list as no change', async () => {
    const r = await ok(t.core, 'reviews:check', {
      vendor: acme,
      noticeOn: '2026-03-02',
      source: { text: SAME_AS_CHAIN },
    });
    expect(r.noChange).toBe(true);
    expect(r.added).toEqual([]);
    expect(r.removed).toEqual([]);
    expect(r.changed).toEqual([]);
    expect(r.unchanged).toHaveLength(3);
    expect(r.listSource).toBe('pasted table');
    // Nothing added or changed: nothing to object to, so no deadline to nag about.
    expect(r.objectionDeadline).toBeNull();
    expect(r.deadline.basis).toBe('none');
  });

  it('reads a list that states the location once per group, above its rows', async () => {
    // The chain's three sub-processors are in the United States; this list says, once, that they are now in India.
    const grouped = [
      'Sub-Processor\tPurpose',
      'These sub-processors are located in India:\t',
      'Amazon Web Services, Inc.\tCloud hosting',
      'Zendesk, Inc.\tCustomer support',
      'Mailgun Technologies, Inc.\tTransactional email',
    ].join('\n');
    const r = await ok(t.core, 'reviews:check', {
      vendor: acme,
      noticeOn: '2026-03-02',
      source: { text: grouped },
    });
    expect(r.changed.map((c) => [c.name, c.field, c.new])).toEqual([
      ['Amazon Web Services, Inc.', 'processingCountries', ['IN']],
      ['Zendesk, Inc.', 'processingCountries', ['IN']],
      ['Mailgun Technologies, Inc.', 'processingCountries', ['IN']],
    ]);
  });

  it('reads a workbook: title block, merged company cell, region and abbreviations', async () => {
    const path = join(t.dir, 'list.xlsx');
    await writeXlsx(path, [
      {
        name: 'Subprocessors',
        rows: [
          ['Acme Cloud Sub-processor List'],
          ['Effective 2 March 2026'],
          [],
          ['Entity Name', 'Purpose/Services', 'Territories'],
          ['Amazon Web Services, Inc.', 'Cloud hosting', 'USA'],
          [null, null, 'Ireland'],
          ['Zendesk, Inc.', 'Customer support', 'U.S.'],
          ['Mailgun Technologies, Inc.', 'Transactional email', 'United States'],
          ['Snowflake Inc.', 'Data warehouse', 'EU'],
          ['Source: Acme Cloud trust centre'],
        ],
        merges: ['A5:A6', 'B5:B6'],
      },
    ]);
    const r = await ok(t.core, 'reviews:check', { vendor: acme, noticeOn: '2026-03-02', source: { path } });
    expect(r.changed).toEqual([
      expect.objectContaining({ name: 'Amazon Web Services, Inc.', new: ['US', 'IE'] }),
    ]);
    expect(r.added).toEqual([
      expect.objectContaining({ name: 'Snowflake Inc.', countries: [], unclear: ['EU'] }),
    ]);
    expect(r.removed).toEqual([]);
  });

  it('names the rows it could not read, and keeps the rest', async () => {
    const path = join(t.dir, 'bad.csv');
    writeFileSync(
      path,
      'Subprocessor,Purpose,Country\r\n"Zendesk, Inc.",Customer support,Atlantis\r\n,Hosting,Germany\r\n',
    );
    const r = await ok(t.core, 'reviews:check', { vendor: acme, noticeOn: '2026-03-02', source: { path } });
    expect(r.read.warnings.join('\n')).toMatch(/Row 2, Country: .*Atlantis/);
    expect(r.unchanged.map((u) => u.name)).toContain('Zendesk, Inc.');
  });

  it('counts the deadline from the contract terms, flagging what is not recorded', async () => {
    const other = await ok(t.core, 'vendors:create', { name: 'Nimbus Analytics GmbH', role: 'processor' });
    const r = await ok(t.core, 'reviews:check', {
      vendor: other.id,
      noticeOn: '2026-03-02',
      source: { text: 'Subprocessor\tCountry\nTwilio Inc.\tUnited States' },
    });
    // No period recorded: the shortest usual period, 10 days, and the 30-day date named.
    expect(r.objectionDeadline).toBe('2026-03-12');
    expect(r.deadline.basis).toBe('assumed');
    expect(r.deadline.flags.join(' ')).toMatch(/No objection period.*2026-04-01/);
    expect(r.deadline.flags.join(' ')).toMatch(/authorisation is not recorded/);

    const specific = await ok(t.core, 'vendors:create', {
      name: 'Strict Payroll AS',
      role: 'processor',
      subprocessorAuthorisation: 'specific',
      objectionPeriodDays: 14,
    });
    const s = await ok(t.core, 'reviews:check', {
      vendor: specific.id,
      noticeOn: '2026-03-02',
      source: { text: 'Subprocessor\tCountry\nTwilio Inc.\tUnited States' },
    });
    expect(s.objectionDeadline).toBeNull();
    expect(s.deadline.basis).toBe('consent');
    expect(s.deadline.flags[0]).toMatch(/prior written consent/);
  });

  it('saves an open review, then accepts it: the chain changes in one go, each change naming the review', async () => {
    const saved = await ok(t.core, 'reviews:record', {
      vendor: acme,
      noticeOn: '2026-03-02',
      source: { path: join(t.dir, 'title.csv') },
      noticeReference: 'Email “Updates to our sub-processors”, 2 March 2026',
    });
    expect(saved.reviewId).not.toBeNull();
    expect(saved.applied).toBeNull();
    const review = (await ok(t.core, 'reviews:get', { id: saved.reviewId! })).review;
    expect(review).toMatchObject({
      vendorName: 'Acme Cloud Ltd',
      decision: 'open',
      state: 'open',
      objectionDeadline: '2026-04-01',
      summary: '+2 −1 ~1',
      newThirdCountries: ['IN'],
    });
    expect(review.received).toHaveLength(4);
    // Another list is refused while this one is undecided.
    const again = await t.core.dispatch('reviews:record', {
      vendor: acme,
      noticeOn: '2026-03-02',
      source: { path: join(t.dir, 'title.csv') },
    });
    expect(!again.ok && again.error.code).toBe('CONFLICT');
    // So is an undecided review entered by hand through the register's form; a decided one is taken.
    const byHand = await t.core.dispatch('reviews:create', { vendorId: acme, noticeOn: '2026-03-03' });
    expect(!byHand.ok && byHand.error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/is still undecided \(review \d+\)/),
    });
    const decided = await t.core.dispatch('reviews:create', {
      vendorId: acme,
      noticeOn: '2025-11-03',
      decision: 'objected',
      decidedOn: '2025-11-10',
      objectionSentOn: '2025-11-10',
      reasons: 'The new host is in a country without a transfer tool.',
    });
    expect(decided.ok ? null : decided.error).toBeNull();

    // The deadline is on the calendar and, within the week, on the Overview.
    const due = await ok(t.core, 'calendar:get', { from: '2026-03-02', to: '2026-04-30' });
    expect(due).toContainEqual(
      expect.objectContaining({
        kind: 'objection-deadline',
        register: 'reviews',
        id: saved.reviewId,
        date: '2026-04-01',
        title: 'Acme Cloud Ltd: sub-processor list of 2026-03-02',
      }),
    );
    t.setNow('2026-03-28T09:00:00Z');
    const o = await ok(t.core, 'overview:get', {});
    expect(o.objectionsDueSoon).toBe(1);
    expect(o.nowItems.objections[0]).toMatchObject({
      register: 'reviews',
      id: saved.reviewId,
      due: '2026-04-01',
    });
    t.setNow('2026-04-02T09:00:00Z');
    expect((await ok(t.core, 'overview:get', {})).objectionsLapsed).toBe(1);
    expect((await ok(t.core, 'reviews:get', { id: saved.reviewId! })).review.state).toBe('lapsed');
    t.setNow('2026-03-02T10:00:00Z');

    const accepted = await ok(t.core, 'reviews:decide', { id: saved.reviewId!, decision: 'accepted' });
    expect(accepted).toMatchObject({ decision: 'accepted', decidedOn: '2026-03-02', state: 'decided' });
    const detail = await ok(t.core, 'vendors:get', { id: acme });
    const children = detail.children
      .filter((c) => !c.archived)
      .map((c) => c.name)
      .sort();
    expect(children).toEqual([
      'Amazon Web Services, Inc.',
      'Infosys Limited',
      'Mailgun Technologies, Inc.',
      'Twilio Inc.',
      'Zendesk, Inc.',
    ]);
    const mailgun = (await ok(t.core, 'vendors:get', { id: ids['Mailgun Technologies, Inc.']! })).vendor;
    expect(mailgun.status).toBe('offboarded');
    const aws = await ok(t.core, 'vendors:get', { id: ids['Amazon Web Services, Inc.']! });
    expect(aws.vendor.processingCountries).toEqual(['US', 'IE']);
    expect(aws.history.find((h) => h.field === 'processingCountries')?.importId).toBe(
      `review:${saved.reviewId}`,
    );
    const infosys = (accepted.changes as { change: string; name: string; vendorId: number | null }[]).find(
      (c) => c.name === 'Infosys Limited',
    )!;
    const created = (await ok(t.core, 'vendors:get', { id: infosys.vendorId! })).vendor;
    expect(created).toMatchObject({
      parentId: acme,
      role: 'sub-processor',
      sourceKind: 'import',
      sourceDetail: `Sub-processor list of Acme Cloud Ltd, received 2026-03-02 (review ${saved.reviewId})`,
    });
    // Reviewing the same list again now finds nothing to change.
    const after = await ok(t.core, 'reviews:check', {
      vendor: acme,
      noticeOn: '2026-03-02',
      source: { path: join(t.dir, 'title.csv') },
    });
    expect(after.noChange).toBe(true);
    const verify = await ok(t.core, 'audit:verify', {});
    expect(verify.ok).toBe(true);
    const calendar = await ok(t.core, 'calendar:get', { from: '2026-03-02', to: '2026-04-30' });
    expect(calendar.some((c) => c.kind === 'objection-deadline' && c.id === saved.reviewId)).toBe(false);

    // Exported with the vendors for an auditor: the review, what it changed, and the list as received.
    const file = join(t.dir, 'registers.xlsx');
    await ok(t.core, 'export:run', { target: { path: file }, registers: ['vendors', 'reviews'] } as never);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = (name: string) =>
      wb
        .getWorksheet(name)!
        .getSheetValues()
        .slice(2)
        .map((r) => (r as unknown[]).filter((c) => c !== undefined && c !== null).map(String));
    expect(sheet('Sub-processor list reviews')[0]).toEqual(
      expect.arrayContaining(['Acme Cloud Ltd', 'Accepted', '+2 −1 ~1']),
    );
    expect(sheet('Sub-processor lists received').map((r) => r[2])).toEqual([
      'Amazon Web Services, Inc.',
      'Zendesk, Inc.',
      'Twilio Inc.',
      'Infosys Limited',
    ]);
    expect(sheet('Sub-processor list changes')).toContainEqual(
      expect.arrayContaining(['Removed', 'Mailgun Technologies, Inc.']),
    );
  });

  it('refuses to accept a review whose changes no longer apply, and accepts with apply in one call', async () => {
    const vendor = await ok(t.core, 'vendors:create', {
      name: 'Orbit Mail BV',
      role: 'processor',
      objectionPeriodDays: 14,
      subprocessorAuthorisation: 'general',
    });
    const list = 'Subprocessor\tCountry\nPostmark Ltd\tUnited Kingdom';
    const open = await ok(t.core, 'reviews:record', {
      vendor: vendor.id,
      noticeOn: '2026-03-02',
      source: { text: list },
    });
    await ok(t.core, 'vendors:create', { name: 'Postmark Ltd', parentId: vendor.id, role: 'sub-processor' });
    const refused = await t.core.dispatch('reviews:decide', { id: open.reviewId!, decision: 'accepted' });
    expect(!refused.ok && refused.error).toMatchObject({ code: 'CONFLICT' });

    const objected = await t.core.dispatch('reviews:decide', { id: open.reviewId!, decision: 'objected' });
    expect(!objected.ok && objected.error.code).toBe('VALIDATION');
    const done = await ok(t.core, 'reviews:decide', {
      id: open.reviewId!,
      decision: 'objected',
      objectionSentOn: '2026-03-05',
      reasons: 'No transfer mechanism for the UK entity yet.',
    });
    expect(done).toMatchObject({ decision: 'objected', state: 'decided' });

    const direct = await ok(t.core, 'reviews:record', {
      vendor: vendor.id,
      noticeOn: '2026-03-01',
      source: { text: 'Subprocessor\tCountry\nPostmark Ltd\tUnited Kingdom\nSendgrid Inc\tUnited States' },
      decision: 'accepted',
    });
    expect(direct.applied).toEqual({ created: 1, offboarded: 0, updated: 1 });
    const later = await t.core.dispatch('reviews:check', {
      vendor: vendor.id,
      noticeOn: '2026-03-03',
      source: { text: list },
    });
    expect(!later.ok && later.error).toMatchObject({ code: 'VALIDATION', details: [{ path: 'noticeOn' }] });
  });
});
