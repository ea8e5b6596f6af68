import { performance } from 'node:perf_hooks';
import { openCore } from '../db/core';
import { localIsoDate } from '../db/kit/repository';
import { breaches, requests } from '../shared/registers/index';
import { addDays } from '../shared/rules/calendar';
import { measureList, withBenchDb } from './list-measure';

const N = 100_000;
const HOUR = 3_600_000;
/** The goal for a filter on "overdue": the matching page, counted, in under 50 ms. */
const GOAL_FILTER_MS = 50;
const KINDS = [
  { jurisdiction: 'GDPR', country: 'NO', type: 'access' },
  { jurisdiction: 'GDPR', country: 'DE', type: 'erasure' },
  { jurisdiction: 'GDPR', country: 'FR', type: 'rectification' },
  { jurisdiction: 'UK-GDPR', country: null, type: 'access' },
  { jurisdiction: 'CCPA', country: null, type: 'know' },
  { jurisdiction: 'CCPA', country: null, type: 'delete' },
] as const;
const ZONES = ['Europe/Oslo', 'Europe/Berlin', 'Europe/London', null] as const;

/**
 * requests:list and breaches:list on 100,000 records each. Every page computes each record's dates from the
 * rules engine (a request's due dates and trace with the public holidays that apply; a breach's 72-hour clock at
 * the moment of the call); the lists filter and sort on the due date, state and clock kept beside each record.
 */
export async function run(): Promise<Record<string, unknown>> {
  return withBenchDb(async (dbPath) => {
    let core = openCore({ dbPath, door: 'cli', actor: 'bench' });
    const ctx = { actor: 'bench', now: () => new Date() };
    const requestRepo = core.registers.repoOf('requests');
    const breachRepo = core.registers.repoOf('breaches');
    core.registers.settings.update(
      { organisation: { name: 'Bench AS', country: 'NO', timeZone: 'Europe/Oslo' } },
      ctx,
    );
    const today = localIsoDate(new Date());
    const now = Date.now();
    const t0 = performance.now();
    core.db.transaction(() => {
      for (let i = 0; i < N; i++) {
        // Received over the last three years: most completed, some overdue, the newest open; one in fifty
        // paused for identity, one in thirty extended.
        const receivedOn = addDays(today, -(i % 1100));
        const open = i % 1100 < 60 || i % 7 === 0;
        const kind = KINDS[i % KINDS.length]!;
        requestRepo.insertOne(
          requests.schemas.input.parse({
            reference: `DSAR-${i}`,
            ...kind,
            receivedOn,
            channel: 'email',
            pauses:
              i % 50 === 0 && kind.jurisdiction !== 'CCPA'
                ? [{ from: receivedOn, to: open ? null : addDays(receivedOn, 5), reason: 'Identity' }]
                : [],
            extensionNoticeOn: i % 30 === 0 ? addDays(receivedOn, 10) : null,
            extensionReason: i % 30 === 0 ? 'Complex' : null,
            outcome: open ? null : 'fulfilled',
            completedOn: open ? null : addDays(receivedOn, 20),
          }),
          ctx,
        );
        // Aware over the last three years, most filed in time; the newest still running.
        const aware = now - (i % 26_000) * HOUR - 30 * 60_000;
        const filed = i % 26_000 >= 72 && i % 9 !== 0;
        breachRepo.insertOne(
          breaches.schemas.input.parse({
            title: `Breach ${i}: ${['lost laptop', 'misdirected email', 'phishing', 'ransomware'][i % 4]}`,
            awareAt: new Date(aware).toISOString(),
            timeZone: ZONES[i % ZONES.length],
            nature: ['confidentiality'],
            peopleAffected: i % 5000,
            assessments: [
              { assessedAt: new Date(aware + HOUR).toISOString(), level: 'risk', reasoning: 'Names.' },
            ],
            filings: filed
              ? [
                  {
                    kind: 'initial',
                    authority: 'Datatilsynet',
                    filedAt: new Date(aware + 48 * HOUR).toISOString(),
                  },
                ]
              : [],
            status: filed ? 'closed' : 'open',
          }),
          ctx,
        );
      }
    })();
    const seedMs = performance.now() - t0;
    core.close();

    const openStart = performance.now();
    core = openCore({ dbPath, door: 'cli', actor: 'bench' });
    const first = await core.dispatch('requests:list', {
      limit: 100,
      filters: { state: ['open', 'overdue'] },
      sort: { key: 'due', direction: 'asc' },
    });
    const openAndFirstPageMs = performance.now() - openStart;
    if (!first.ok) throw new Error(JSON.stringify(first.error));
    const touch = core.db.prepare("UPDATE settings SET updated_at = updated_at WHERE key = 'organisation'");
    const req = (input: object, runs?: number) => measureList(core, 'requests:list', input, runs);
    const brc = (input: object, runs?: number) => measureList(core, 'breaches:list', input, runs);
    const filterGoal = <T extends { p95Ms: number }>(m: T) => ({
      ...m,
      goalP95Ms: GOAL_FILTER_MS,
      metGoal: m.p95Ms < GOAL_FILTER_MS,
    });
    const defaultView = {
      limit: 100,
      filters: { state: ['open', 'overdue'] },
      sort: { key: 'due', direction: 'asc' },
    };

    const results = {
      requests: N,
      breaches: N,
      seedWithAuditMs: Math.round(seedMs),
      openAndFirstPageMs: Number(openAndFirstPageMs.toFixed(1)),
      'requests:list': {
        defaultViewOpenByDue: await req(defaultView),
        defaultViewAfterAWrite: await measureList(core, 'requests:list', defaultView, 200, () => touch.run()),
        allByReference: await req({ limit: 100, sort: { key: 'reference', direction: 'asc' } }),
        sortedByDueDesc: await req({ limit: 100, sort: { key: 'due', direction: 'desc' } }),
        filteredOverdue: filterGoal(await req({ limit: 100, filters: { state: ['overdue'] } })),
        filteredOverdueGdprByDue: filterGoal(
          await req({
            limit: 100,
            filters: { state: ['overdue'], jurisdiction: ['GDPR'] },
            sort: { key: 'due', direction: 'asc' },
          }),
        ),
        searched: await req({ limit: 100, search: 'dsar-4711' }),
        deepPage: await req({ limit: 100, offset: 50_000 }, 50),
      },
      'breaches:list': {
        defaultViewOpenByDeadline: await brc({ limit: 100, filters: { status: ['open', 'reopened'] } }),
        allByDeadline: await brc({ limit: 100 }),
        afterAWrite: await measureList(core, 'breaches:list', { limit: 100 }, 200, () => touch.run()),
        filteredOverdue: filterGoal(await brc({ limit: 100, filters: { clock: ['overdue'] } })),
        filteredRunning: filterGoal(await brc({ limit: 100, filters: { clock: ['running'] } })),
        searched: await brc({ limit: 100, search: 'ransomware' }),
        deepPage: await brc({ limit: 100, offset: 50_000 }, 50),
      },
    };
    core.close();
    return results;
  });
}
