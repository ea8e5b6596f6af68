import { z } from 'zod';
import { defineRegister, derived, type BaseRecord, type StoredFields } from '../kit/define';
import { choice, choices, instant, int, labels, longText, refs, rows, text } from '../kit/fields';
import { notesField } from '../kit/oversight';
import { sourceFields } from '../kit/source';
import { sql, sqlInList } from '../kit/sql';
import { foldText } from '../import/text';
import { BREACH_REGIMES, breachDeadlineRule, DEFAULT_PROCESSOR_LIMIT_HOURS } from '../reference/breach';
import { computeBreachClock, type BreachClock } from '../rules/breach-clock';
import { isoUtc, isTimeZone, parseInstant } from '../rules/instant';

const HOUR = 3_600_000;

const RISK_OPTIONS = [
  { value: 'none', label: 'Unlikely to result in a risk', color: 'gray', words: ['no risk', 'none', 'low'] },
  { value: 'risk', label: 'Risk', color: 'orange', words: ['medium', 'risk to individuals'] },
  { value: 'high', label: 'High risk', color: 'red', words: ['high'] },
] as const;

/** Each assessment of the risk to people: none is edited or removed once recorded (a later one supersedes it). */
const ASSESSMENTS = {
  noun: { one: 'risk assessment', other: 'risk assessments' },
  titleOf: (a: Record<string, unknown>) =>
    `${(a.assessedAt as string | null)?.slice(0, 16).replace('T', ' ') ?? ''} ${RISK_OPTIONS.find((o) => o.value === a.level)?.label ?? ''}`.trim(),
  fields: {
    assessedAt: { kind: 'instant', label: 'Assessed at', required: true },
    level: { kind: 'enum', label: 'Risk to people', options: RISK_OPTIONS, required: true },
    by: { kind: 'text', label: 'By', max: 200 },
    reasoning: { kind: 'longText', label: 'Reasoning', required: true, max: 5000, wide: true },
  },
  max: 100,
  appendOnly: true,
} as const;

/** The filings to supervisory authorities: the initial notice, then any follow-ups (Art 33(4)). */
const FILINGS = {
  noun: { one: 'filing', other: 'filings' },
  titleOf: (f: Record<string, unknown>) =>
    `${f.kind === 'initial' ? 'Initial' : 'Follow-up'} filing${f.authority ? ` to ${String(f.authority)}` : ''}`,
  fields: {
    kind: {
      kind: 'enum',
      label: 'Filing',
      required: true,
      options: [
        { value: 'initial', label: 'Initial notification' },
        { value: 'follow-up', label: 'Follow-up (Art 33(4))' },
      ],
    },
    authority: { kind: 'text', label: 'Authority', required: true, max: 200 },
    filedAt: { kind: 'instant', label: 'Filed at', required: true },
    channel: { kind: 'text', label: 'Channel', max: 200 },
    reference: { kind: 'text', label: 'Their reference', max: 200 },
    delayReason: {
      kind: 'longText',
      label: 'Reasons for the delay',
      description: 'Required for an initial filing after the deadline (Art 33(1))',
      max: 5000,
      wide: true,
    },
  },
  max: 50,
} as const;

