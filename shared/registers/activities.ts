import { z } from 'zod';
import {
  bool,
  choice,
  choices,
  labels,
  longText,
  refs,
  rows,
  text,
  type CellRead,
  type EnumOption,
} from '../kit/fields';
import { defineRegister, derived, type BaseRecord, type StoredFields } from '../kit/define';
import { notesField, reviewDateField, reviewOverdue } from '../kit/oversight';
import { sourceFields } from '../kit/source';
import { sql, sqlLiteral } from '../kit/sql';
import { foldText } from '../import/text';
import {
  ART9_CONDITIONS,
  ART9_PAIRING,
  LAWFUL_BASES,
  SPECIAL_CATEGORIES,
  type LegalOption,
} from '../reference/lawful-basis';
import { transferGapSql } from '../rules/transfer-coverage';
import { screeningCallsForDpia, screeningField, type Screening } from './screening';

const asOptions = (list: readonly LegalOption[], withRef = true): EnumOption[] =>
  list.map((o) => ({
    value: o.value,
    label: withRef ? `${o.label} (Art ${o.ref})` : o.label,
    words: o.words,
  }));

/** "Not yet determined": a record of processing may be drafted before its basis is settled (a gap to close). */
const UNDETERMINED: EnumOption = {
  value: 'undetermined',
  label: 'Not yet determined',
  color: 'orange',
  words: ['not stated', 'tbd', 'to be determined', 'unknown', 'not determined', 'à déterminer'],
};

const LAWFUL_BASIS_OPTIONS = [
  ...asOptions(LAWFUL_BASES, false).map((o, i) => ({
    ...o,
    color: (['blue', 'teal', 'grape', 'red', 'indigo', 'cyan'] as const)[i],
  })),
  UNDETERMINED,
] as const;

/**
 * Reads a retention cell as entries: "Billing records: 10 years (tax law); Support tickets: 2 years" gives two;
 * a cell without a category ("3 years after the contract ends") is one entry for all the data.
 */
function readRetention(cell: string): CellRead {
  const entries = cell
    .split(/[;\n]+/)
    .map((e) => e.trim())
    .filter(Boolean)
    .map((e) => {
      const m = /^([^:]{1,120}):\s*(.+)$/.exec(e);
      const category = m ? m[1]!.trim() : 'All personal data';
      let period = (m ? m[2]! : e).trim();
      let basis: string | null = null;
      const why = /^(.*?)\s*\(([^()]+)\)\s*$/.exec(period);
      if (why) {
        period = why[1]!.trim();
        basis = why[2]!.trim();
      }
      return { category: category.slice(0, 200), period: period.slice(0, 300), basis };
    });
  return entries.length > 0
    ? { ok: true, value: entries }
    : { ok: false, message: 'No retention period given.' };
}

