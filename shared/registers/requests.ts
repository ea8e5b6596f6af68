import { z } from 'zod';
import { AppError } from '../errors';
import { defineRegister, derived, type BaseRecord, type DateRange, type StoredFields } from '../kit/define';
import { choice, country, date, longText, refs, rows, text, type EnumOption } from '../kit/fields';
import { notesField } from '../kit/oversight';
import { sourceFields } from '../kit/source';
import { sql, sqlDateRange, sqlInList } from '../kit/sql';
import { foldText } from '../import/text';
import { findJurisdiction, JURISDICTIONS } from '../reference/jurisdictions';
import { addDays, daysBetween } from '../rules/calendar';
import {
  computeRightsDeadline,
  type RightsDeadline,
  type RightsDeadlineInput,
} from '../rules/rights-deadline';
import type { Settings } from '../domain/settings';

/** Every request type any jurisdiction knows, labelled as the first law that has it names it. */
const TYPE_OPTIONS: EnumOption[] = [];
for (const j of JURISDICTIONS) {
  for (const t of j.requestTypes) {
    if (!TYPE_OPTIONS.some((o) => o.value === t.type)) TYPE_OPTIONS.push({ value: t.type, label: t.label });
  }
}

const PAUSES = {
  noun: { one: 'clock pause', other: 'clock pauses' },
  titleOf: (p: Record<string, unknown>) =>
    `${(p.from as string | null) ?? ''} – ${(p.to as string | null) ?? 'open'}${p.reason ? `: ${String(p.reason)}` : ''}`,
  fields: {
    from: { kind: 'date', label: 'From', required: true },
    to: { kind: 'date', label: 'To', description: 'Empty while the clock is stopped' },
    reason: { kind: 'text', label: 'Reason', required: true, max: 300 },
  },
  max: 20,
} as const;

