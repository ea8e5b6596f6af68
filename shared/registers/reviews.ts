import { z } from 'zod';
import { defineRegister, derived, type BaseRecord, type DateRange, type StoredFields } from '../kit/define';
import { choice, countries, date, instant, int, longText, ref, rows, text } from '../kit/fields';
import { notesField } from '../kit/oversight';
import { sourceFields } from '../kit/source';
import { sql, sqlDateRange, sqlInList } from '../kit/sql';
import { addDays } from '../rules/calendar';
import { objectionDeadline, type ObjectionDeadline } from '../rules/objection-deadline';
import type { TraceStep } from '../rules/trace';

/** The longest text an entry keeps (a company's purposes, one per line); longer text is cut the same way always. */
export const TEXT_MAX = 20_000;

/** What the vendor's list said, one company per entry (rows naming the same company merged). */
const RECEIVED = {
  noun: { one: 'listed sub-processor', other: 'listed sub-processors' },
  titleOf: (e: Record<string, unknown>) => String(e.name ?? ''),
  fields: {
    name: { kind: 'text', label: 'Sub-processor', required: true, max: 300 },
    countries: {
      kind: 'text',
      label: 'Countries',
      max: 1000,
      description: 'ISO codes, as read from the list',
    },
    purposes: { kind: 'longText', label: 'Purpose or service', max: TEXT_MAX, description: 'One per line' },
    places: { kind: 'text', label: 'Places naming no country', max: 500 },
    rows: { kind: 'text', label: 'Rows of the list', max: 300 },
  },
  max: 5000,
  // Kept as received: an entry once saved is never changed or removed.
  appendOnly: true,
  sheet: 'Sub-processor lists received',
} as const;

/** What the list changes, one entry per added or removed sub-processor and per changed field. */
const CHANGES = {
  noun: { one: 'change', other: 'changes' },
  titleOf: (e: Record<string, unknown>) =>
    `${String(e.change ?? '')} ${String(e.name ?? '')}${e.field ? ` (${String(e.field)})` : ''}`,
  fields: {
    change: {
      kind: 'enum',
      label: 'Change',
      required: true,
      options: [
        { value: 'added', label: 'Added', color: 'blue' },
        { value: 'removed', label: 'Removed', color: 'red' },
        { value: 'changed', label: 'Changed', color: 'yellow' },
      ],
    },
    name: { kind: 'text', label: 'Sub-processor', required: true, max: 300 },
    field: { kind: 'text', label: 'Field', max: 100 },
    old: { kind: 'longText', label: 'Before', max: TEXT_MAX },
    new: { kind: 'longText', label: 'After', max: TEXT_MAX },
    vendorId: { kind: 'int', label: 'Vendor record', min: 1, max: 2_147_483_647 },
  },
  max: 5000,
  sheet: 'Sub-processor list changes',
} as const;

/** How each country outside the organisation's area that the list brings in is covered, on the review's day. */
const NEW_COUNTRIES = {
  noun: { one: 'new country', other: 'new countries' },
  titleOf: (e: Record<string, unknown>) => String(e.country ?? ''),
  fields: {
    country: { kind: 'text', label: 'Country', required: true, max: 2 },
    covered: {
      kind: 'enum',
      label: 'Covered by',
      required: true,
      options: [
        { value: 'adequacy', label: 'Adequacy decision', color: 'green' },
        { value: 'transfer', label: 'A transfer record', color: 'green' },
        { value: 'gap', label: 'Nothing: a gap', color: 'red' },
      ],
    },
    detail: { kind: 'longText', label: 'Why', max: 2000 },
  },
  max: 300,
  appendOnly: true,
  sheet: 'Sub-processor new countries',
} as const;

export const DECISION_OPTIONS = [
  { value: 'open', label: 'Awaiting decision', color: 'blue' },
  { value: 'questions', label: 'Questions asked', color: 'yellow' },
  { value: 'accepted', label: 'Accepted', color: 'green' },
  { value: 'objected', label: 'Objected', color: 'red' },
] as const;