const fields = {
  title: text({
    label: 'Breach',
    required: true,
    message: 'Give the breach a short title.',
    max: 300,
    sort: true,
    filter: { kind: 'text' },
    fts: 'column',
    table: { size: 260 },
    form: { section: 'what', wide: true },
    import: {
      synonyms: { exact: ['incident', 'breach', 'title'], phrases: ['incident title', 'breach title'] },
    },
  }),
  occurredAt: instant({
    label: 'Occurred at',
    table: false,
    form: { section: 'when' },
    import: {
      synonyms: { phrases: ['occurred at', 'date of breach', 'date of incident', 'when it happened'] },
    },
  }),
  discoveredAt: instant({
    label: 'Discovered at',
    table: false,
    form: { section: 'when' },
    import: { synonyms: { phrases: ['discovered at', 'date discovered', 'detected at'] } },
  }),
  awareAt: instant({
    label: 'Became aware at',
    required: true,
    message: 'Give the moment you became aware: the 72 hours run from it.',
    sort: true,
    filter: { kind: 'date-range' },
    table: { size: 170 },
    form: {
      section: 'when',
      description: 'Reasonably certain that personal data were compromised; the 72 hours run from here',
    },
    import: { synonyms: { phrases: ['became aware at', 'awareness', 'date of awareness', 'aware at'] } },
  }),
  timeZone: text({
    label: 'Time zone',
    max: 64,
    table: false,
    form: {
      section: 'when',
      description: 'Where the clock is read, e.g. Europe/Oslo (your organisation’s by default)',
    },
    import: false,
  }),
  regime: choice({
    label: 'Regime',
    options: [
      { value: 'gdpr', label: 'GDPR (72 h)', words: ['gdpr', 'eu gdpr'] },
      { value: 'uk-gdpr', label: 'UK GDPR (72 h)', words: ['uk gdpr'] },
      { value: 'uk-pecr', label: 'UK PECR', words: ['pecr'] },
    ] satisfies { value: (typeof BREACH_REGIMES)[number]; label: string; words: string[] }[],
    default: 'gdpr',
    filter: { kind: 'choice' },
    table: { size: 110, hidden: true },
    form: { section: 'when' },
    import: { synonyms: { exact: ['regime', 'law'], phrases: ['breach regime'] } },
  }),
  detectedBy: text({
    label: 'Detected by',
    fts: 'other',
    table: false,
    form: { section: 'what' },
    import: { synonyms: { phrases: ['detected by', 'reported by'] } },
  }),
  nature: choices({
    label: 'Nature',
    options: [
      { value: 'confidentiality', label: 'Confidentiality', words: ['unauthorised disclosure', 'access'] },
      { value: 'integrity', label: 'Integrity', words: ['alteration', 'modification'] },
      { value: 'availability', label: 'Availability', words: ['loss', 'destruction'] },
    ],
    filter: { kind: 'choice' },
    fts: 'other',
    table: { size: 150 },
    form: {
      section: 'what',
      description: 'EDPB Guidelines 9/2022: confidentiality, integrity, availability',
    },
    import: { synonyms: { exact: ['nature', 'type'], phrases: ['nature of the breach', 'breach type'] } },
  }),
  description: longText({
    label: 'What happened',
    fts: 'column',
    table: false,
    form: { section: 'what', wide: true },
    import: { synonyms: { phrases: ['description', 'what happened'] } },
  }),
  cause: longText({
    label: 'Cause',
    fts: 'column',
    table: false,
    form: { section: 'what', wide: true },
    import: { synonyms: { phrases: ['cause', 'root cause'] } },
  }),
  dataCategories: labels({
    label: 'Categories of personal data',
    fts: 'column',
    table: false,
    form: { section: 'people' },
    import: {
      synonyms: { phrases: ['categories of personal data', 'data affected', 'personal data affected'] },
    },
  }),
  peopleAffected: int({
    label: 'People affected (approx.)',
    short: 'People',
    min: 0,
    max: 1_000_000_000,
    sort: true,
    table: { size: 100 },
    form: { section: 'people' },
    import: {
      synonyms: { phrases: ['number of data subjects', 'people affected', 'data subjects affected'] },
    },
  }),
  recordsAffected: int({
    label: 'Records affected (approx.)',
    min: 0,
    max: 10_000_000_000,
    table: false,
    form: { section: 'people' },
    import: { synonyms: { phrases: ['number of records', 'records affected'] } },
  }),
  consequences: longText({
    label: 'Likely consequences',
    fts: 'column',
    table: false,
    form: { section: 'people', wide: true },
    import: { synonyms: { phrases: ['likely consequences', 'consequences', 'effects'] } },
  }),
  measuresTaken: longText({
    label: 'Measures taken',
    fts: 'column',
    table: false,
    form: {
      section: 'people',
      wide: true,
      description: 'Art 33(3)(d): taken or proposed, to address it and limit the harm',
    },
    import: { synonyms: { phrases: ['measures taken', 'remedial action', 'steps taken'] } },
  }),
  measuresProposed: longText({
    label: 'Measures proposed',
    fts: 'column',
    table: false,
    form: { section: 'people', wide: true },
    import: false,
  }),
  assessments: rows({
    label: 'Risk assessments',
    form: {
      section: 'risk',
      description: 'Each new assessment supersedes the one before; none is edited or removed once saved',
    },
    table: false,
    rows: ASSESSMENTS,
    import: false,
  }),
  filings: rows({
    label: 'Filings to authorities',
    form: { section: 'filings', description: 'The first filing stops the clock (Art 33(1), (4))' },
    table: false,
    rows: FILINGS,
    import: false,
  }),
  subjectsToldAt: instant({
    label: 'People told at',
    table: false,
    form: { section: 'subjects', description: 'Art 34(1): without undue delay when the risk is high' },
    import: false,
  }),
  subjectsToldHow: text({
    label: 'How they were told',
    table: false,
    form: { section: 'subjects' },
    import: false,
  }),
  subjectsToldCount: int({
    label: 'People told',
    min: 0,
    max: 1_000_000_000,
    table: false,
    form: { section: 'subjects' },
    import: false,
  }),
  art34Ground: choice({
    label: 'Why people are not told (Art 34(3))',
    options: [
      { value: 'unintelligible', label: '(a) Data unintelligible, e.g. encrypted' },
      { value: 'measures-taken', label: '(b) Later measures make the high risk unlikely' },
      { value: 'disproportionate', label: '(c) Disproportionate effort: public communication instead' },
    ],
    table: false,
    form: { section: 'subjects' },
    import: false,
  }),
  art34Reasoning: longText({
    label: 'Why the ground applies',
    table: false,
    form: {
      section: 'subjects',
      wide: true,
      description:
        'E.g. the encryption used and where its key is; the measures taken; the public communication',
    },
    import: false,
  }),
  processorAwareAt: instant({
    label: 'Processor became aware at',
    table: false,
    form: { section: 'processor', description: 'When the vendor that had the breach learned of it' },
    import: false,
  }),
  processorNoticeAt: instant({
    label: 'Processor told us at',
    table: false,
    form: { section: 'processor', description: 'Art 33(2): without undue delay; the contract may set hours' },
    import: false,
  }),
  vendors: refs({
    label: 'Vendors involved',
    register: 'vendors',
    nameKey: 'vendorNames',
    link: { table: 'breach_vendors', idColumn: 'breach_id', refColumn: 'vendor_id' },
    fts: 'other',
    table: { size: 160, hidden: true },
    form: { section: 'processor', wide: true },
    import: { synonyms: { phrases: ['vendor', 'processor', 'vendors involved'] } },
  }),
  activities: refs({
    label: 'Processing activities affected',
    register: 'activities',
    nameKey: 'activityNames',
    link: { table: 'breach_activities', idColumn: 'breach_id', refColumn: 'activity_id' },
    fts: 'other',
    table: false,
    form: { section: 'processor', wide: true },
    import: false,
  }),
  status: choice({
    label: 'Status',
    options: [
      { value: 'open', label: 'Open', color: 'orange', words: ['ongoing', 'in progress'] },
      { value: 'dismissed', label: 'Not a breach', color: 'gray', words: ['dismissed', 'false alarm'] },
      { value: 'closed', label: 'Closed', color: 'green', words: ['resolved', 'done'] },
      { value: 'reopened', label: 'Reopened', color: 'red', words: ['reopened'] },
    ],
    default: 'open',
    sort: true,
    filter: { kind: 'choice' },
    fts: 'other',
    table: { size: 110 },
    form: { section: 'close' },
    import: { synonyms: { exact: ['status'], phrases: ['breach status'] } },
  }),
  closedAt: instant({
    label: 'Closed at',
    table: false,
    form: { section: 'close' },
    import: { synonyms: { phrases: ['closed at', 'date closed', 'closure date'] } },
  }),
  dismissalRationale: longText({
    label: 'Why it is not a breach',
    table: false,
    form: { section: 'close', wide: true },
    import: false,
  }),
  lessons: longText({
    label: 'Lessons learned',
    fts: 'column',
    table: false,
    form: { section: 'close', wide: true },
    import: { synonyms: { phrases: ['lessons learned', 'lessons'] } },
  }),
  notes: notesField('close'),
  ...sourceFields('close'),
};