const fields = {
  reference: text({
    label: 'Reference',
    required: true,
    message: 'Give the request a reference, e.g. DSAR-2026-014.',
    max: 100,
    sort: true,
    filter: { kind: 'text' },
    fts: 'column',
    table: { size: 150 },
    form: { section: 'request' },
    import: {
      synonyms: { exact: ['reference', 'ref', 'id'], phrases: ['request reference', 'case number'] },
    },
  }),
  jurisdiction: choice({
    label: 'Jurisdiction',
    options: JURISDICTIONS.map((j) => ({ value: j.code, label: j.name, words: [j.code.toLowerCase()] })),
    filter: { kind: 'choice' },
    fts: 'other',
    table: { size: 140 },
    form: { section: 'request', description: 'The law the deadline follows (your default from Settings)' },
    import: { synonyms: { exact: ['jurisdiction', 'law', 'regime'], phrases: ['applicable law'] } },
  }),
  country: country({
    label: 'Country (holidays)',
    table: false,
    form: { section: 'request', description: 'GDPR: the EEA country whose public holidays apply' },
    import: { synonyms: { exact: ['country'], phrases: ['country of the requester'] } },
  }),
  region: text({
    label: 'Region (holidays)',
    max: 10,
    table: false,
    form: {
      section: 'request',
      description: 'A UK nation (eng, sct, nir), a German state (BY), a province or canton',
    },
    import: false,
  }),
  type: choice({
    label: 'Request type',
    short: 'Type',
    options: TYPE_OPTIONS,
    filter: { kind: 'choice' },
    fts: 'other',
    table: { size: 150 },
    form: { section: 'request' },
    import: {
      synonyms: { exact: ['type', 'right'], phrases: ['type of request', 'request type', 'right exercised'] },
    },
  }),
  receivedOn: date({
    label: 'Received on',
    required: true,
    message: 'Give the day the request was received.',
    sort: true,
    table: { size: 120 },
    form: { section: 'request' },
    import: { synonyms: { phrases: ['date received', 'received on', 'date of request'] } },
  }),
  channel: choice({
    label: 'Received through',
    options: [
      { value: 'email', label: 'Email' },
      { value: 'web-form', label: 'Web form' },
      { value: 'post', label: 'Post' },
      { value: 'phone', label: 'Phone' },
      { value: 'in-person', label: 'In person' },
      { value: 'other', label: 'Other' },
    ],
    table: false,
    form: { section: 'request' },
    import: { synonyms: { exact: ['channel'], phrases: ['received through', 'received via'] } },
  }),
  requester: longText({
    label: 'Requester’s contact',
    max: 1000,
    table: false,
    personal: true,
    erase: { after: 'completedOn', days: (settings) => settings.deadlines.contactRetentionDays },
    form: {
      section: 'request',
      wide: true,
      description:
        'Only what you need to answer; erased from the record a set time after completion (Settings), the dates stay',
    },
    import: false,
  }),
  identityReceivedOn: date({
    label: 'Identity evidence received on',
    table: false,
    form: {
      section: 'clock',
      description: 'UK GDPR: the clock starts at the latest of request, ID and fee (Art 12A)',
    },
    import: false,
  }),
  feeReceivedOn: date({ label: 'Fee received on', table: false, form: { section: 'clock' }, import: false }),
  acknowledgedOn: date({
    label: 'Acknowledged on',
    table: { size: 120, hidden: true },
    form: {
      section: 'clock',
      description: 'The day you confirmed receipt (CCPA: within 10 business days, 11 CCR §7021(a))',
    },
    import: { synonyms: { phrases: ['acknowledged on', 'date acknowledged', 'acknowledgement sent'] } },
  }),
  pauses: rows({
    label: 'Clock pauses',
    table: false,
    form: {
      section: 'clock',
      description: 'While you wait for information you asked for; one open at a time',
    },
    rows: PAUSES,
    import: false,
  }),
  extensionNoticeOn: date({
    label: 'Extension notice sent on',
    table: false,
    form: { section: 'clock', description: 'Extends the deadline as far as the law allows' },
    import: false,
  }),
  extensionReason: longText({
    label: 'Reason for the extension',
    table: false,
    form: { section: 'clock', wide: true },
    import: false,
  }),
  outcome: choice({
    label: 'Outcome',
    options: [
      { value: 'fulfilled', label: 'Fulfilled', color: 'green' },
      { value: 'partly', label: 'Partly fulfilled', color: 'yellow' },
      { value: 'refused', label: 'Refused', color: 'red' },
      { value: 'no-data', label: 'No data held', color: 'gray' },
    ],
    filter: { kind: 'choice' },
    table: { size: 120, hidden: true },
    form: { section: 'outcome' },
    import: { synonyms: { exact: ['outcome', 'result'], phrases: ['action taken', 'request status'] } },
  }),
  refusalGround: text({
    label: 'Ground for refusing',
    max: 300,
    table: false,
    form: { section: 'outcome' },
    import: false,
  }),
  completedOn: date({
    label: 'Completed on',
    filter: { kind: 'date-range' },
    table: { size: 120, hidden: true },
    form: { section: 'outcome' },
    import: { synonyms: { phrases: ['completed on', 'date closed', 'closure date'] } },
  }),
  activities: refs({
    label: 'Processing activities searched',
    register: 'activities',
    nameKey: 'activityNames',
    link: { table: 'request_activities', idColumn: 'request_id', refColumn: 'activity_id' },
    table: false,
    form: { section: 'outcome', wide: true },
    import: false,
  }),
  actions: longText({
    label: 'What was done in each',
    fts: 'column',
    table: false,
    form: { section: 'outcome', wide: true },
    import: false,
  }),
  notes: notesField('outcome'),
  ...sourceFields('outcome'),
};

type RequestBase = BaseRecord<typeof fields>;
type Pause = { from: string; to: string | null; reason: string };

/** The rules engine's input for a request, with the organisation's deadline settings; open pauses run to today. */
export function deadlineInput(
  r: StoredFields<typeof fields>,
  settings: Settings,
  today: string,
): RightsDeadlineInput {
  const d = settings.deadlines;
  return {
    jurisdiction: r.jurisdiction as RightsDeadlineInput['jurisdiction'],
    country: r.country,
    region: r.region,
    requestType: r.type ?? '',
    receivedOn: r.receivedOn,
    identityReceivedOn: r.identityReceivedOn,
    feeReceivedOn: r.feeReceivedOn,
    pauses: (r.pauses as Pause[]).map((p) => ({
      from: p.from,
      to: p.to ?? (today < p.from ? p.from : today),
      reason: p.reason,
    })),
    extended: r.extensionNoticeOn !== null,
    extensionMethod: d.extensionMethod ?? undefined,
    readings: d.readings,
    smallProcessingAgent: d.smallProcessingAgent,
    internalTargetDays: d.internalTargetDays,
  };
}

const memo = new WeakMap<object, { today: string; value: RightsDeadline }>();