const fields = {
  name: text({
    label: 'Processing activity',
    required: true,
    message: 'Name the processing activity.',
    max: 300,
    sort: true,
    filter: { kind: 'text' },
    fts: 'column',
    table: { size: 210 },
    form: { section: 'activity', wide: true },
    import: {
      synonyms: {
        exact: ['activity', 'processing', 'traitement', 'name', 'verarbeitung'],
        phrases: [
          'processing activity',
          'name of processing',
          'name of the processing activity',
          'activity name',
          'nom de l’activité',
          "nom de l'activité",
          'nom du traitement',
          'activité de traitement',
          'verarbeitungstätigkeit',
          'bezeichnung der verarbeitung',
        ],
        exclude: ['purpose', 'contact', 'controller'],
      },
      fallback: 'purposes',
    },
  }),
  businessFunction: text({
    label: 'Business function',
    short: 'Function',
    sort: true,
    filter: { kind: 'text' },
    fts: 'column',
    table: { size: 130 },
    form: { section: 'activity' },
    import: {
      synonyms: {
        exact: ['department', 'function', 'team', 'service', 'abteilung', 'direction'],
        phrases: [
          'business function',
          'business unit',
          'service concerné',
          'fachbereich',
          'organisational unit',
        ],
      },
    },
  }),
  owner: text({
    label: 'Owner',
    fts: 'other',
    table: { size: 140, hidden: true },
    form: { section: 'activity', description: 'Who answers for this processing in the organisation' },
    import: {
      synonyms: {
        exact: ['owner', 'responsible', 'verantwortlich'],
        phrases: ['process owner', 'activity owner', 'business owner', 'personne responsable'],
        exclude: ['joint', 'controller'],
      },
    },
  }),
  purposes: labels({
    label: 'Purposes',
    fts: 'column',
    table: { size: 170 },
    form: { section: 'activity', wide: true, description: 'Art 30(1)(b); one purpose per entry' },
    import: {
      synonyms: {
        exact: ['purpose', 'purposes', 'finalité', 'finalités', 'zweck', 'zwecke'],
        phrases: [
          'purpose of processing',
          'purposes of processing',
          'purpose of the processing',
          'objectifs poursuivis',
          'finalité du traitement',
          'zweck der verarbeitung',
          'zwecke der verarbeitung',
        ],
        exclude: ['legitimate'],
      },
      commas: false,
    },
  }),
  lawfulBasis: choice({
    label: 'Lawful basis',
    short: 'Basis',
    options: LAWFUL_BASIS_OPTIONS,
    sort: true,
    filter: { kind: 'choice' },
    fts: 'other',
    table: { size: 120 },
    form: {
      section: 'lawfulness',
      description:
        'GDPR Art 6(1): (a) consent, (b) contract, (c) legal obligation, (d) vital interests, (e) public task, (f) legitimate interests',
    },
    import: {
      synonyms: {
        exact: ['basis', 'lawful basis', 'legal basis', 'base légale', 'rechtsgrundlage'],
        phrases: [
          'article 6 lawful basis',
          'article 6 lawful basis for processing',
          'gdpr article 6 lawful basis',
          'lawful basis for processing',
          'legal basis for processing',
          'base juridique',
          'fondement juridique',
          'rechtsgrundlage der verarbeitung',
        ],
      },
    },
  }),
  legitimateInterests: longText({
    label: 'Legitimate interests pursued',
    fts: 'other',
    table: false,
    form: { section: 'lawfulness', description: 'When the basis is legitimate interests (Art 6(1)(f))' },
    import: {
      synonyms: {
        phrases: [
          'legitimate interests for the processing',
          'legitimate interests',
          'intérêts légitimes poursuivis',
        ],
        exclude: ['assessment', 'link', 'record'],
      },
    },
  }),
  liaReference: text({
    label: 'Legitimate interests assessment',
    short: 'LIA',
    fts: 'other',
    table: false,
    form: { section: 'lawfulness', description: 'Where the assessment is kept (a link or a reference)' },
    import: {
      synonyms: {
        phrases: [
          'link to record of legitimate interests assessment',
          'legitimate interests assessment',
          'lia',
          'lia reference',
          'balancing test',
        ],
      },
    },
  }),
  specialCategories: choices({
    label: 'Special categories of data',
    short: 'Special categories',
    options: asOptions(SPECIAL_CATEGORIES, false),
    filter: { kind: 'choice' },
    fts: 'other',
    table: { size: 170, hidden: true },
    form: { section: 'lawfulness', description: 'Art 9(1), and criminal-offence data (Art 10)' },
    import: {
      synonyms: {
        phrases: [
          'special category data',
          'special categories',
          'special categories of personal data',
          'sensitive data',
          'données sensibles',
          'besondere kategorien',
        ],
        exclude: ['condition', 'article 9 condition'],
      },
    },
  }),
  art9Condition: choice({
    label: 'Art 9(2) condition',
    options: asOptions(ART9_CONDITIONS),
    fts: 'other',
    table: false,
    form: { section: 'lawfulness', description: 'Required with special categories' },
    import: {
      synonyms: {
        phrases: [
          'article 9 condition',
          'article 9 condition for processing special category data',
          'art 9 condition',
          'condition for processing special category data',
          'exception article 9',
        ],
      },
    },
  }),
  dataSubjects: labels({
    label: 'Categories of data subjects',
    short: 'Data subjects',
    fts: 'column',
    table: { size: 180, hidden: true },
    form: { section: 'data', description: 'Art 30(1)(c): customers, employees, visitors …' },
    import: {
      synonyms: {
        exact: ['data subjects', 'individuals'],
        phrases: [
          'categories of individuals',
          'categories of data subjects',
          'data subject categories',
          'catégories de personnes concernées',
          'personnes concernées',
          'kategorien betroffener personen',
          'betroffene personen',
        ],
      },
    },
  }),
  dataCategories: labels({
    label: 'Categories of personal data',
    short: 'Personal data',
    fts: 'column',
    table: { size: 200, hidden: true },
    form: { section: 'data', description: 'Art 30(1)(c): contact details, billing data, usage data …' },
    import: {
      synonyms: {
        exact: ['data', 'données', 'daten'],
        phrases: [
          'categories of personal data',
          'personal data categories',
          'data categories',
          'catégories de données',
          'données traitées',
          'catégories de données traitées',
          'kategorien personenbezogener daten',
          'datenkategorien',
        ],
        exclude: ['special', 'sensitive', 'retention', 'location', 'transfer'],
      },
    },
  }),
  retention: rows({
    label: 'Retention',
    form: {
      section: 'data',
      description: 'Art 30(1)(f): how long each category of data is kept, where the periods differ',
    },
    table: false,
    rows: {
      noun: { one: 'retention period', other: 'retention periods' },
      titleOf: (r) => `${(r.category as string | null) ?? ''}${r.period ? `: ${String(r.period)}` : ''}`,
      fields: {
        category: { kind: 'text', label: 'Data category', required: true, max: 200 },
        period: { kind: 'text', label: 'Kept for', required: true, max: 300 },
        basis: { kind: 'text', label: 'Why, or the rule', max: 300 },
      },
      max: 50,
    },
    import: {
      synonyms: {
        phrases: [
          'retention schedule',
          'retention period',
          'retention',
          'time limits for erasure',
          'durées de conservation',
          'durée de conservation',
          'délais prévus pour l’effacement',
          "délais prévus pour l'effacement",
          'speicherdauer',
          'löschfristen',
          'aufbewahrungsfrist',
        ],
        exclude: ['policy', 'adhering', 'accordance'],
      },
      read: readRetention,
    },
  }),
  dataSource: text({
    label: 'Source of the data',
    fts: 'other',
    table: false,
    form: { section: 'data', description: 'From the data subject, or where else' },
    import: {
      synonyms: {
        phrases: [
          'source of the personal data',
          'data source',
          'source of data',
          'origine des données',
          'herkunft der daten',
        ],
      },
    },
  }),
  childrenData: bool({
    label: 'Children’s data',
    yesNo: { yes: 'Includes children’s data', no: 'No children’s data' },
    filter: { kind: 'yes-no', yes: 'Includes children’s data', no: 'No children’s data' },
    table: false,
    form: { section: 'data' },
    import: { synonyms: { phrases: ['children’s data', "children's data", 'data of children', 'minors'] } },
  }),
  automatedDecisions: bool({
    label: 'Automated decision-making',
    yesNo: { yes: 'Automated decisions or profiling', no: 'No automated decisions' },
    table: false,
    form: { section: 'data', description: 'Art 22, including profiling' },
    import: {
      synonyms: {
        phrases: [
          'existence of automated decision-making, including profiling',
          'automated decision-making',
          'automated decision making',
          'profiling',
          'décision automatisée',
          'automatisierte entscheidung',
        ],
      },
    },
  }),
  vendors: refs({
    label: 'Vendors and processors',
    short: 'Vendors',
    register: 'vendors',
    nameKey: 'vendorNames',
    link: { table: 'activity_vendors', idColumn: 'activity_id', refColumn: 'vendor_id' },
    fts: 'other',
    table: { size: 160 },
    form: {
      section: 'recipients',
      wide: true,
      description: 'Art 30(1)(d): the vendors that receive the data',
    },
    import: {
      synonyms: {
        exact: ['vendors', 'processors', 'sub-processors', 'subprocessors', 'sous-traitants'],
        phrases: ['processors used', 'names of processors', 'service providers', 'auftragsverarbeiter'],
        exclude: ['link', 'contract', 'contact'],
      },
    },
  }),
  recipients: labels({
    label: 'Other recipients',
    fts: 'column',
    table: { size: 180, hidden: true },
    form: { section: 'recipients', description: 'Art 30(1)(d): internal teams, authorities, partners …' },
    import: {
      synonyms: {
        exact: ['recipients', 'destinataires', 'empfänger'],
        phrases: ['categories of recipients', 'catégories de destinataires', 'kategorien von empfängern'],
      },
    },
  }),
  transfers: refs({
    label: 'Transfers',
    register: 'transfers',
    nameKey: 'transferNames',
    link: { table: 'activity_transfers', idColumn: 'activity_id', refColumn: 'transfer_id' },
    table: false,
    form: {
      section: 'recipients',
      wide: true,
      description:
        'Art 30(1)(e): the transfer records this processing relies on (the vendors’ own show below)',
    },
    import: false,
  }),
  jointController: text({
    label: 'Joint controller',
    fts: 'other',
    table: false,
    form: { section: 'recipients' },
    import: {
      synonyms: {
        phrases: [
          'name and contact details of joint controller',
          'joint controller',
          'responsable conjoint',
          'gemeinsam verantwortlicher',
        ],
      },
    },
  }),
  securityMeasures: longText({
    label: 'Security measures',
    fts: 'column',
    table: false,
    form: { section: 'security', wide: true, description: 'Art 30(1)(g): a general description (Art 32(1))' },
    import: {
      synonyms: {
        phrases: [
          'general description of technical and organisational security measures',
          'technical and organisational security measures',
          'security measures',
          'toms',
          'mesures de sécurité',
          'technische und organisatorische maßnahmen',
        ],
      },
    },
  }),
  screening: screeningField('dpia'),
  status: choice({
    label: 'Status',
    options: [
      { value: 'draft', label: 'Draft', color: 'gray', words: ['in progress', 'brouillon', 'entwurf'] },
      { value: 'in-review', label: 'In review', color: 'yellow', words: ['review', 'pending'] },
      {
        value: 'approved',
        label: 'Approved',
        color: 'green',
        words: ['active', 'validated', 'validé', 'final'],
      },
      {
        value: 'retired',
        label: 'Retired',
        color: 'gray',
        words: ['ended', 'deprecated', 'archived', 'inactive'],
      },
    ],
    default: 'draft',
    sort: true,
    filter: { kind: 'choice' },
    fts: 'other',
    table: { size: 110 },
    form: { section: 'oversight' },
    import: { synonyms: { exact: ['status', 'statut'], phrases: ['record status'] } },
  }),
  reviewOn: reviewDateField('oversight', { size: 120 }),
  notes: notesField('oversight'),
  ...sourceFields('oversight'),
};