type BreachBase = BaseRecord<typeof fields>;
type Assessment = {
  assessedAt: string;
  level: 'none' | 'risk' | 'high';
  reasoning: string;
  by: string | null;
};
type Filing = {
  kind: 'initial' | 'follow-up';
  authority: string;
  filedAt: string;
  channel: string | null;
  reference: string | null;
  delayReason: string | null;
};

const assessmentsOf = (b: { assessments: unknown }) => b.assessments as Assessment[];
const filingsOf = (b: { filings: unknown }) => b.filings as Filing[];

/** The latest risk assessment's level (a later one supersedes the ones before), or null until assessed. */
export function latestRisk(b: { assessments: unknown }): Assessment['level'] | null {
  const list = [...assessmentsOf(b)].sort((x, y) => Date.parse(x.assessedAt) - Date.parse(y.assessedAt));
  return list.length === 0 ? null : list[list.length - 1]!.level;
}

/** The initial filing, which stops the clock. */
const initialFiling = (b: { filings: unknown }) => filingsOf(b).find((f) => f.kind === 'initial') ?? null;

let lastSecond = { iso: '', value: '' };
/** A moment to the whole second, ISO-8601 UTC: the clock and its SQL twin compare at this precision. */
export function toSecond(iso: string): string {
  // Every row of a page asks for the same moment.
  if (lastSecond.iso === iso) return lastSecond.value;
  const value = isoUtc(Math.floor(Date.parse(iso) / 1000) * 1000);
  lastSecond = { iso, value };
  return value;
}