/** The engine's deadline for a request, worked out once per record and day. */
function deadlineOf(r: RequestBase, env: { today: string; settings: Settings }): RightsDeadline {
  const known = memo.get(r);
  if (known && known.today === env.today) return known.value;
  const value = computeRightsDeadline(deadlineInput(r, env.settings, env.today));
  memo.set(r, { today: env.today, value });
  return value;
}

const hasOpenPause = (r: { pauses: unknown }) => (r.pauses as Pause[]).some((p) => p.to === null);

/** open / overdue / closed: closed once completed; overdue once the day after the due date has come. */
function stateOf(r: RequestBase, env: { today: string; settings: Settings }) {
  if (r.completedOn) return 'closed' as const;
  return deadlineOf(r, env).due < env.today ? ('overdue' as const) : ('open' as const);
}

/** Owed, late, sent, or none owed (no acknowledgement in the law, or the request already answered). */
function ackStateOf(r: RequestBase, env: { today: string; settings: Settings }) {
  if (r.acknowledgedOn) return 'sent' as const;
  const due = deadlineOf(r, env).ackDue;
  if (due === null || r.completedOn) return 'none' as const;
  return due < env.today ? ('late' as const) : ('due' as const);
}

const StepSchema = z.object({
  text: z.string(),
  rule: z.string(),
  confidence: z.string(),
  date: z.string().optional(),
});

const dateFact = (label: string, pick: (d: RightsDeadline) => string | null, exportAs: string | false) =>
  derived({
    label,
    schema: z.string().nullable(),
    compute: (r: RequestBase, env) => pick(deadlineOf(r, env)),
    table: false,
    export: exportAs,
    display: 'date',
  });

