import { z } from 'zod';
import { IdSchema, IsoDateSchema } from './domain/common';
import type { DateRange } from './kit/define';
import { registerPath } from './kit/url-filters';
import { registerByName, vendors } from './registers/index';
import { addDays } from './rules/calendar';

/**
 * The Overview's figures, each the count of one register's list under one set of filters. The same filters count
 * in the core (overview:get) and open the register from the page, so a figure and the list it opens agree.
 */
export interface FigureLink {
  register: 'vendors' | 'transfers' | 'activities' | 'dpias' | 'breaches' | 'requests' | 'reviews';
  filters: Record<string, unknown>;
}

/** How many days ahead "due soon" looks. */
export const DUE_SOON_DAYS = 7;

/** The registers that keep a next-review date, with the field that holds it. */
export const REVIEWED_REGISTERS = ['vendors', 'transfers', 'activities', 'dpias'] as const;
export type ReviewedRegister = (typeof REVIEWED_REGISTERS)[number];

export const DPA_STATUSES = (vendors.fields.dpaStatus.options ?? []).map((o) => o.value);
export const VALIDITIES = ['valid', 'warning', 'invalid'] as const;
export const BREACH_RISKS = ['high', 'risk', 'none', 'unassessed'] as const;

const range = (from: string | null, to: string | null): DateRange => ({ from, to });

/** The first and last day of a month `YYYY-MM`. */
export function monthRange(month: string): DateRange {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return range(`${month}-01`, `${month}-${String(last).padStart(2, '0')}`);
}

/** The twelve months up to and including today's, oldest first (`YYYY-MM`). */
export function lastTwelveMonths(today: string): string[] {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = 11; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    out.push(d.toISOString().slice(0, 7));
  }
  return out;
}

/** The filters behind each figure, judged on `today`. */
export const figureLinks = {
  breachesRunning: (): FigureLink => ({ register: 'breaches', filters: { clock: ['running'] } }),
  breachesOverdue: (): FigureLink => ({ register: 'breaches', filters: { clock: ['overdue'] } }),
  requestsOverdue: (): FigureLink => ({ register: 'requests', filters: { state: ['overdue'] } }),
  requestsDueSoon: (today: string): FigureLink => ({
    register: 'requests',
    filters: { state: ['open'], due: range(today, addDays(today, DUE_SOON_DAYS)) },
  }),
  acksDue: (): FigureLink => ({ register: 'requests', filters: { ack: ['due', 'late'] } }),
  transfersByValidity: (validity: string): FigureLink => ({
    register: 'transfers',
    filters: { validity: [validity] },
  }),
  vendorsByDpaStatus: (status: string): FigureLink => ({
    register: 'vendors',
    filters: { dpaStatus: [status] },
  }),
  vendorsWithTransferGaps: (): FigureLink => ({ register: 'vendors', filters: { transferGaps: true } }),
  reviewsOverdue: (register: ReviewedRegister): FigureLink => ({
    register,
    filters: { reviewOverdue: true },
  }),
  activitiesNeedingDpia: (): FigureLink => ({ register: 'activities', filters: { dpiaNeeded: true } }),
  priorConsultations: (): FigureLink => ({
    register: 'dpias',
    filters: { priorConsultation: ['awaiting'] },
  }),
  /** Sub-processor list reviews undecided whose objection window closes within the week (GDPR Art 28(2)). */
  objectionsDueSoon: (today: string): FigureLink => ({
    register: 'reviews',
    filters: { state: ['open'], objectionDeadline: range(today, addDays(today, DUE_SOON_DAYS)) },
  }),
  /** Reviews whose objection window passed with no decision recorded. */
  objectionsLapsed: (): FigureLink => ({ register: 'reviews', filters: { state: ['lapsed'] } }),
  requestsClosed: (month: string, timeliness: 'on-time' | 'late'): FigureLink => ({
    register: 'requests',
    filters: { completedOn: monthRange(month), timeliness: [timeliness] },
  }),
  breachesByRisk: (month: string, risk: (typeof BREACH_RISKS)[number]): FigureLink => ({
    register: 'breaches',
    filters: { awareAt: monthRange(month), risk: [risk] },
  }),
};

/** The address of the register page a figure opens (`/requests?state=overdue`). */
export function linkPath(link: FigureLink): string {
  return registerPath(registerByName(link.register)!, link.filters);
}

const count = z.number().int().min(0);