/** The moment the authority deadline falls (awareness + the regime's hours), ISO-8601 UTC to the second. */
function deadlineOf(b: { awareAt: string; regime: string }): string {
  const aware = parseInstant(b.awareAt);
  return toSecond(isoUtc(aware.ms + breachDeadlineRule(b.regime as never, aware.ms).hours * HOUR));
}

/** Filed, assessed as no risk, dismissed or closed: the clock no longer runs. */
function clockStopped(b: BreachBase): boolean {
  return (
    initialFiling(b) !== null || latestRisk(b) === 'none' || b.status === 'dismissed' || b.status === 'closed'
  );
}

const zoneOf = (b: BreachBase, env: { organisation: { timeZone: string | null } }) =>
  b.timeZone && isTimeZone(b.timeZone) ? b.timeZone : (env.organisation.timeZone ?? null);

const clockMemo = new WeakMap<object, { now: string; value: BreachClock }>();
/** Clocks that no longer run (filed, or no risk) do not depend on the moment: kept by their facts. */
const stoppedClocks = new Map<string, BreachClock>();
const STOPPED_CLOCKS = 5_000;

/** The engine's clock for a breach, judged at the moment of the request (once per record and moment). */
function engineClock(b: BreachBase, env: { now: string; organisation: { timeZone: string | null } }) {
  const known = clockMemo.get(b);
  if (known && known.now === env.now) return known.value;
  const filing = initialFiling(b);
  const risk = latestRisk(b);
  const input = {
    awareAt: b.awareAt,
    timeZone: zoneOf(b, env),
    regime: b.regime as never,
    authorityNotifiedAt: filing?.filedAt ?? null,
    delayReason: filing?.delayReason ?? null,
    riskLevel: risk,
  };
  let value: BreachClock;
  if (filing || risk === 'none') {
    const key = JSON.stringify(input);
    value = stoppedClocks.get(key) ?? computeBreachClock(input);
    if (stoppedClocks.size >= STOPPED_CLOCKS) stoppedClocks.clear();
    stoppedClocks.set(key, value);
  } else {
    value = computeBreachClock({ ...input, now: toSecond(env.now) });
  }
  clockMemo.set(b, { now: env.now, value });
  return value;
}

