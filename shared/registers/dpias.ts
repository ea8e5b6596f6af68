import { z } from 'zod';
import { defineRegister, derived, type BaseRecord, type StoredFields } from '../kit/define';
import { bool, choice, date, longText, refs, rows, text, type RowField } from '../kit/fields';
import { notesField, reviewDateField, reviewOverdue } from '../kit/oversight';
import { sourceFields } from '../kit/source';
import { sql, sqlInList } from '../kit/sql';
import { foldText } from '../import/text';
import { CNIL_LEVELS, PRIOR_CONSULTATION } from '../reference/dpia';
import { cite } from '../reference/sources';
import { assessDpiaRisks, rateRisk, type RiskLevel } from '../rules/dpia';
import { screeningField } from './screening';

/** The CNIL's four levels as choices (1 Negligible … 4 Maximum). */
const LEVEL_CHOICES = ([1, 2, 3, 4] as const).map((n) => ({ value: n, label: `${n} ${CNIL_LEVELS[n].en}` }));
const level = (label: string, required = false): RowField => ({
  kind: 'int',
  label,
  min: 1,
  max: 4,
  choices: LEVEL_CHOICES,
  required,
});

/** A risk's measures: the action plan, with who does each and by when. */
const MEASURES = {
  noun: { one: 'measure', other: 'measures' },
  titleOf: (m: Record<string, unknown>) => (m.measure as string | null) ?? '',
  fields: {
    measure: { kind: 'text', label: 'Measure', required: true, max: 500 },
    owner: { kind: 'text', label: 'Owner', max: 200 },
    due: { kind: 'date', label: 'Due' },
    state: {
      kind: 'enum',
      label: 'State',
      options: [
        { value: 'planned', label: 'Planned' },
        { value: 'in-progress', label: 'In progress' },
        { value: 'done', label: 'Done' },
      ],
    },
  },
  max: 50,
} as const;

const RiskLevelSchema = z.enum(['low', 'medium', 'high']);

/** A risk's levels on the 4 × 4 map, before and after its measures (shared/rules/dpia.ts `rateRisk`). */
function riskLevels(r: Record<string, unknown>): {
  level: RiskLevel | null;
  residualLevel: RiskLevel | null;
} {
  const ok = (v: unknown): v is number => typeof v === 'number' && v >= 1 && v <= 4;
  const level = ok(r.likelihood) && ok(r.severity) ? rateRisk(r.likelihood, r.severity).level : null;
  const residualLevel =
    ok(r.residualLikelihood) && ok(r.residualSeverity)
      ? rateRisk(r.residualLikelihood, r.residualSeverity).level
      : level;
  return { level, residualLevel };
}

const STATUS_OPTIONS = [
  { value: 'screening', label: 'Screening', color: 'gray', words: ['to screen'] },
  {
    value: 'draft',
    label: 'Draft',
    color: 'gray',
    words: ['in progress', 'ongoing', 'en cours', 'brouillon'],
  },
  { value: 'in-review', label: 'In review', color: 'yellow', words: ['review', 'awaiting validation'] },
  {
    value: 'approved',
    label: 'Approved',
    color: 'green',
    words: ['validated', 'signed', 'validé', 'favourable'],
  },
  { value: 'rejected', label: 'Rejected', color: 'red', words: ['refused', 'refusé', 'unfavourable'] },
  {
    value: 'prior-consultation',
    label: 'Prior consultation',
    color: 'orange',
    words: ['art 36', 'consultation préalable', 'vorherige konsultation'],
  },
  { value: 'closed', label: 'Closed', color: 'gray', words: ['archived', 'ended'] },
] as const;