const fields = {
  vendorId: ref({
    label: 'Vendor',
    register: 'vendors',
    nameKey: 'vendorName',
    column: 'vendor_id',
    required: true,
    message: 'Choose the vendor whose sub-processor list this is.',
    fts: 'other',
    table: { size: 200 },
    form: { section: 'notice', description: 'The processor that sent the new list' },
    import: false,
  }),
  noticeOn: date({
    label: 'Notice received on',
    required: true,
    message: 'Give the day the vendor’s notice was received.',
    sort: true,
    table: { size: 130 },
    form: { section: 'notice', description: 'The objection period runs from this day' },
    import: false,
    filter: { kind: 'date-range', key: 'noticeOn' },
  }),
  listSource: text({
    label: 'List received',
    max: 300,
    table: { size: 180, hidden: true },
    form: { section: 'notice', description: 'The file, or “pasted table”' },
    import: false,
  }),
  noticeReference: text({
    label: 'Notice',
    max: 500,
    fts: 'other',
    table: false,
    form: { section: 'notice', description: 'Where it came from: the email’s subject, the page’s address' },
    import: false,
  }),
  authorisation: choice({
    label: 'Authorisation',
    options: [
      { value: 'general', label: 'General written authorisation' },
      { value: 'specific', label: 'Specific authorisation for each one' },
    ],
    table: false,
    form: {
      section: 'notice',
      description: 'As the contract stood when the notice came (copied from the vendor)',
      placeholder: 'Not recorded',
    },
    import: false,
  }),
  objectionPeriodDays: int({
    label: 'Objection period (days)',
    min: 0,
    max: 365,
    table: false,
    form: {
      section: 'notice',
      description: 'The contract’s period when the notice came (copied from the vendor); empty: not recorded',
    },
    import: false,
  }),
  decision: choice({
    label: 'Decision',
    options: DECISION_OPTIONS,
    default: 'open',
    sort: true,
    filter: { kind: 'choice' },
    table: { size: 140 },
    form: {
      section: 'decision',
      description: 'Accept from the review’s panel: accepting applies the changes to the vendor’s chain',
    },
    import: false,
  }),
  decidedOn: date({
    label: 'Decided on',
    table: { size: 120, hidden: true },
    form: { section: 'decision' },
    import: false,
  }),
  objectionSentOn: date({
    label: 'Objection sent on',
    table: { size: 120, hidden: true },
    form: { section: 'decision', description: 'The day your written objection went to the vendor' },
    import: false,
  }),
  reasons: longText({
    label: 'Reasons or questions',
    fts: 'column',
    table: false,
    form: { section: 'decision', wide: true, description: 'Why you object, or what you asked the vendor' },
    import: false,
  }),
  appliedAt: instant({
    label: 'Changes applied',
    table: false,
    form: false,
    import: false,
  }),
  changes: rows({
    label: 'What changed',
    table: false,
    form: { section: 'diff', wide: true },
    rows: CHANGES,
    import: false,
  }),
  newThirdCountries: countries({
    label: 'New countries outside the area',
    table: { size: 130, hidden: true },
    form: false,
    import: false,
  }),
  newCountryCoverage: rows({
    label: 'New countries: transfer cover',
    table: false,
    form: { section: 'diff', wide: true },
    rows: NEW_COUNTRIES,
    import: false,
  }),
  received: rows({
    label: 'The list as received',
    table: false,
    form: { section: 'list', wide: true },
    rows: RECEIVED,
    import: false,
  }),
  notes: { ...notesField('decision'), import: false as const },
  ...sourceFields('notice'),
};

type ReviewBase = BaseRecord<typeof fields>;

/** What the list asks a decision on: the sub-processors it adds and the ones whose countries or purposes change. */
const changeCount = (r: ReviewBase) =>
  (r.changes as Record<string, unknown>[]).filter((c) => c.change === 'added' || c.change === 'changed')
    .length;

const deadlineOf = (r: ReviewBase) =>
  objectionDeadline({
    noticeOn: r.noticeOn,
    periodDays: r.objectionPeriodDays,
    authorisation: r.authorisation,
    added: (r.changes as Record<string, unknown>[]).filter((c) => c.change === 'added').length,
    changes: changeCount(r),
  });

/** Decisions that leave a review undecided: a vendor has at most one such review at a time. */
export const UNDECIDED: readonly string[] = ['open', 'questions'];

/** Open while undecided (or questions asked) and the window runs; lapsed once it passed undecided; decided. */
const stateOf = (r: ReviewBase, d: ObjectionDeadline, today: string) => {
  if (!UNDECIDED.includes(r.decision)) return 'decided' as const;
  return d.deadline !== null && d.deadline < today ? ('lapsed' as const) : ('open' as const);
};

const StepSchema = z.object({
  date: z.string().optional(),
  text: z.string(),
  rule: z.string(),
  confidence: z.enum(['V', 'S', 'R']),
}) satisfies z.ZodType<TraceStep>;

/**
 * Reviews of a vendor's new sub-processor list (GDPR Art 28(2)): what the list adds, removes and changes against
 * the vendor's chain, the day to object by, and the decision; the list as received is kept as it was.
 */