const ClockSchema = z.object({
  deadline: z.string(),
  deadlineLocal: z.string(),
  timeZone: z.string(),
  state: z.enum(['running', 'stopped', 'overdue']),
  /** Whole hours left before the deadline (negative: hours past it); null once stopped. */
  hoursLeft: z.number().int().nullable(),
  minutesLeft: z.number().int().nullable(),
  /** Why it stopped: the filing, no risk, or the breach dismissed or closed. */
  stoppedBy: z.enum(['filing', 'no-risk', 'dismissed', 'closed']).nullable(),
  /** Filed after the deadline, or overdue: the filing must give reasons (Art 33(1)). */
  delayReasonRequired: z.boolean(),
  delayReasonMissing: z.boolean(),
  steps: z.array(
    z.object({ text: z.string(), rule: z.string(), confidence: z.string(), date: z.string().optional() }),
  ),
});

function clockOf(b: BreachBase, env: { now: string; organisation: { timeZone: string | null } }) {
  const c = engineClock(b, env);
  const filing = initialFiling(b);
  const stoppedBy = filing
    ? ('filing' as const)
    : b.status === 'dismissed'
      ? ('dismissed' as const)
      : b.status === 'closed'
        ? ('closed' as const)
        : latestRisk(b) === 'none'
          ? ('no-risk' as const)
          : null;
  const remaining = stoppedBy === null ? (c.remainingMs ?? 0) : null;
  const minutes = remaining === null ? null : Math.trunc(remaining / 60_000);
  return {
    deadline: c.deadline,
    deadlineLocal: c.deadlineLocal,
    timeZone: c.timeZone,
    state:
      stoppedBy !== null
        ? ('stopped' as const)
        : remaining! >= 0
          ? ('running' as const)
          : ('overdue' as const),
    hoursLeft: minutes === null ? null : Math.trunc(minutes / 60),
    minutesLeft: minutes,
    stoppedBy,
    delayReasonRequired: c.delayReasonRequired,
    delayReasonMissing: c.delayReasonMissing,
    steps: c.steps,
  };
}

/** What must happen next, in words, with the moment it is due. */
function nextStepOf(b: BreachBase, env: { now: string; organisation: { timeZone: string | null } }): string {
  const clock = clockOf(b, env);
  const risk = latestRisk(b);
  if (b.status === 'dismissed') return 'Nothing: recorded as not a breach, with the reason.';
  if (b.status === 'closed') return 'Nothing: closed. Keep the record (Art 33(5)).';
  // A zone by name is said after the local time; a fixed offset is already in it.
  const local = clock.timeZone.startsWith('UTC')
    ? clock.deadlineLocal
    : `${clock.deadlineLocal} (${clock.timeZone})`;
  if (risk === null && clock.stoppedBy === 'filing')
    return 'Record the risk assessment behind the notification (Art 33(5)): it decides whether the people affected must be told.';
  if (risk === null)
    return `Assess the risk to people now: the deadline to notify the supervisory authority is ${local}.`;
  if (risk === 'none')
    return 'Record why no notification is needed (unlikely to result in a risk), and document the breach (Art 33(5)).';
  if (clock.stoppedBy === null && clock.state === 'overdue')
    return `Notify the supervisory authority now, giving the reasons for the delay: the deadline passed at ${local}.`;
  if (clock.stoppedBy === null) return `Notify the supervisory authority by ${local}.`;
  if (risk === 'high' && !b.subjectsToldAt && !b.art34Ground)
    return 'Tell the people affected without undue delay (high risk), or record the Art 34(3) ground for not telling them.';
  if (clock.delayReasonMissing) return 'Give the reasons for the late filing (Art 33(1)).';
  return 'Send any follow-up information without further undue delay (Art 33(4)); close the breach when done.';
}