type ActivityBase = BaseRecord<typeof fields>;

/** A linked vendor as an activity reads it: its coverage of each country outside the organisation's area. */
interface LinkedVendor {
  id: number;
  name: string;
  role: string;
  archived: boolean;
  effectiveDpaStatus: string;
  transferCoverage: { country: string; covered: string; detail: string; transferId: number | null }[];
  transferGaps: string[];
}

const currentVendors = (env: { linked: Record<string, readonly Record<string, unknown>[]> }) =>
  ((env.linked.vendors ?? []) as unknown as LinkedVendor[]).filter((v) => !v.archived);

const ChainSchema = z.array(
  z.object({
    id: z.number().int(),
    name: z.string(),
    role: z.string(),
    archived: z.boolean(),
    dpaStatus: z.string(),
    countries: z.array(
      z.object({
        country: z.string(),
        covered: z.string(),
        detail: z.string(),
        transferId: z.number().int().nullable(),
      }),
    ),
  }),
);

const specialCategoryValues = new Set<string>(
  SPECIAL_CATEGORIES.filter((c) => c.value !== 'criminal').map((c) => c.value),
);

/** What Art 30(1) asks of the record that it does not say yet (and the LIA when the basis is legitimate interests). */
function recordGaps(a: ActivityBase): string[] {
  const gaps: string[] = [];
  if (a.purposes.length === 0) gaps.push('purposes');
  if (a.lawfulBasis === null || a.lawfulBasis === 'undetermined') gaps.push('lawful basis');
  if (a.dataSubjects.length === 0) gaps.push('categories of data subjects');
  if (a.dataCategories.length === 0) gaps.push('categories of personal data');
  if (a.vendors.length === 0 && a.recipients.length === 0) gaps.push('recipients');
  if (a.retention.length === 0) gaps.push('retention');
  if (!a.securityMeasures) gaps.push('security measures');
  if (a.lawfulBasis === 'legitimate-interests' && !a.liaReference)
    gaps.push('legitimate interests assessment');
  return gaps;
}