const fields = {
  title: text({
    label: 'DPIA',
    required: true,
    message: 'Give the DPIA a title.',
    max: 300,
    sort: true,
    filter: { kind: 'text' },
    fts: 'column',
    table: { size: 260 },
    form: { section: 'scope', wide: true },
    import: {
      synonyms: {
        exact: ['dpia', 'title', 'pia', 'aipd', 'dsfa'],
        phrases: [
          'dpia title',
          'name of the dpia',
          'impact assessment',
          'analyse d’impact',
          "analyse d'impact",
          'datenschutz-folgenabschätzung',
        ],
      },
    },
  }),
  activities: refs({
    label: 'Processing activities',
    short: 'Activities',
    register: 'activities',
    nameKey: 'activityNames',
    link: { table: 'dpia_activities', idColumn: 'dpia_id', refColumn: 'activity_id' },
    fts: 'other',
    table: { size: 220 },
    form: { section: 'scope', wide: true, description: 'The processing the DPIA covers' },
    import: {
      synonyms: {
        exact: ['activity', 'activities', 'processing', 'traitement', 'verarbeitung'],
        phrases: [
          'processing activity',
          'processing activities',
          'related processing',
          'traitement concerné',
        ],
      },
    },
  }),
  status: choice({
    label: 'Status',
    options: STATUS_OPTIONS,
    default: 'screening',
    sort: true,
    filter: { kind: 'choice' },
    fts: 'other',
    table: { size: 140 },
    form: { section: 'scope' },
    import: { synonyms: { exact: ['status', 'statut'], phrases: ['dpia status', 'progress'] } },
  }),
  screening: screeningField('screening', 'Screening'),
  description: longText({
    label: 'Systematic description',
    fts: 'column',
    table: false,
    form: {
      section: 'assessment',
      wide: true,
      description:
        'Art 35(7)(a): the processing operations and purposes, with the legitimate interest if any',
    },
    import: {
      synonyms: { phrases: ['description of the processing', 'systematic description', 'description'] },
    },
  }),
  necessity: longText({
    label: 'Necessity and proportionality',
    fts: 'column',
    table: false,
    form: { section: 'assessment', wide: true, description: 'Art 35(7)(b)' },
    import: { synonyms: { phrases: ['necessity and proportionality', 'nécessité et proportionnalité'] } },
  }),
  risks: rows({
    label: 'Risks to people',
    table: false,
    form: {
      section: 'risks',
      description:
        'Art 35(7)(c)–(d): each risk with its likelihood and severity on the CNIL scales, before and after its measures',
    },
    rows: {
      noun: { one: 'risk', other: 'risks' },
      titleOf: (r) => (r.title as string | null) ?? '',
      fields: {
        title: { kind: 'text', label: 'Risk', required: true, max: 300, wide: true },
        source: { kind: 'text', label: 'Risk source', max: 300, description: 'Who or what could cause it' },
        threat: { kind: 'text', label: 'Threat', max: 300, description: 'What could happen to the data' },
        impact: { kind: 'longText', label: 'Impact on people', max: 2000, wide: true },
        likelihood: level('Likelihood', true),
        severity: level('Severity', true),
        residualLikelihood: level('Likelihood after measures'),
        residualSeverity: level('Severity after measures'),
        measures: { kind: 'rows', label: 'Measures', rows: MEASURES },
      },
      max: 100,
      derive: riskLevels,
      derivedSchema: { level: RiskLevelSchema.nullable(), residualLevel: RiskLevelSchema.nullable() },
      derivedLabels: { level: 'Risk level before measures', residualLevel: 'Residual risk level' },
    },
    export: 'Risks',
    import: false,
  }),
  dpoOpinion: choice({
    label: 'DPO opinion',
    options: [
      { value: 'favourable', label: 'Favourable', color: 'green' },
      { value: 'favourable-with-conditions', label: 'Favourable with conditions', color: 'yellow' },
      { value: 'unfavourable', label: 'Unfavourable', color: 'red' },
    ],
    filter: { kind: 'choice' },
    fts: 'other',
    table: { size: 150, hidden: true },
    form: { section: 'advice', description: 'Art 35(2): the advice of the DPO' },
    import: { synonyms: { phrases: ['dpo opinion', 'dpo advice', 'avis du dpd', 'avis du dpo'] } },
  }),
  dpoAdvice: longText({
    label: 'DPO advice',
    fts: 'column',
    table: false,
    form: { section: 'advice', wide: true },
    import: false,
  }),
  viewsSought: bool({
    label: 'Data subjects’ views sought',
    yesNo: { yes: 'Views sought', no: 'Views not sought' },
    table: false,
    form: { section: 'advice', description: 'Art 35(9)' },
    import: false,
  }),
  dataSubjectViews: longText({
    label: 'Data subjects’ views, or why they were not sought',
    fts: 'column',
    table: false,
    form: { section: 'advice', wide: true },
    import: false,
  }),
  decision: longText({
    label: 'Decision',
    fts: 'column',
    table: false,
    form: { section: 'advice', wide: true, description: 'What the controller decided, and who decided it' },
    import: false,
  }),
  priorConsultationOn: date({
    label: 'Prior consultation filed on',
    table: false,
    form: { section: 'advice', description: 'Art 36(1): the date the authority was consulted' },
    import: false,
  }),
  authorityReference: text({
    label: 'Authority’s reference',
    fts: 'other',
    table: false,
    form: { section: 'advice' },
    import: false,
  }),
  reviewOn: reviewDateField('oversight'),
  notes: notesField('oversight'),
  ...sourceFields('oversight'),
};