const TimelineSchema = z.array(z.object({ at: z.string(), kind: z.string(), text: z.string() }));

/** The breach's events in order: occurred, discovered, aware, assessments, filings, people told, deadline, closed. */
function timelineOf(b: BreachBase, env: { now: string; organisation: { timeZone: string | null } }) {
  const events: { at: string; kind: string; text: string }[] = [];
  const add = (at: string | null, kind: string, text: string) => {
    if (at) events.push({ at: isoUtc(Date.parse(at)), kind, text });
  };
  add(b.occurredAt, 'occurred', 'The breach occurred');
  add(b.discoveredAt, 'discovered', `Discovered${b.detectedBy ? ` by ${b.detectedBy}` : ''}`);
  add(b.processorAwareAt, 'processor-aware', 'The processor became aware');
  add(b.processorNoticeAt, 'processor-notice', 'The processor told us');
  add(b.awareAt, 'aware', 'We became aware: the clock starts');
  for (const a of assessmentsOf(b)) {
    add(
      a.assessedAt,
      'assessment',
      `Risk assessed: ${RISK_OPTIONS.find((o) => o.value === a.level)?.label ?? a.level}`,
    );
  }
  for (const f of filingsOf(b)) {
    add(
      f.filedAt,
      f.kind === 'initial' ? 'filing' : 'follow-up',
      `${FILINGS.titleOf(f)}${f.reference ? ` (ref. ${f.reference})` : ''}`,
    );
  }
  add(b.subjectsToldAt, 'subjects-told', `People told${b.subjectsToldHow ? ` by ${b.subjectsToldHow}` : ''}`);
  if (b.status === 'closed' || b.status === 'reopened') add(b.closedAt, 'closed', 'Closed');
  add(clockOf(b, env).deadline, 'deadline', 'Deadline to notify the authority');
  return events.sort((x, y) => x.at.localeCompare(y.at));
}

interface LinkedVendor {
  name: string;
  breachNoticeHours: number | null;
}

/** A processor's notice to us against the shortest notice period its contract sets (or the default). */
function processorNoticeOf(
  b: BreachBase,
  env: { linked: Record<string, readonly Record<string, unknown>[]> },
) {
  if (!b.processorAwareAt) return null;
  const vendors = (env.linked.vendors ?? []) as unknown as LinkedVendor[];
  const contractual = vendors
    .map((v) => v.breachNoticeHours)
    .filter((h): h is number => typeof h === 'number');
  const limit = contractual.length > 0 ? Math.min(...contractual) : DEFAULT_PROCESSOR_LIMIT_HOURS;
  const due = Date.parse(b.processorAwareAt) + limit * HOUR;
  const toldAt = b.processorNoticeAt ? Date.parse(b.processorNoticeAt) : null;
  return {
    limitHours: limit,
    fromContract: contractual.length > 0,
    due: isoUtc(due),
    status: toldAt === null ? ('waiting' as const) : toldAt <= due ? ('on-time' as const) : ('late' as const),
  };
}