/** Records of processing activities (GDPR Art 30(1)). */
export const activities = defineRegister({
  name: 'activities',
  entity: 'activity',
  table: 'activities',
  ftsTable: 'activity_fts',
  title: 'Processing activities',
  noun: { one: 'processing activity', other: 'processing activities' },
  description:
    'This register is your record of processing activities (GDPR Art 30(1)): for each purpose, the lawful basis, the people and data concerned, who receives the data and where it goes, how long it is kept and how it is protected. A supervisory authority may ask for it at any time (Art 30(4)). Each activity shows the countries its vendors send data to, any transfer gap, and whether a DPIA is needed.',
  fields,
  sections: [
    { id: 'activity', legend: 'The processing activity', cols: 2 },
    { id: 'lawfulness', legend: 'Lawfulness (Art 6, Art 9)', cols: 2 },
    { id: 'data', legend: 'People and data', cols: 2 },
    { id: 'recipients', legend: 'Recipients and transfers', cols: 2 },
    { id: 'security', legend: 'Security', cols: 1 },
    { id: 'dpia', legend: 'DPIA screening (Art 35)', cols: 1 },
    { id: 'oversight', legend: 'Our oversight', cols: 3 },
  ],
  derived: {
    /** The countries outside the organisation's area that the activity's vendors process data in. */
    thirdCountries: derived({
      label: 'Third countries',
      schema: z.array(z.string()),
      compute: (_a: ActivityBase, env) =>
        [...new Set(currentVendors(env).flatMap((v) => v.transferCoverage.map((c) => c.country)))].sort(),
      table: { size: 120, short: 'Third countries', after: 'vendors' },
      display: 'countries',
      export: 'Third countries (from its vendors)',
      needs: { linked: ['vendors'] },
    }),
    /** Countries where one of its vendors processes data with no adequacy and no valid transfer record. */
    transferGaps: derived({
      label: 'Transfer gaps',
      schema: z.array(z.string()),
      compute: (_a: ActivityBase, env) =>
        [...new Set(currentVendors(env).flatMap((v) => v.transferGaps))].sort(),
      table: false,
      display: 'countries',
      export: 'Transfer gaps',
      needs: { linked: ['vendors'] },
      filter: {
        kind: 'yes-no',
        key: 'transferGaps',
        column: 'thirdCountries',
        yes: 'Has transfer gaps',
        no: 'No transfer gaps',
        sql: (gaps: boolean, env) => {
          // The vendors' own twin, asked once of every current vendor (the inner `r` is a vendor): the activities
          // linked to one with a gap.
          const withGaps = sql`SELECT av.activity_id FROM activity_vendors av JOIN vendors r ON r.id = av.vendor_id
            WHERE r.archived_at IS NULL AND ${transferGapSql(env)}`;
          return gaps ? sql`r.id IN (${withGaps})` : sql`r.id NOT IN (${withGaps})`;
        },
        set: (gaps: boolean, env) => {
          // The gap twin asked once per vendor, then the vendors' activities found through the link's index.
          const withGaps = sql`SELECT DISTINCT av.activity_id AS id FROM activity_vendors av WHERE av.vendor_id IN (
            SELECT r.id FROM vendors r WHERE r.archived_at IS NULL AND ${transferGapSql(env)})`;
          return gaps ? withGaps : sql`SELECT a.id AS id FROM activities a WHERE a.id NOT IN (${withGaps})`;
        },
      },
    }),
    /** Each current vendor with its DPA status and how each of its third countries is covered. */
    chain: derived({
      label: 'Vendors and their transfers',
      schema: ChainSchema,
      compute: (_a: ActivityBase, env) =>
        ((env.linked.vendors ?? []) as unknown as LinkedVendor[]).map((v) => ({
          id: v.id,
          name: v.name,
          role: v.role,
          archived: v.archived,
          dpaStatus: v.effectiveDpaStatus,
          countries: v.transferCoverage.map((c) => ({
            country: c.country,
            covered: c.covered,
            detail: c.detail,
            transferId: c.transferId,
          })),
        })),
      table: false,
      export: false,
      needs: { linked: ['vendors'] },
    }),
    /** The screening calls for a DPIA and no current DPIA covers the activity. */
    dpiaNeeded: derived({
      label: 'DPIA needed',
      schema: z.boolean(),
      compute: (a: ActivityBase, env) =>
        screeningCallsForDpia(a.screening as Screening) && (env.related.dpias ?? []).length === 0,
      table: { size: 110, after: 'thirdCountries' },
      export: 'DPIA needed, none linked',
      needs: { related: ['dpias'] },
      filter: {
        kind: 'yes-no',
        key: 'dpiaNeeded',
        yes: 'DPIA needed',
        no: 'No DPIA needed',
        sql: (needed: boolean) => {
          // The screening's call is kept in a generated column (migration 5) from the same rule as below.
          const calls = sql`r.dpia_screening_calls = 1`;
          const none = sql`NOT EXISTS (SELECT 1 FROM dpia_activities da JOIN dpias d ON d.id = da.dpia_id
            WHERE da.activity_id = r.id AND d.archived_at IS NULL)`;
          return needed ? sql`(${calls} AND ${none})` : sql`NOT (${calls} AND ${none})`;
        },
        set: (needed: boolean) => {
          // Read from the generated column's index, then probed for a linked DPIA.
          const none = sql`NOT EXISTS (SELECT 1 FROM dpia_activities da JOIN dpias d ON d.id = da.dpia_id
            WHERE da.activity_id = a.id AND d.archived_at IS NULL)`;
          const matching = sql`SELECT a.id AS id FROM activities a INDEXED BY activities_dpia_screening_calls
            WHERE a.dpia_screening_calls = 1 AND ${none}`;
          return needed ? matching : sql`SELECT a.id AS id FROM activities a WHERE a.id NOT IN (${matching})`;
        },
      },
    }),
    /** What Art 30(1) asks of the record that it does not say yet. */
    recordGaps: derived({
      label: 'Missing from the record',
      schema: z.array(z.string()),
      compute: (a: ActivityBase) => recordGaps(a),
      table: false,
      export: 'Missing from the record',
    }),
    reviewOverdue: reviewOverdue<ActivityBase>({
      field: 'reviewOn',
      exempt: { test: (a) => a.status === 'retired', sql: sql`r.status = ${sqlLiteral('retired')}` },
    }),
  },
  relations: {
    dpias: { register: 'dpias', via: 'activities', label: 'DPIAs covering it' },
  },
  identity: {
    fields: ['name'],
    column: 'name_key',
    key: (a: StoredFields<typeof fields>) => foldText(a.name),
    same: 'same name',
  },
  titleOf: (a) => a.name,
  detailOf: (a) =>
    [a.businessFunction, LAWFUL_BASIS_OPTIONS.find((o) => o.value === a.lawfulBasis)?.label]
      .filter(Boolean)
      .join(' · ') || 'Processing activity',
  checks: (a) => {
    const problems = [];
    const special = a.specialCategories.some((c) => specialCategoryValues.has(c));
    if (special && a.art9Condition === null)
      problems.push({
        path: 'art9Condition',
        message: `Special categories need an Art 9(2) condition. ${ART9_PAIRING.text}`,
      });
    if (!special && a.art9Condition !== null)
      problems.push({
        path: 'art9Condition',
        message: 'An Art 9(2) condition belongs to special categories of data: record which ones.',
      });
    return problems;
  },
  defaultSort: { key: 'name', direction: 'asc' },
});

export type ActivitiesRegister = typeof activities;