type DpiaBase = BaseRecord<typeof fields>;

const RANK: Record<RiskLevel, number> = { low: 0, medium: 1, high: 2 };

/** The highest level among the risks after their measures, or null when no risk is rated. */
function highestResidual(d: DpiaBase): RiskLevel | null {
  let max: RiskLevel | null = null;
  for (const r of d.risks as Record<string, unknown>[]) {
    const { residualLevel } = riskLevels(r);
    if (residualLevel && (max === null || RANK[residualLevel] > RANK[max])) max = residualLevel;
  }
  return max;
}

/** Whether a risk stays high after its measures (Art 36(1)), by the rules engine's assessment. */
const priorConsultationRequired = (d: DpiaBase): boolean =>
  assessDpiaRisks(
    (d.risks as Record<string, unknown>[])
      .filter((r) => typeof r.likelihood === 'number' && typeof r.severity === 'number')
      .map((r) => ({
        title: r.title as string,
        likelihood: r.likelihood as number,
        severity: r.severity as number,
        residualLikelihood: (r.residualLikelihood as number | null) ?? null,
        residualSeverity: (r.residualSeverity as number | null) ?? null,
      })),
  ).priorConsultationRequired;

/** Awaiting (required, not filed, the DPIA not closed or rejected), filed, or not required. */
function priorConsultationOf(d: DpiaBase): 'awaiting' | 'filed' | 'not-required' {
  if (d.priorConsultationOn !== null) return 'filed';
  if (d.status === 'closed' || d.status === 'rejected') return 'not-required';
  return priorConsultationRequired(d) ? 'awaiting' : 'not-required';
}