/** One line of the Overview's "Now": a record that needs the DPO, with the moment or day it is due. */
export const NowItemSchema = z.object({
  register: z.enum(['breaches', 'requests', 'dpias', 'reviews']),
  id: IdSchema,
  title: z.string(),
  /** What is due: "Notify the authority", "Answer", "Acknowledge", "Consult the authority". */
  what: z.string(),
  /** A day (`YYYY-MM-DD`) or a moment (ISO-8601 UTC); null when the obligation has no date (Art 36). */
  due: z.string().nullable(),
  late: z.boolean(),
});
export type NowItem = z.infer<typeof NowItemSchema>;

export const OverviewSchema = z.object({
  /** The day and moment the figures were judged on. */
  today: IsoDateSchema,
  now: z.string(),
  /** Whether any register holds a current record: none, and the Overview offers the ways to fill them. */
  hasRecords: z.boolean(),
  breachesRunning: count,
  breachesOverdue: count,
  requestsOverdue: count,
  requestsDueSoon: count,
  acksDue: count,
  transfersByValidity: z.object({ valid: count, warning: count, invalid: count }),
  vendorsByDpaStatus: z.record(z.string(), count),
  vendorsWithTransferGaps: count,
  /** Current records whose review date has passed, in every register that keeps one. */
  reviewsOverdue: count,
  reviewsOverdueByRegister: z.object({
    vendors: count,
    transfers: count,
    activities: count,
    dpias: count,
  }),
  activitiesNeedingDpia: count,
  priorConsultations: count,
  /** Undecided sub-processor list reviews whose objection window closes within the week. */
  objectionsDueSoon: count,
  /** Sub-processor list reviews whose objection window passed undecided. */
  objectionsLapsed: count,
  /** Requests completed in each of the last twelve months, within their legal deadline or after it. */
  requestsClosedByMonth: z.array(z.object({ month: z.string(), onTime: count, late: count })),
  /** Breaches by the month the organisation became aware (UTC) and their latest risk level. */
  breachesByMonth: z.array(
    z.object({ month: z.string(), high: count, risk: count, none: count, unassessed: count }),
  ),
  /** What needs the DPO now, most pressing first, at most ten of each kind. */
  nowItems: z.object({
    breaches: z.array(NowItemSchema),
    requests: z.array(NowItemSchema),
    acks: z.array(NowItemSchema),
    priorConsultations: z.array(NowItemSchema),
    objections: z.array(NowItemSchema),
  }),
});
export type Overview = z.infer<typeof OverviewSchema>;

/** The kinds of dated obligation the calendar holds. */
export const OBLIGATION_KINDS = {
  'request-due': 'Rights request due',
  'request-ack': 'Acknowledgement due',
  'breach-deadline': 'Breach notification deadline',
  'dpa-expiry': 'DPA expires',
  'contract-end': 'Contract ends',
  'vendor-review': 'Vendor review',
  'transfer-review': 'Transfer review',
  'activity-review': 'Processing activity review',
  'dpia-review': 'DPIA review',
  'objection-deadline': 'Last day to object to new sub-processors',
} as const;
export type ObligationKind = keyof typeof OBLIGATION_KINDS;

/** One dated obligation: what, for which record, by when. No requester's personal data is in it. */
export const ObligationSchema = z.object({
  /** Stable across exports (register, record, kind), so a calendar that imports it again updates the event. */
  uid: z.string(),
  kind: z.enum(Object.keys(OBLIGATION_KINDS) as [ObligationKind, ...ObligationKind[]]),
  register: z.enum(['vendors', 'transfers', 'activities', 'dpias', 'breaches', 'requests', 'reviews']),
  id: IdSchema,
  /** The record's own name or reference. */
  title: z.string(),
  /** The day it falls on (`YYYY-MM-DD`), in the organisation's time zone for a breach deadline. */
  date: IsoDateSchema,
  /** The moment, ISO-8601 UTC, when the obligation runs to the hour (a breach deadline). */
  at: z.string().nullable(),
  late: z.boolean(),
});
export type Obligation = z.infer<typeof ObligationSchema>;

export const CalendarQuerySchema = z
  .object({
    /** First day; null: every obligation still open before `to`, however late. */
    from: IsoDateSchema.nullable().default(null),
    to: IsoDateSchema,
  })
  .refine((q) => q.from === null || q.from <= q.to, {
    message: 'The range ends before it starts.',
    path: ['to'],
  });

/** A reminder the workbench gives once per record and threshold (a breach under 24 hours, then under 4). */
export const ReminderSchema = z.object({
  /** Once a reminder with this key was given it is not given again. */
  key: z.string(),
  title: z.string(),
  body: z.string(),
  /** Where clicking it leads in the app: a record (`/breaches/12`) or a register with filters. */
  path: z.string(),
  urgency: z.enum(['critical', 'normal']),
});
export type Reminder = z.infer<typeof ReminderSchema>;