/** Personal-data breaches (GDPR Arts 33–34; the Art 33(5) record): each with its 72-hour clock. */
export const breaches = defineRegister({
  name: 'breaches',
  entity: 'breach',
  table: 'breaches',
  ftsTable: 'breach_fts',
  title: 'Breaches',
  noun: { one: 'breach', other: 'breaches' },
  description:
    'This register is your record of personal-data breaches (GDPR Art 33(5)): what happened, the people and data affected, each risk assessment, the filings to the supervisory authority and whether the people affected were told. Each open breach shows its 72-hour clock from the moment you became aware, and what must happen next.',
  fields,
  sections: [
    { id: 'what', legend: 'What happened', cols: 2 },
    { id: 'when', legend: 'When (the clock runs from awareness)', cols: 2 },
    { id: 'people', legend: 'People and data affected', cols: 2 },
    { id: 'risk', legend: 'Risk to people', cols: 1 },
    { id: 'filings', legend: 'Notification to the authority (Art 33)', cols: 1 },
    { id: 'subjects', legend: 'Telling the people affected (Art 34)', cols: 2 },
    { id: 'processor', legend: 'Processors and processing', cols: 2 },
    { id: 'close', legend: 'Outcome', cols: 2 },
  ],
  derived: {
    /** The authority deadline, kept so the list sorts and filters on it. */
    deadline: derived({
      label: 'Deadline',
      schema: z.string(),
      compute: (b: BreachBase) => deadlineOf(b),
      table: false,
      export: 'Notification deadline (UTC)',
      sort: true,
      store: { column: 'deadline_at', value: (d) => d, until: () => null },
    }),
    /** Filed, no risk, dismissed or closed: kept so the list can tell running and overdue from stopped. */
    clockStopped: derived({
      label: 'Clock stopped',
      schema: z.boolean(),
      compute: (b: BreachBase) => clockStopped(b),
      table: false,
      export: false,
      store: { column: 'clock_stopped', value: (v) => (v ? 1 : 0), until: () => null },
    }),
    /** The 72-hour clock now: running, stopped or overdue, with the time left. */
    clock: derived({
      label: 'Clock',
      schema: ClockSchema,
      compute: (b: BreachBase, env) => clockOf(b, env),
      table: { size: 200, after: 'awareAt', short: 'Clock' },
      export: false,
      filter: {
        kind: 'choice',
        key: 'clock',
        options: [
          { value: 'running', label: 'Running' },
          { value: 'overdue', label: 'Overdue' },
          { value: 'stopped', label: 'Stopped' },
        ],
        // Deadlines and the moment are ISO-8601 UTC to the second, so they compare as text.
        sql: (states: readonly string[], env) => {
          const now = toSecond(env.now);
          const parts = states.map((s) =>
            s === 'stopped'
              ? sql`r.clock_stopped = 1`
              : s === 'running'
                ? sql`(r.clock_stopped = 0 AND r.deadline_at >= ${now})`
                : sql`(r.clock_stopped = 0 AND r.deadline_at < ${now})`,
          );
          return parts.reduce((a, b) => sql`${a} OR ${b}`);
        },
      },
    }),
    latestRisk: derived({
      label: 'Risk to people',
      schema: z.enum(['none', 'risk', 'high']).nullable(),
      compute: (b: BreachBase) => latestRisk(b),
      table: { size: 130, after: 'clock' },
      export: 'Risk to people (latest)',
      // Kept so the Overview counts breaches by risk in SQL.
      store: { column: 'latest_risk', value: (v) => v, until: () => null },
      filter: {
        kind: 'choice',
        key: 'risk',
        options: [
          { value: 'high', label: 'High risk' },
          { value: 'risk', label: 'Risk' },
          { value: 'none', label: 'Unlikely to result in a risk' },
          { value: 'unassessed', label: 'Not assessed yet' },
        ],
        sql: (wanted: readonly string[]) => {
          const rated = wanted.filter((w) => w !== 'unassessed');
          const parts = [];
          if (rated.length > 0) parts.push(sqlInList(sql`r.latest_risk`, rated));
          if (wanted.includes('unassessed')) parts.push(sql`r.latest_risk IS NULL`);
          return parts.reduce((a, b) => sql`${a} OR ${b}`);
        },
      },
    }),
    nextStep: derived({
      label: 'Next step',
      schema: z.string(),
      compute: (b: BreachBase, env) => nextStepOf(b, env),
      table: false,
      export: 'Next step',
    }),
    timeline: derived({
      label: 'Timeline',
      schema: TimelineSchema,
      compute: (b: BreachBase, env) => timelineOf(b, env),
      table: false,
      export: false,
    }),
    processorNotice: derived({
      label: 'Processor’s notice',
      schema: z
        .object({
          limitHours: z.number(),
          fromContract: z.boolean(),
          due: z.string(),
          status: z.enum(['waiting', 'on-time', 'late']),
        })
        .nullable(),
      compute: (b: BreachBase, env) => processorNoticeOf(b, env),
      table: false,
      export: false,
      needs: { linked: ['vendors'] },
    }),
  },
  identity: {
    fields: ['title'],
    column: 'title_key',
    key: (b: StoredFields<typeof fields>) => foldText(b.title),
    same: 'same title',
  },
  titleOf: (b) => b.title,
  detailOf: (b) => `Aware ${b.awareAt.slice(0, 10)}`,
  checks: (b) => {
    const problems: { path: string; message: string }[] = [];
    if (b.timeZone && !isTimeZone(b.timeZone))
      problems.push({
        path: 'timeZone',
        message: `"${b.timeZone}" is not a time zone; use one such as Europe/Oslo.`,
      });
    // Only a moment that parses is compared; one that does not is reported by its own field's schema.
    const at = (v: string | null) => {
      if (!v) return null;
      try {
        return parseInstant(v).ms;
      } catch {
        return null;
      }
    };
    const aware = at(b.awareAt);
    const discovered = at(b.discoveredAt);
    const occurred = at(b.occurredAt);
    if (discovered !== null && aware !== null && aware < discovered)
      problems.push({ path: 'awareAt', message: 'Awareness cannot come before the breach was discovered.' });
    if (occurred !== null && discovered !== null && discovered < occurred)
      problems.push({ path: 'discoveredAt', message: 'A breach cannot be discovered before it occurred.' });
    const filings = filingsOf(b);
    const initials = filings.filter((f) => f.kind === 'initial');
    if (initials.length > 1)
      problems.push({
        path: `filings.${filings.lastIndexOf(initials[1]!)}.kind`,
        message: 'There is one initial notification; make the others follow-ups.',
      });
    if (aware !== null && b.awareAt) {
      const deadline = Date.parse(deadlineOf({ awareAt: b.awareAt, regime: b.regime }));
      filings.forEach((f, i) => {
        const filed = at(f.filedAt);
        if (filed === null) return;
        if (f.kind === 'initial' && filed > deadline && !f.delayReason)
          problems.push({
            path: `filings.${i}.delayReason`,
            message: 'Filed after the deadline: give the reasons for the delay (Art 33(1)).',
          });
        if (filed < aware)
          problems.push({ path: `filings.${i}.filedAt`, message: 'A filing cannot come before awareness.' });
      });
    }
    if (b.status === 'dismissed' && !b.dismissalRationale)
      problems.push({
        path: 'dismissalRationale',
        message: 'Record why this is not a personal-data breach.',
      });
    if (b.status === 'closed' && !b.closedAt)
      problems.push({ path: 'closedAt', message: 'Give the moment the breach was closed.' });
    if (b.art34Ground && !b.art34Reasoning)
      problems.push({
        path: 'art34Reasoning',
        message: 'Say why the Art 34(3) ground applies (e.g. the encryption and where its key is).',
      });
    if (b.art34Ground && b.subjectsToldAt)
      problems.push({ path: 'art34Ground', message: 'The people were told: no Art 34(3) ground is needed.' });
    return problems;
  },
  defaults: (b, organisation) => ({ ...b, timeZone: b.timeZone ?? organisation.timeZone }),
  // The register opens on the breaches still open, the most pressing deadline (overdue first) at the top.
  defaultFilters: { status: ['open', 'reopened'] },
  defaultSort: { key: 'deadline', direction: 'asc' },
});

export type BreachesRegister = typeof breaches;
