import {
  BREACH_RISKS,
  DPA_STATUSES,
  DUE_SOON_DAYS,
  figureLinks,
  lastTwelveMonths,
  linkPath,
  monthRange,
  OBLIGATION_KINDS,
  REVIEWED_REGISTERS,
  VALIDITIES,
  type NowItem,
  type Obligation,
  type ObligationKind,
  type Overview,
  type Reminder,
} from '../shared/overview';
import { countryName } from '../shared/countries';
import { addDays } from '../shared/rules/calendar';
import { toSecond } from '../shared/registers/breaches';
import type { AuditContext } from './audit';
import { localIsoDate } from './kit/repository';
import type { Db } from './open';
import type { Registers } from './registers';

const HOUR = 3_600_000;
const NOW_ITEMS = 10;

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** The day a moment falls on in a time zone (the organisation's), `YYYY-MM-DD`. */
function dayIn(iso: string, zone: string | null): string {
  if (!zone) return iso.slice(0, 10);
  let format = dayFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(zone, format);
  }
  return format.format(new Date(iso));
}

/**
 * The Overview, the deadlines calendar and the reminders: counts and dated obligations across the registers,
 * read in SQL over their stored and derived columns (never by loading every record). Every count is the count of
 * a register's own list under the filters the Overview links to (shared/overview.ts `figureLinks`).
 */