/** Data protection impact assessments (GDPR Art 35), with their risks, measures and the Art 36 question. */
export const dpias = defineRegister({
  name: 'dpias',
  entity: 'dpia',
  table: 'dpias',
  ftsTable: 'dpia_fts',
  title: 'DPIAs',
  noun: { one: 'DPIA', other: 'DPIAs' },
  description:
    'This register keeps your data protection impact assessments (GDPR Art 35): the processing each covers, the screening that led to it, the risks to people with their likelihood and severity before and after the measures, the DPO’s advice and the decision. When a risk stays high after its measures, the supervisory authority must be consulted before the processing starts (Art 36).',
  fields,
  sections: [
    { id: 'scope', legend: 'What the DPIA covers', cols: 2 },
    { id: 'screening', legend: 'Screening (Art 35(1), (3), (4))', cols: 1 },
    { id: 'assessment', legend: 'Assessment (Art 35(7))', cols: 1 },
    { id: 'risks', legend: 'Risks and measures', cols: 1 },
    { id: 'advice', legend: 'Advice and decision', cols: 2 },
    { id: 'oversight', legend: 'Our oversight', cols: 3 },
  ],
  derived: {
    /** The highest risk level left once the measures are in place. */
    highestResidual: derived({
      label: 'Highest residual risk',
      schema: RiskLevelSchema.nullable(),
      compute: (d: DpiaBase) => highestResidual(d),
      table: { size: 130, short: 'Residual risk', after: 'status' },
      export: 'Highest residual risk',
      filter: {
        kind: 'choice',
        key: 'highestResidual',
        options: [
          { value: 'high', label: 'High' },
          { value: 'medium', label: 'Medium' },
          { value: 'low', label: 'Low' },
        ],
        // The map's quadrants in SQL (both axes 3+: high; one: medium), residual ratings standing in for the
        // inherent ones when given.
        sql: (wanted: readonly string[]) => {
          const l = sql`coalesce(json_extract(e.value, '$.residualLikelihood'), json_extract(e.value, '$.likelihood'))`;
          const s = sql`coalesce(json_extract(e.value, '$.residualSeverity'), json_extract(e.value, '$.severity'))`;
          const score = sql`(CASE WHEN ${l} >= 3 THEN 1 ELSE 0 END + CASE WHEN ${s} >= 3 THEN 1 ELSE 0 END)`;
          const max = sql`(SELECT max(${score}) FROM json_each(r.risks) e)`;
          const levels = wanted.map((w) => (w === 'high' ? 2 : w === 'medium' ? 1 : 0));
          return sqlInList(max, levels);
        },
      },
    }),
    /** A risk stays high after its measures: consult the supervisory authority before processing. */
    priorConsultationRequired: derived({
      label: 'Prior consultation required',
      schema: z.boolean(),
      compute: (d: DpiaBase) => priorConsultationRequired(d),
      table: { size: 120, short: 'Art 36', after: 'highestResidual' },
      export: `Prior consultation required (${cite(PRIOR_CONSULTATION)})`,
    }),
    /**
     * Where the Art 36 question stands: awaiting (required, not filed, the DPIA still live), filed, or not
     * required. Kept so the Overview counts the DPIAs awaiting prior consultation in SQL.
     */
    priorConsultation: derived({
      label: 'Prior consultation',
      schema: z.enum(['awaiting', 'filed', 'not-required']),
      compute: (d: DpiaBase) => priorConsultationOf(d),
      table: false,
      export: false,
      store: { column: 'prior_consultation', value: (v) => v, until: () => null },
      filter: {
        kind: 'choice',
        key: 'priorConsultation',
        column: 'priorConsultationRequired',
        options: [
          { value: 'awaiting', label: 'Awaiting prior consultation' },
          { value: 'filed', label: 'Filed with the authority' },
          { value: 'not-required', label: 'Not required' },
        ],
        sql: (states: readonly string[]) => sqlInList(sql`r.prior_consultation`, states),
      },
    }),
    reviewOverdue: reviewOverdue<DpiaBase>({
      field: 'reviewOn',
      exempt: {
        test: (d) => d.status === 'closed' || d.status === 'rejected',
        sql: sql`r.status IN ('closed', 'rejected')`,
      },
    }),
  },
  identity: {
    fields: ['title'],
    column: 'title_key',
    key: (d: StoredFields<typeof fields>) => foldText(d.title),
    same: 'same title',
  },
  titleOf: (d) => d.title,
  detailOf: (d) => STATUS_OPTIONS.find((o) => o.value === d.status)?.label ?? 'DPIA',
  checks: (d) => {
    const problems = [];
    (d.risks as Record<string, unknown>[]).forEach((r, i) => {
      const l = r.residualLikelihood ?? null;
      const s = r.residualSeverity ?? null;
      if ((l === null) !== (s === null))
        problems.push({
          path: `risks.${i}.${l === null ? 'residualLikelihood' : 'residualSeverity'}`,
          message: 'Rate both likelihood and severity after the measures, or neither.',
        });
    });
    if (d.status === 'approved') {
      if (d.dpoOpinion === null && !d.dpoAdvice)
        problems.push({
          path: 'dpoOpinion',
          message: 'An approved DPIA records the DPO’s advice (Art 35(2)).',
        });
      if (!d.dataSubjectViews)
        problems.push({
          path: 'dataSubjectViews',
          message: 'Record the data subjects’ views, or why they were not sought (Art 35(9)).',
        });
    }
    if (d.priorConsultationOn !== null && d.status === 'screening')
      problems.push({ path: 'status', message: 'A DPIA filed for prior consultation is past screening.' });
    return problems;
  },
  defaultSort: { key: 'title', direction: 'asc' },
});

export type DpiasRegister = typeof dpias;