/** Rights requests (GDPR Arts 12, 15–22; CCPA and the other laws the engine knows), each with its deadlines. */
export const requests = defineRegister({
  name: 'requests',
  entity: 'request',
  table: 'requests',
  ftsTable: 'request_fts',
  title: 'Rights requests',
  noun: { one: 'rights request', other: 'rights requests' },
  description:
    'This register tracks the requests people make to exercise their rights (access, erasure, objection …): when each arrived, under which law, any clock pause or extension, and the outcome. Due dates come from the rules engine with the reason for each step, for the law and the public holidays that apply; the register opens on the open requests, soonest due first.',
  fields,
  sections: [
    { id: 'request', legend: 'The request', cols: 3 },
    { id: 'clock', legend: 'The clock', cols: 3 },
    { id: 'outcome', legend: 'Outcome', cols: 3 },
  ],
  derived: {
    /** The date to answer by: the legal deadline, or the internal target when earlier. Kept for sorting. */
    due: derived({
      label: 'Due',
      schema: z.string(),
      compute: (r: RequestBase, env) => deadlineOf(r, env).due,
      display: 'date',
      table: { size: 120, after: 'receivedOn' },
      export: 'Due',
      sort: true,
      store: {
        column: 'due_on',
        value: (d) => d,
        // An open pause moves the due date day by day.
        until: (r: RequestBase, env) => (hasOpenPause(r) ? addDays(env.today, 1) : null),
      },
      filter: {
        kind: 'date-range',
        key: 'due',
        sql: (range: DateRange) => sqlDateRange(sql`r.due_on`, range) ?? sql`1`,
      },
    }),
    /** open, overdue or closed; kept so the register opens on what is open, overdue first. */
    state: derived({
      label: 'State',
      schema: z.enum(['open', 'overdue', 'closed']),
      compute: (r: RequestBase, env) => stateOf(r, env),
      table: { size: 170, after: 'due' },
      export: 'State',
      store: {
        column: 'request_state',
        value: (s) => s,
        until: (r: RequestBase, env) => {
          if (r.completedOn) return null;
          if (hasOpenPause(r)) return addDays(env.today, 1);
          const due = deadlineOf(r, env).due;
          return due < env.today ? null : addDays(due, 1);
        },
      },
      filter: {
        kind: 'choice',
        key: 'state',
        options: [
          { value: 'open', label: 'Open' },
          { value: 'overdue', label: 'Overdue' },
          { value: 'closed', label: 'Closed' },
        ],
        sql: (states: readonly string[]) => sqlInList(sql`r.request_state`, states),
      },
    }),
    daysLeft: derived({
      label: 'Days left',
      schema: z.number().int().nullable(),
      compute: (r: RequestBase, env) =>
        r.completedOn ? null : daysBetween(env.today, deadlineOf(r, env).due),
      table: { size: 90, after: 'state', hidden: true },
      export: false,
    }),
    /** The legal deadline, kept so a closed request can be judged on time or late in SQL. */
    legalDue: derived({
      ...dateFact('Legal deadline', (d) => d.legalDue, 'Legal deadline'),
      store: {
        column: 'legal_due_on',
        value: (d) => d,
        until: (r: RequestBase, env) => (hasOpenPause(r) ? addDays(env.today, 1) : null),
      },
    }),
    /** A closed request answered by its legal deadline, or after it. */
    timeliness: derived({
      label: 'Answered',
      schema: z.enum(['on-time', 'late']).nullable(),
      compute: (r: RequestBase, env) =>
        r.completedOn === null ? null : r.completedOn <= deadlineOf(r, env).legalDue ? 'on-time' : 'late',
      table: { size: 110, after: 'completedOn', hidden: true },
      export: 'Answered within the legal deadline',
      // Kept, so the Overview counts each month's closed requests from an index.
      store: {
        column: 'timeliness',
        value: (v) => v,
        until: (r: RequestBase, env) =>
          r.completedOn === null && hasOpenPause(r) ? addDays(env.today, 1) : null,
      },
      filter: {
        kind: 'choice',
        key: 'timeliness',
        options: [
          { value: 'on-time', label: 'On time' },
          { value: 'late', label: 'Late' },
        ],
        sql: (wanted: readonly string[]) => sqlInList(sql`r.timeliness`, wanted),
      },
    }),
    baseDue: dateFact('Deadline without extension', (d) => d.baseDue, 'Deadline without extension'),
    extendedDue: dateFact('Latest if extended', (d) => d.extendedDue, 'Latest if extended'),
    extensionNoticeDue: dateFact('Extension notice by', (d) => d.extensionNoticeDue, false),
    /** The day receipt must be confirmed by, where the law asks for it; kept for the calendar. */
    ackDue: derived({
      ...dateFact('Acknowledge by', (d) => d.ackDue, 'Acknowledge by'),
      store: {
        column: 'ack_due_on',
        value: (d) => d,
        until: (r: RequestBase, env) => (hasOpenPause(r) ? addDays(env.today, 1) : null),
      },
    }),
    /**
     * The acknowledgement the law asks for (CCPA: 11 CCR §7021(a)): owed, late, sent, or none owed (the law
     * asks none, or the request is answered). Kept so the Overview and the list count what is owed.
     */
    acknowledgement: derived({
      label: 'Acknowledgement',
      schema: z.enum(['due', 'late', 'sent', 'none']),
      compute: (r: RequestBase, env) => ackStateOf(r, env),
      table: { size: 130, after: 'state', hidden: true },
      export: 'Acknowledgement',
      store: {
        column: 'ack_state',
        value: (s) => s,
        until: (r: RequestBase, env) => {
          if (hasOpenPause(r)) return addDays(env.today, 1);
          const state = ackStateOf(r, env);
          return state === 'due' ? addDays(deadlineOf(r, env).ackDue!, 1) : null;
        },
      },
      filter: {
        kind: 'choice',
        key: 'ack',
        options: [
          { value: 'due', label: 'Owed' },
          { value: 'late', label: 'Late' },
          { value: 'sent', label: 'Sent' },
          { value: 'none', label: 'None owed' },
        ],
        sql: (states: readonly string[]) => sqlInList(sql`r.ack_state`, states),
      },
    }),
    internalDue: dateFact('Internal target', (d) => d.internalDue, 'Internal target'),
    holidayCalendar: derived({
      label: 'Holidays of',
      schema: z.string().nullable(),
      compute: (r: RequestBase, env) => deadlineOf(r, env).holidayCalendar,
      table: false,
      export: false,
    }),
    pausedDays: derived({
      label: 'Days paused',
      schema: z.number().int(),
      compute: (r: RequestBase, env) => deadlineOf(r, env).pausedDays,
      table: false,
      export: false,
    }),
    contested: derived({
      label: 'Other reading',
      schema: z
        .object({
          reading: z.enum(['cautious', 'later']),
          other: z.object({
            reading: z.enum(['cautious', 'later']),
            baseDue: z.string(),
            extendedDue: z.string().nullable(),
          }),
        })
        .nullable(),
      compute: (r: RequestBase, env) => deadlineOf(r, env).contested,
      table: false,
      export: false,
    }),
    steps: derived({
      label: 'How the dates were worked out',
      schema: z.array(StepSchema),
      compute: (r: RequestBase, env) => deadlineOf(r, env).steps,
      table: false,
      export: false,
    }),
  },
  identity: {
    fields: ['reference'],
    column: 'reference_key',
    key: (r: StoredFields<typeof fields>) => foldText(r.reference),
    same: 'same reference',
  },
  titleOf: (r) => r.reference,
  detailOf: (r) => {
    const type = TYPE_OPTIONS.find((o) => o.value === r.type)?.label ?? r.type ?? 'Request';
    return `${type} · ${r.jurisdiction ?? ''} · received ${r.receivedOn}`;
  },
  checks: (r, stage) => {
    const problems: { path: string; message: string }[] = [];
    const j = r.jurisdiction ? findJurisdiction(r.jurisdiction) : undefined;
    // What the settings could still fill in is asked for only once they have (stage "stored").
    if (stage === 'stored' && !j)
      problems.push({ path: 'jurisdiction', message: 'Give the law the request falls under.' });
    if (!r.type) problems.push({ path: 'type', message: 'Give the type of request.' });
    if (stage === 'stored' && j?.code === 'GDPR' && !r.country)
      problems.push({
        path: 'country',
        message:
          'Give the EEA country whose public holidays apply (or set your organisation’s country in Settings).',
      });
    if (j && r.type && !j.requestTypes.some((t) => t.type === r.type))
      problems.push({
        path: 'type',
        message: `"${r.type}" is not a ${j.code} request type; use one of ${j.requestTypes.map((t) => t.type).join(', ')}.`,
      });
    const pauses = r.pauses as Pause[];
    const open = pauses.filter((p) => p.to === null);
    if (open.length > 1 || (open.length === 1 && pauses[pauses.length - 1]!.to !== null))
      problems.push({
        path: 'pauses',
        message: 'Only the last clock pause may be open: close the earlier one first.',
      });
    pauses.forEach((p, i) => {
      if (p.to !== null && p.to < p.from)
        problems.push({ path: `pauses.${i}.to`, message: 'A pause cannot end before it starts.' });
      if (p.from < r.receivedOn)
        problems.push({
          path: `pauses.${i}.from`,
          message: 'A pause cannot start before the request was received.',
        });
    });
    if (r.extensionNoticeOn && !r.extensionReason)
      problems.push({
        path: 'extensionReason',
        message: 'Give the reasons for the extension: they go in the notice.',
      });
    if (r.outcome === 'refused' && !r.refusalGround)
      problems.push({ path: 'refusalGround', message: 'Give the ground for refusing the request.' });
    if (r.outcome && !r.completedOn)
      problems.push({ path: 'completedOn', message: 'Give the day the request was completed.' });
    if (r.acknowledgedOn && r.acknowledgedOn < r.receivedOn)
      problems.push({
        path: 'acknowledgedOn',
        message: 'A request cannot be acknowledged before it was received.',
      });
    if (r.completedOn && r.completedOn < r.receivedOn)
      problems.push({
        path: 'completedOn',
        message: 'A request cannot be completed before it was received.',
      });
    // The engine's own checks (a GDPR request needs its EEA country; a region must have a calendar), once the
    // defaults have filled in what the settings give.
    if (j && r.type && j.requestTypes.some((t) => t.type === r.type) && (j.code !== 'GDPR' || r.country)) {
      try {
        computeRightsDeadline(
          {
            jurisdiction: j.code,
            country: r.country,
            region: r.region,
            requestType: r.type,
            receivedOn: r.receivedOn,
          },
          { explain: false },
        );
      } catch (e) {
        if (!(e instanceof AppError) || e.code !== 'VALIDATION') throw e;
        for (const d of (e.details as { path: string; message: string }[] | undefined) ?? [])
          problems.push({ path: d.path === 'requestType' ? 'type' : d.path, message: d.message });
      }
    }
    return problems;
  },
  defaults: (r, organisation, settings) => {
    const jurisdiction =
      r.jurisdiction ??
      settings.deadlines.defaultJurisdiction ??
      (organisation.country === 'GB' ? 'UK-GDPR' : organisation.country === 'CH' ? 'FADP' : 'GDPR');
    const sameAsDefault = jurisdiction === (settings.deadlines.defaultJurisdiction ?? jurisdiction);
    return {
      ...r,
      jurisdiction,
      country: r.country ?? (jurisdiction === 'GDPR' ? organisation.country : null),
      region: r.region ?? (sameAsDefault ? settings.deadlines.holidayRegion : null),
    };
  },
  defaultFilters: { state: ['open', 'overdue'] },
  defaultSort: { key: 'due', direction: 'asc' },
});

export type RequestsRegister = typeof requests;