export function createOverview(db: Db, registers: Registers) {
  type Statement = {
    all(...params: unknown[]): unknown[];
    get(...params: unknown[]): unknown;
    run(...params: unknown[]): unknown;
    raw(on: boolean): { get(...params: unknown[]): unknown[] | undefined };
  };
  const statements = new Map<string, Statement>();
  const stmt = (text: string) => {
    let s = statements.get(text);
    if (!s) {
      s = db.prepare(text) as unknown as Statement;
      statements.set(text, s);
    }
    return s;
  };
  const repo = (name: string) => registers.repoOf(name);

  function overview(ctx: Pick<AuditContext, 'now'>): Overview {
    // Stored facts whose day has come are judged again once, for every count below.
    repo('vendors').refreshAll(ctx);
    const nowDate = ctx.now();
    const today = localIsoDate(nowDate);
    const now = toSecond(nowDate.toISOString());
    const count = (link: { register: string; filters: Record<string, unknown> }) =>
      repo(link.register).countMatching(link.filters, ctx);

    const reviewsOverdueByRegister = Object.fromEntries(
      REVIEWED_REGISTERS.map((r) => [r, count(figureLinks.reviewsOverdue(r))]),
    ) as Overview['reviewsOverdueByRegister'];

    const months = lastTwelveMonths(today);
    // The monthly series, one range count per month and value from an index (the `completedOn` and `timeliness`
    // filters; the `awareAt` and `risk` filters, awareness read in UTC).
    const monthly = (
      table: string,
      index: string,
      column: string,
      dateColumn: string,
      values: readonly (string | null)[],
      moments: boolean,
    ) => {
      const terms = months.flatMap((m) =>
        values.map((v) => {
          const { from, to } = monthRange(m);
          const end = moments ? `< '${addDays(to!, 1)}'` : `<= '${to}'`;
          return `(SELECT count(*) FROM ${table} INDEXED BY ${index} WHERE archived_at IS NULL AND ${column} ${v === null ? 'IS NULL' : `= '${v}'`} AND ${dateColumn} >= '${from}' AND ${dateColumn} ${end})`;
        }),
      );
      const row = stmt(`SELECT ${terms.join(', ')}`)
        .raw(true)
        .get() as number[];
      return months.map((_, i) => values.map((_, j) => row[i * values.length + j]!));
    };
    const closed = monthly(
      'requests',
      'requests_timeliness',
      'timeliness',
      'completed_on',
      ['on-time', 'late'],
      false,
    );
    const risks = BREACH_RISKS.map((r) => (r === 'unassessed' ? null : r));
    const breaches = monthly('breaches', 'breaches_risk', 'latest_risk', 'aware_at', risks, true);

    const hasRecords = registers.list.some((reg) =>
      Boolean(
        stmt(`SELECT EXISTS (SELECT 1 FROM ${reg.table} WHERE archived_at IS NULL) AS yes`)
          .raw(true)
          .get()?.[0],
      ),
    );
    return {
      today,
      now,
      hasRecords,
      breachesRunning: count(figureLinks.breachesRunning()),
      breachesOverdue: count(figureLinks.breachesOverdue()),
      requestsOverdue: count(figureLinks.requestsOverdue()),
      requestsDueSoon: count(figureLinks.requestsDueSoon(today)),
      acksDue: count(figureLinks.acksDue()),
      transfersByValidity: Object.fromEntries(
        VALIDITIES.map((v) => [v, count(figureLinks.transfersByValidity(v))]),
      ) as Overview['transfersByValidity'],
      vendorsByDpaStatus: Object.fromEntries(
        DPA_STATUSES.map((s) => [s, count(figureLinks.vendorsByDpaStatus(s))]),
      ),
      vendorsWithTransferGaps: count(figureLinks.vendorsWithTransferGaps()),
      reviewsOverdue: Object.values(reviewsOverdueByRegister).reduce((a, b) => a + b, 0),
      reviewsOverdueByRegister,
      activitiesNeedingDpia: count(figureLinks.activitiesNeedingDpia()),
      priorConsultations: count(figureLinks.priorConsultations()),
      objectionsDueSoon: count(figureLinks.objectionsDueSoon(today)),
      objectionsLapsed: count(figureLinks.objectionsLapsed()),
      requestsClosedByMonth: months.map((month, i) => ({
        month,
        onTime: closed[i]![0]!,
        late: closed[i]![1]!,
      })),
      breachesByMonth: months.map(
        (month, i) =>
          Object.fromEntries([
            ['month', month],
            ...BREACH_RISKS.map((risk, j) => [risk, breaches[i]![j]!]),
          ]) as Overview['breachesByMonth'][number],
      ),
      nowItems: nowItems(today, now),
    };
  }

  /** What needs the DPO now, most pressing first: running clocks, requests due, acknowledgements, Art 36. */
  function nowItems(today: string, now: string): Overview['nowItems'] {
    const breaches = (
      stmt(
        `SELECT id, title, deadline_at AS due FROM breaches INDEXED BY breaches_clock
         WHERE clock_stopped = 0 AND archived_at IS NULL ORDER BY deadline_at, id LIMIT ${NOW_ITEMS}`,
      ).all() as { id: number; title: string; due: string }[]
    ).map((b): NowItem => ({
      register: 'breaches',
      id: b.id,
      title: b.title,
      what: 'Notify the supervisory authority',
      due: b.due,
      late: b.due < now,
    }));
    const requests = (
      stmt(
        `SELECT id, reference AS title, due_on AS due, request_state AS state FROM requests INDEXED BY requests_state
         WHERE archived_at IS NULL AND (request_state = 'overdue' OR (request_state = 'open' AND due_on <= ?))
         ORDER BY due_on, id LIMIT ${NOW_ITEMS}`,
      ).all(addDays(today, DUE_SOON_DAYS)) as { id: number; title: string; due: string; state: string }[]
    ).map((r): NowItem => ({
      register: 'requests',
      id: r.id,
      title: r.title,
      what: 'Answer the request',
      due: r.due,
      late: r.state === 'overdue',
    }));
    const acks = (
      stmt(
        `SELECT id, reference AS title, ack_due_on AS due, ack_state AS state FROM requests INDEXED BY requests_ack
         WHERE archived_at IS NULL AND ack_state IN ('due', 'late') ORDER BY ack_due_on, id LIMIT ${NOW_ITEMS}`,
      ).all() as { id: number; title: string; due: string; state: string }[]
    ).map((r): NowItem => ({
      register: 'requests',
      id: r.id,
      title: r.title,
      what: 'Confirm receipt',
      due: r.due,
      late: r.state === 'late',
    }));
    const priorConsultations = (
      stmt(
        `SELECT id, title FROM dpias WHERE archived_at IS NULL AND prior_consultation = 'awaiting'
         ORDER BY title_key, id LIMIT ${NOW_ITEMS}`,
      ).all() as { id: number; title: string }[]
    ).map((d): NowItem => ({
      register: 'dpias',
      id: d.id,
      title: d.title,
      what: 'Consult the supervisory authority before processing (Art 36(1))',
      due: null,
      late: false,
    }));
    // Undecided reviews whose window closes within the week, or passed undecided.
    const objections = (
      stmt(
        `SELECT r.id, coalesce(v.name, 'Vendor #' || r.vendor_id) || ': list of ' || r.notice_on AS title,
                r.objection_deadline AS due, r.review_state AS state, r.objection_basis AS basis
         FROM reviews r INDEXED BY reviews_state LEFT JOIN vendors v ON v.id = r.vendor_id
         WHERE r.archived_at IS NULL AND (r.review_state = 'lapsed' OR (r.review_state = 'open' AND r.objection_deadline <= ?)
           OR (r.review_state = 'open' AND r.objection_basis = 'consent'))
         ORDER BY r.objection_deadline, r.id LIMIT ${NOW_ITEMS}`,
      ).all(addDays(today, DUE_SOON_DAYS)) as {
        id: number;
        title: string;
        due: string | null;
        state: string;
        basis: string;
      }[]
    ).map((r): NowItem => ({
      register: 'reviews',
      id: r.id,
      title: r.title,
      what:
        r.basis === 'consent'
          ? 'Give or refuse consent: specific authorisation (Art 28(2))'
          : r.state === 'lapsed'
            ? 'Decide: the window to object has passed'
            : 'Object or accept the new sub-processors',
      due: r.due,
      late: r.state === 'lapsed',
    }));
    return { breaches, requests, acks, priorConsultations, objections };
  }

  /**
   * Every dated obligation from `from` (or, when null, every one still open however late) to `to`, in date order.
   * Open means: a request not completed, an acknowledgement owed, a breach whose clock runs, a review of a record
   * still in use, a DPA that expires; a contract's end only from today.
   */
  function calendar(q: { from: string | null; to: string }, ctx: Pick<AuditContext, 'now'>): Obligation[] {
    repo('vendors').refreshAll(ctx);
    const nowDate = ctx.now();
    const today = localIsoDate(nowDate);
    const zone = registers.settings.organisation().timeZone;
    const from = q.from ?? '0000-01-01';
    const now = toSecond(nowDate.toISOString());
    const out: Obligation[] = [];
    const push = (
      kind: ObligationKind,
      register: Obligation['register'],
      rows: { id: number; title: string; day: string; at?: string }[],
    ) => {
      for (const r of rows) {
        const date = r.at ? dayIn(r.at, zone) : r.day;
        if (date < from || date > q.to) continue;
        const late = r.at ? r.at < now : date < today;
        out.push({
          uid: `${register}-${r.id}-${kind}@dpo-workbench`,
          kind,
          register,
          id: r.id,
          title: r.title,
          date,
          at: r.at ?? null,
          late,
        });
      }
    };
    type Row = { id: number; title: string; day: string };
    const dated = (sql: string, ...params: unknown[]) => stmt(sql).all(...params) as Row[];
    push(
      'request-due',
      'requests',
      dated(
        `SELECT id, reference AS title, due_on AS day FROM requests
         WHERE archived_at IS NULL AND request_state <> 'closed' AND due_on >= ? AND due_on <= ?`,
        from,
        q.to,
      ),
    );
    push(
      'request-ack',
      'requests',
      dated(
        `SELECT id, reference AS title, ack_due_on AS day FROM requests INDEXED BY requests_ack
         WHERE archived_at IS NULL AND ack_state IN ('due', 'late') AND ack_due_on >= ? AND ack_due_on <= ?`,
        from,
        q.to,
      ),
    );
    // A deadline's day is read in the organisation's zone: look a day either side of the range in UTC.
    push(
      'breach-deadline',
      'breaches',
      (
        stmt(
          `SELECT id, title, deadline_at AS at FROM breaches INDEXED BY breaches_clock
           WHERE clock_stopped = 0 AND archived_at IS NULL AND deadline_at >= ? AND deadline_at < ?`,
        ).all(q.from ? addDays(from, -1) : '0000', addDays(q.to, 2)) as {
          id: number;
          title: string;
          at: string;
        }[]
      ).map((b) => ({ ...b, day: b.at.slice(0, 10) })),
    );
    push(
      'dpa-expiry',
      'vendors',
      dated(
        `SELECT id, name AS title, dpa_expires_at AS day FROM vendors
         WHERE archived_at IS NULL AND status IS NOT 'offboarded' AND dpa_status IN ('signed', 'expired')
           AND dpa_expires_at >= ? AND dpa_expires_at <= ?`,
        from,
        q.to,
      ),
    );
    push(
      'contract-end',
      'vendors',
      dated(
        `SELECT id, name AS title, contract_ends_on AS day FROM vendors
         WHERE archived_at IS NULL AND status IS NOT 'offboarded' AND contract_ends_on >= ? AND contract_ends_on <= ?`,
        from > today ? from : today,
        q.to,
      ),
    );
    const reviews: [ObligationKind, Obligation['register'], string, string, string][] = [
      ['vendor-review', 'vendors', 'name', 'next_review_at', `status IS NOT 'offboarded'`],
      ['activity-review', 'activities', 'name', 'review_on', `status IS NOT 'retired'`],
      [
        'dpia-review',
        'dpias',
        'title',
        'review_on',
        `status IS NULL OR status NOT IN ('closed', 'rejected')`,
      ],
    ];
    for (const [kind, register, title, column, live] of reviews) {
      push(
        kind,
        register,
        dated(
          `SELECT id, ${title} AS title, ${column} AS day FROM ${register}
           WHERE archived_at IS NULL AND (${live}) AND ${column} >= ? AND ${column} <= ?`,
          from,
          q.to,
        ),
      );
    }
    push(
      'transfer-review',
      'transfers',
      (
        stmt(
          `SELECT t.id, coalesce(v.name, 'Vendor #' || t.importer_id) AS importer,
                  t.destination_country AS country, t.review_on AS day
           FROM transfers t LEFT JOIN vendors v ON v.id = t.importer_id
           WHERE t.archived_at IS NULL AND t.review_on >= ? AND t.review_on <= ?`,
        ).all(from, q.to) as { id: number; importer: string; country: string; day: string }[]
      ).map((t) => ({ id: t.id, title: `${t.importer} → ${countryName(t.country)}`, day: t.day })),
    );
    push(
      'objection-deadline',
      'reviews',
      (
        stmt(
          `SELECT r.id, coalesce(v.name, 'Vendor #' || r.vendor_id) AS vendor, r.notice_on AS notice,
                  r.objection_deadline AS day
           FROM reviews r INDEXED BY reviews_state LEFT JOIN vendors v ON v.id = r.vendor_id
           WHERE r.archived_at IS NULL AND r.review_state IN ('open', 'lapsed')
             AND r.objection_deadline >= ? AND r.objection_deadline <= ?`,
        ).all(from, q.to) as { id: number; vendor: string; notice: string; day: string }[]
      ).map((r) => ({ id: r.id, title: `${r.vendor}: sub-processor list of ${r.notice}`, day: r.day })),
    );
    return out.sort((a, b) =>
      a.date !== b.date ? (a.date < b.date ? -1 : 1) : (a.at ?? '') < (b.at ?? '') ? -1 : 1,
    );
  }

  /**
   * The reminders that hold now, not yet given: a breach clock under 24 hours and under 4 (and overdue, once a
   * day), a request due tomorrow, and once a day a count of what is overdue (requests, acknowledgements, reviews).
   */
  function reminders(ctx: Pick<AuditContext, 'now'>): Reminder[] {
    if (!registers.settings.get().reminders.enabled) return [];
    // Only the counts the reminders name: not the whole Overview (its monthly series and "now" lists).
    repo('vendors').refreshAll(ctx);
    const count = (link: { register: string; filters: Record<string, unknown> }) =>
      repo(link.register).countMatching(link.filters, ctx);
    const nowMs = ctx.now().getTime();
    const today = localIsoDate(ctx.now());
    const requestsOverdue = count(figureLinks.requestsOverdue());
    const out: Reminder[] = [];
    const clocks = stmt(
      `SELECT id, title, deadline_at AS due FROM breaches INDEXED BY breaches_clock
       WHERE clock_stopped = 0 AND archived_at IS NULL AND deadline_at < ? ORDER BY deadline_at, id`,
    ).all(new Date(nowMs + 24 * HOUR).toISOString()) as { id: number; title: string; due: string }[];
    for (const b of clocks) {
      const left = Date.parse(b.due) - nowMs;
      const hours = Math.floor(left / HOUR);
      const minutes = Math.floor((left % HOUR) / 60_000);
      const path = `/breaches/${b.id}`;
      if (left < 0)
        out.push({
          key: `breach:${b.id}:overdue:${today}`,
          title: `Breach notification overdue: ${b.title}`,
          body: 'The 72 hours have passed: notify the supervisory authority now, with the reasons for the delay (Art 33(1)).',
          path,
          urgency: 'critical',
        });
      else
        out.push({
          key: `breach:${b.id}:${left <= 4 * HOUR ? '4h' : '24h'}`,
          title: `${hours} h ${minutes} min left to notify: ${b.title}`,
          body: 'Notify the supervisory authority before the deadline, or record why the breach is unlikely to result in a risk.',
          path,
          urgency: left <= 4 * HOUR ? 'critical' : 'normal',
        });
    }
    const tomorrow = stmt(
      `SELECT id, reference FROM requests INDEXED BY requests_state
       WHERE archived_at IS NULL AND request_state = 'open' AND due_on = ? ORDER BY id`,
    ).all(addDays(today, 1)) as { id: number; reference: string }[];
    for (const r of tomorrow)
      out.push({
        key: `request:${r.id}:tomorrow`,
        title: `Rights request due tomorrow: ${r.reference}`,
        body: 'Answer it, or send the extension notice if the law allows one.',
        path: `/requests/${r.id}`,
        urgency: 'normal',
      });
    // An objection window closing tomorrow or today, once each.
    const windows = stmt(
      `SELECT r.id, coalesce(v.name, 'Vendor #' || r.vendor_id) AS vendor, r.objection_deadline AS due
       FROM reviews r INDEXED BY reviews_state LEFT JOIN vendors v ON v.id = r.vendor_id
       WHERE r.archived_at IS NULL AND r.review_state = 'open' AND r.objection_deadline IN (?, ?) ORDER BY r.id`,
    ).all(today, addDays(today, 1)) as { id: number; vendor: string; due: string }[];
    for (const w of windows)
      out.push({
        key: `review:${w.id}:${w.due === today ? 'today' : 'tomorrow'}`,
        title: `Last day to object ${w.due === today ? 'today' : 'tomorrow'}: ${w.vendor}'s new sub-processors`,
        body: 'Accept the new list, or send your objection before the window closes (GDPR Art 28(2)).',
        path: `/reviews/${w.id}`,
        urgency: w.due === today ? 'critical' : 'normal',
      });
    const daily = (key: string, n: number, title: string, body: string, path: string) => {
      if (n > 0) out.push({ key: `${key}:${today}`, title, body, path, urgency: 'normal' });
    };
    daily(
      'requests-overdue',
      requestsOverdue,
      `${requestsOverdue} rights request${requestsOverdue === 1 ? ' is' : 's are'} overdue`,
      'Their deadline has passed without an answer.',
      linkPath(figureLinks.requestsOverdue()),
    );
    const acksLate = repo('requests').countMatching({ ack: ['late'] }, ctx);
    daily(
      'acks-late',
      acksLate,
      `${acksLate} acknowledgement${acksLate === 1 ? ' is' : 's are'} late`,
      'Confirm receipt of these requests.',
      linkPath({ register: 'requests', filters: { ack: ['late'] } }),
    );
    for (const r of REVIEWED_REGISTERS) {
      const n = count(figureLinks.reviewsOverdue(r));
      const noun = registers.list.find((x) => x.name === r)!.noun;
      daily(
        `reviews-overdue:${r}`,
        n,
        `${n} ${n === 1 ? noun.one : noun.other} past ${n === 1 ? 'its' : 'their'} review date`,
        'Review them, then set the next review date.',
        linkPath(figureLinks.reviewsOverdue(r)),
      );
    }
    const given = stmt('SELECT 1 FROM reminders_sent WHERE key = ?');
    return out.filter((r) => !given.get(r.key));
  }

  /** Remembers reminders as given (shown as a notification or dismissed from the banner); forgets old ones. */
  function markGiven(keys: readonly string[], ctx: Pick<AuditContext, 'now'>): void {
    const at = ctx.now().toISOString();
    const insert = stmt('INSERT OR IGNORE INTO reminders_sent (key, sent_at) VALUES (?, ?)');
    db.transaction(() => {
      for (const key of keys) insert.run(key, at);
      stmt('DELETE FROM reminders_sent WHERE sent_at < ?').run(
        new Date(ctx.now().getTime() - 90 * 24 * HOUR).toISOString(),
      );
    })();
  }

  return { overview, calendar, reminders, markGiven, kinds: OBLIGATION_KINDS };
}
export type OverviewService = ReturnType<typeof createOverview>;