export const reviews = defineRegister({
  name: 'reviews',
  entity: 'review',
  table: 'reviews',
  ftsTable: 'review_fts',
  title: 'Sub-processor list reviews',
  noun: { one: 'sub-processor list review', other: 'sub-processor list reviews' },
  description:
    'Each time a processor announces a new sub-processor list, the review records what it adds, removes and changes against the sub-processors you hold for it, the last day to object under its contract (GDPR Art 28(2)), and your decision. Accepting applies the changes to the vendor’s chain; every list is kept as received. Start a review from the vendor’s page.',
  fields,
  importable: false,
  sections: [
    { id: 'notice', legend: 'The notice', cols: 2 },
    { id: 'decision', legend: 'Decision', cols: 3 },
    { id: 'diff', legend: 'What the list changes', cols: 1 },
    { id: 'list', legend: 'The list as received', cols: 1 },
  ],
  derived: {
    /** The last day to object, from the vendor's contract terms; kept for the calendar and the Overview. */
    objectionDeadline: derived({
      label: 'Object by',
      schema: z.string().nullable(),
      compute: (r: ReviewBase) => deadlineOf(r).deadline,
      display: 'date',
      table: { size: 120, after: 'noticeOn' },
      export: 'Object by',
      sort: true,
      store: { column: 'objection_deadline', value: (d) => d, until: () => null },
      filter: {
        kind: 'date-range',
        key: 'objectionDeadline',
        sql: (range: DateRange) => sqlDateRange(sql`r.objection_deadline`, range) ?? sql`1`,
      },
    }),
    /** open (undecided, the window runs), lapsed (the window passed undecided), decided. */
    state: derived({
      label: 'State',
      schema: z.enum(['open', 'lapsed', 'decided']),
      compute: (r: ReviewBase, env) => stateOf(r, deadlineOf(r), env.today),
      table: { size: 110, after: 'objectionDeadline' },
      export: 'State',
      store: {
        column: 'review_state',
        value: (s) => s,
        until: (r: ReviewBase, env) => {
          const d = deadlineOf(r);
          return stateOf(r, d, env.today) === 'open' && d.deadline !== null ? addDays(d.deadline, 1) : null;
        },
      },
      filter: {
        kind: 'choice',
        key: 'state',
        options: [
          { value: 'open', label: 'Open' },
          { value: 'lapsed', label: 'Window passed undecided' },
          { value: 'decided', label: 'Decided' },
        ],
        sql: (states: readonly string[]) => sqlInList(sql`r.review_state`, states),
      },
    }),
    /** What the deadline rests on: the contract's period, an assumed one, consent needed, or nothing to decide. */
    deadlineBasis: derived({
      label: 'Deadline basis',
      schema: z.enum(['contract', 'assumed', 'consent', 'none']),
      compute: (r: ReviewBase) => deadlineOf(r).basis,
      table: false,
      export: false,
      store: { column: 'objection_basis', value: (b) => b, until: () => null },
    }),
    /** How the deadline was counted, step by step, with the rule behind each. */
    deadlineSteps: derived({
      label: 'How the deadline was counted',
      schema: z.array(StepSchema),
      compute: (r: ReviewBase) => deadlineOf(r).steps,
      table: false,
      export: false,
    }),
    /** What to check about the deadline: no period recorded, authorisation not recorded, consent needed. */
    deadlineFlags: derived({
      label: 'To check',
      schema: z.array(z.string()),
      compute: (r: ReviewBase) => deadlineOf(r).flags,
      table: false,
      export: 'Deadline notes',
    }),
    /** The changes in short: "+2 −1 ~1". */
    summary: derived({
      label: 'Changes',
      schema: z.string(),
      compute: (r: ReviewBase) => {
        const list = r.changes as Record<string, unknown>[];
        const n = (k: string) => list.filter((c) => c.change === k).length;
        const changed = new Set(list.filter((c) => c.change === 'changed').map((c) => c.name)).size;
        return list.length === 0 ? 'No change' : `+${n('added')} −${n('removed')} ~${changed}`;
      },
      table: { size: 110, after: 'vendorId' },
      export: 'Changes in short',
    }),
  },
  identity: {
    fields: ['vendorId', 'noticeOn'],
    column: 'identity_key',
    key: (r: StoredFields<typeof fields>) => `${r.vendorId}|${r.noticeOn}`,
    same: 'same vendor and notice day',
  },
  titleOf: (r) =>
    `${(r as unknown as { vendorName?: string | null }).vendorName ?? `Vendor ${r.vendorId}`}: list of ${r.noticeOn}`,
  detailOf: (r) => DECISION_OPTIONS.find((o) => o.value === r.decision)?.label ?? 'Review',
  checks: (r) => {
    const problems: { path: string; message: string }[] = [];
    if (r.decision === 'objected' && !r.objectionSentOn)
      problems.push({ path: 'objectionSentOn', message: 'Give the day the objection was sent.' });
    if (r.decision === 'objected' && !r.reasons)
      problems.push({ path: 'reasons', message: 'Give the reasons for the objection.' });
    if (r.decision === 'accepted' && !r.appliedAt)
      problems.push({
        path: 'decision',
        message:
          'Accept with “Accept and apply” on the review: accepting applies the changes to the vendor’s chain.',
      });
    if (r.appliedAt && r.decision !== 'accepted')
      problems.push({
        path: 'decision',
        message: 'The changes were applied when this review was accepted; the decision stays accepted.',
      });
    if (r.decision === 'open' && r.decidedOn)
      problems.push({ path: 'decidedOn', message: 'An undecided review has no decision day.' });
    if (r.decidedOn && r.decidedOn < r.noticeOn)
      problems.push({ path: 'decidedOn', message: 'The decision cannot come before the notice.' });
    return problems;
  },
  defaultSort: { key: 'noticeOn', direction: 'desc' },
});

export type ReviewsRegister = typeof reviews;
