import { z } from 'zod';
import { countryName } from '../countries';
import type { BaseRecord, StoredFields } from '../kit/define';
import { defineRegister, derived } from '../kit/define';
import {
  bool,
  choice,
  country,
  date,
  int,
  labels,
  longText,
  ref,
  text,
  type CellRead,
  type EnumOption,
} from '../kit/fields';
import { notesField, reviewDateField, reviewOverdue } from '../kit/oversight';
import { sourceFields } from '../kit/source';
import { sql, sqlInList } from '../kit/sql';
import { foldText } from '../import/text';
import { cite } from '../reference/sources';
import { SCC_MODULES, TIA, TRANSFER_MECHANISMS } from '../reference/transfer-instruments';
import {
  checkTransfer,
  TRANSFER_REGIMES,
  verdictChangesOn,
  type TransferCheckInput,
  type TransferValidity,
} from '../rules/transfer-validity';

type Mechanism = (typeof TRANSFER_MECHANISMS)[number];

const MODULE_WORDS: Record<string, 1 | 2 | 3 | 4> = {
  '1': 1,
  one: 1,
  i: 1,
  '2': 2,
  two: 2,
  ii: 2,
  '3': 3,
  three: 3,
  iii: 3,
  '4': 4,
  four: 4,
  iv: 4,
};

/**
 * Reads the ways lists name standard contractual clauses: "Standard Contractual Clauses (Module 2)", "EU SCCs",
 * "SCCs 2021", "2010/87/EU", "UK Addendum + SCCs (Module 3)", "Clauses contractuelles types",
 * "Standardvertragsklauseln". A module number is taken too. Other words go to the mechanism's own word list.
 */
function readMechanism(textValue: string): CellRead | null {
  const folded = foldText(textValue);
  const moduleMatch = /\bmodul[e]?\s*(1|2|3|4|one|two|three|four|iv|iii|ii|i)\b/.exec(folded);
  const sccModule = moduleMatch ? MODULE_WORDS[moduleMatch[1]!] : undefined;
  const also = sccModule ? { sccModule } : undefined;
  // Privacy Shield (Decision 2016/1250) was invalidated by the CJEU in C-311/18 (Schrems II), 16 July 2020
  // (legal-reference §4, [S]): a list that still names it records no mechanism that holds.
  if (/\bprivacy shield\b/.test(folded) && !/\bdpf\b|data privacy framework/.test(folded)) {
    return {
      ok: true,
      value: 'none',
      warning:
        'Privacy Shield was invalidated by the Court of Justice on 16 July 2020 (C-311/18, Schrems II): no mechanism is recorded. If the importer is on the Data Privacy Framework List, choose the DPF.',
    };
  }
  // The clauses' names in the languages of European registers: "Clausole Contrattuali Standard", "Cláusulas
  // contractuales tipo", "Standardavtalsklausuler", "Standaardcontractbepalingen", "Standardowe klauzule umowne".
  const scc =
    /\b(standard contractual clauses?|sccs?|eu sccs?|model clauses|clauses contractuelles types|cct|standardvertragsklauseln|standarddatenschutzklauseln|clausole contrattuali (?:standard|tipo)|clausulas contractuales (?:tipo|estandar)|clausulas contratuais(?: padrao| tipo)?|standaardcontractbepalingen|modelcontractbepalingen|standaardbepalingen|standardavtalsklausuler|standardkontraktsbestemmelser|standardkontraktbestemmelser|standardkontraktklausuler|standardklausuler|standardowe klauzule umowne|standardowe klauzule ochrony danych)\b/.test(
      folded,
    );
  if (/\b(addendum|idta addendum)\b/.test(folded) && /\buk\b|\baddendum\b/.test(folded)) {
    return { ok: true, value: 'uk-addendum', also };
  }
  if (!scc) return null;
  // The IDTA named with UK words ("UK SCCs (IDTA)"): the UK agreement. Named beside EU clauses ("EU SCCs / UK
  // IDTA"), the cell gives a mechanism per regime: the EU one is read, and the UK one said.
  const idta = /\bidta\b|international data transfer agreement/.test(folded);
  const eu = /\beu\b|2021|\beuropean\b/.test(folded);
  if (idta && !eu)
    return /\b(?:uk|united kingdom)\b/.test(folded) || !scc
      ? { ok: true, value: 'idta' }
      : {
          ok: true,
          value: 'idta',
          warning: 'The cell names clauses and the UK IDTA: read as the IDTA. Check the contract.',
        };
  if (idta)
    return {
      ok: true,
      value: 'scc-2021',
      also,
      warning:
        'The cell names the EU SCCs and the UK IDTA: read as the EU SCCs. A UK transfer under the IDTA is its own transfer.',
    };
  // "UK SCCs" without "addendum": since 21 March 2024 the old clauses no longer cover a UK restricted transfer
  // (legal-reference §4.3, [S]), and lists mostly mean the EU SCCs with the UK Addendum; said, so it is checked.
  // Naming the old clauses ("UK SCCs (2010)") keeps them, and the transfer check reports them. "UK" must qualify
  // the clauses ("UK SCCs", "SCCs (UK)"), not name a party ("SCCs – Acme UK Ltd").
  const ukClauses =
    /\b(?:uk|united kingdom)\s+(?:eu\s+)?(?:sccs?|standard contractual clauses?|model clauses)\b|\b(?:sccs?|clauses)\s*\(?\s*(?:for (?:the )?)?(?:uk|united kingdom)\s*\)?\s*$/;
  if (ukClauses.test(folded) && !/\b(2010|2001|2004|old|legacy)\b/.test(folded)) {
    return {
      ok: true,
      value: 'uk-addendum',
      also,
      warning: `"${textValue.trim().slice(0, 80)}" is read as the UK Addendum to the EU SCCs: the old clauses no longer cover a UK transfer since 21 March 2024. Check the contract; if it is the IDTA, choose it.`,
    };
  }
  if (/\b(2010|2001|2004|old|legacy)\b/.test(folded) || /2010 87|2001 497|2004 915/.test(folded)) {
    return { ok: true, value: 'scc-2010' };
  }
  if (/\b(2021|new)\b/.test(folded) || /2021 914/.test(folded) || sccModule) {
    return { ok: true, value: 'scc-2021', also };
  }
  return {
    ok: true,
    value: 'scc-2021',
    warning:
      'The version of the clauses is not given: read as the 2021 SCCs (the old clauses gave no valid safeguard after 27 December 2022). Check the contract.',
  };
}

const fields = {
  importer: ref({
    label: 'Importer',
    register: 'vendors',
    nameKey: 'importerName',
    column: 'importer_id',
    required: true,
    message: 'Choose the vendor that receives the data.',
    sort: false,
    fts: 'other',
    table: { size: 200 },
    form: { section: 'parties', description: 'The vendor that receives the data outside your area' },
    import: {
      synonyms: {
        exact: ['importer', 'vendor', 'supplier', 'recipient', 'processor', 'empfänger', 'destinataire'],
        phrases: [
          'data importer',
          'importer name',
          'name of importer',
          'recipient name',
          'vendor name',
          'supplier name',
          'sub-processor',
          'subprocessor',
          'service provider',
          'importateur',
          'importateur des données',
          'datenimporteur',
          'auftragsverarbeiter',
          'unterauftragsverarbeiter',
          'proveedor',
          'subencargado',
          'encargado del tratamiento',
          'destinatario',
          'fornitore',
          'sub responsabile',
          'destinatario dei dati',
          'verwerker',
          'subverwerker',
          'ontvanger',
          'underbiträde',
          'mottagare',
          'underdatabehandler',
          'databehandler',
          'modtager',
          'mottaker',
          'fornecedor',
          'destinatário',
          'odbiorca',
          'podmiot przetwarzający',
        ],
        exclude: ['country', 'location', 'pays', 'land', 'address', 'contact'],
      },
    },
  }),
  destinationCountry: country({
    label: 'Destination country',
    short: 'Destination',
    required: true,
    message: 'Give the country the data go to.',
    sort: true,
    filter: { kind: 'country', key: 'destinationCountry' },
    fts: 'other',
    table: { size: 190 },
    form: { section: 'parties', placeholder: 'Search by name or code' },
    import: {
      synonyms: {
        exact: ['country', 'destination', 'pays', 'land', 'drittland', 'zielland', 'location'],
        phrases: [
          'destination country',
          'country of destination',
          'third country',
          'recipient country',
          'importer country',
          'country of importer',
          'data location',
          'location of processing',
          'pays de destination',
          'pays tiers',
          'pays destinataire',
          'empfängerland',
          'land des empfängers',
          'país de destino',
          'país tercero',
          'paese di destinazione',
          'paese terzo',
          'land van bestemming',
          'derde land',
          'mottagarland',
          'tredjeland',
          'tredjeland',
          'modtagerland',
          'mottakerland',
          'país terceiro',
          'państwo trzecie',
          'kraj docelowy',
        ],
        exclude: ['exporter', 'exportateur', 'exporteur'],
      },
    },
  }),
  mechanism: choice({
    label: 'Transfer mechanism',
    short: 'Mechanism',
    options: [
      {
        value: 'none',
        label: 'None recorded',
        color: 'gray',
        words: ['none', 'no', 'not recorded', 'no mechanism', 'keine', 'aucun', 'aucune'],
      },
      {
        value: 'adequacy',
        label: 'Adequacy decision',
        color: 'teal',
        words: [
          'adequacy',
          'adequacy decision',
          'adequate country',
          'commission adequacy decision',
          'art 45',
          'article 45',
          'gdpr art 45',
          'décision d adéquation',
          'adéquation',
          'angemessenheitsbeschluss',
          'angemessenheit',
          'decisión de adecuación',
          'adecuación',
          'decisione di adeguatezza',
          'adeguatezza',
          'adequaatheidsbesluit',
          'adequaat beschermingsniveau',
          'decisão de adequação',
          'adequação',
          'beslut om adekvat skyddsnivå',
          'adekvat skyddsnivå',
          'tilstrækkelighedsafgørelse',
          'tilstrekkelig beskyttelsesnivå',
          'decyzja stwierdzająca odpowiedni stopień ochrony',
          'odpowiedni stopień ochrony',
        ],
      },
      {
        value: 'dpf',
        label: 'EU-U.S. Data Privacy Framework',
        color: 'teal',
        words: [
          'dpf',
          'eu us dpf',
          'eu u s dpf',
          'data privacy framework',
          'eu us data privacy framework',
          'eu u s data privacy framework',
          'data privacy framework dpf',
          'privacy framework',
          'dpf certification',
          'dpf certified',
        ],
      },
      {
        value: 'scc-2021',
        label: 'EU SCCs (2021/914)',
        color: 'blue',
        words: ['2021/914', 'decision 2021/914'],
      },
      {
        value: 'scc-2010',
        label: 'Old EU SCCs (2001/497, 2004/915, 2010/87)',
        color: 'orange',
        words: ['2010/87', '2010/87/eu', '2004/915', '2001/497'],
      },
      {
        value: 'idta',
        label: 'UK IDTA',
        color: 'blue',
        words: ['idta', 'uk idta', 'international data transfer agreement'],
      },
      {
        value: 'uk-addendum',
        label: 'UK Addendum to the EU SCCs',
        color: 'blue',
        words: ['international data transfer addendum', 'uk sccs'],
      },
      {
        value: 'bcr',
        label: 'Binding corporate rules',
        color: 'grape',
        words: [
          'bcr',
          'bcrs',
          'bcr-p',
          'bcr-c',
          'binding corporate rules',
          'règles d entreprise contraignantes',
          'bcr sous-traitant',
          'verbindliche interne datenschutzvorschriften',
          'normas corporativas vinculantes',
          'norme vincolanti d impresa',
          'bindende bedrijfsvoorschriften',
          'bindande företagsbestämmelser',
          'bindende virksomhedsregler',
          'bindende virksomhetsregler',
          'wiążące reguły korporacyjne',
          'regras vinculativas aplicáveis às empresas',
        ],
      },
      {
        value: 'derogation',
        label: 'Art 49 derogation',
        color: 'yellow',
        words: [
          'derogation',
          'art 49',
          'article 49',
          'gdpr art 49',
          'dérogation',
          'ausnahme',
          'ausnahmetatbestand',
          'excepción',
          'deroga',
          'uitzondering',
          'undantag',
          'undtagelse',
          'unntak',
          'odstępstwo',
          'derrogação',
        ],
      },
    ] satisfies EnumOption<Mechanism>[],
    default: 'none',
    sort: true,
    filter: { kind: 'choice' },
    fts: 'other',
    table: { size: 200 },
    form: { section: 'tool' },
    import: {
      synonyms: {
        exact: ['mechanism', 'safeguard', 'safeguards', 'garanties', 'garantien'],
        phrases: [
          'transfer mechanism',
          'transfer mechanisms',
          'transfer tool',
          'transfer safeguard',
          'transfer safeguards',
          'appropriate safeguards',
          'safeguards for transfers',
          'legal basis for transfer',
          'legal basis for the transfer',
          'transfer basis',
          'mécanisme de transfert',
          'instrument de transfert',
          'garanties appropriées',
          'encadrement du transfert',
          'transfermechanismus',
          'geeignete garantien',
          'rechtsgrundlage der übermittlung',
          'mecanismo de transferencia',
          'garantías',
          'garantía',
          'garanzia per il trasferimento',
          'garanzie',
          'garanzia',
          'doorgiftegrondslag',
          'contractuele waarborg',
          'juridische grondslag transfer',
          'överföringsmekanism',
          'skyddsåtgärd tredjeland',
          'overførselsgrundlag',
          'overføringsgrunnlag',
          'base de transferência',
          'base de transferência internacional',
          'salvaguarda',
          'mecanismo',
          'zabezpieczenie',
          'podstawa transferu',
          'transfergrundlage',
          'übermittlungsgrundlage',
          'garantie bei drittland',
        ],
      },
      read: readMechanism,
    },
  }),
  sccModule: int({
    label: 'SCC module',
    short: 'Module',
    min: 1,
    max: 4,
    message: 'The SCC module is 1, 2, 3 or 4.',
    choices: ([1, 2, 3, 4] as const).map((n) => ({ value: n, label: SCC_MODULES[n] })),
    table: { size: 90 },
    form: { section: 'tool', placeholder: 'Not recorded' },
    import: { synonyms: { phrases: ['scc module', 'module', 'sccs module', 'module des cct', 'scc modul'] } },
  }),
  sccDocking: bool({
    label: 'Docking clause (Clause 7)',
    yesNo: { yes: 'Included: other parties may accede', no: 'Not included' },
    table: false,
    form: { section: 'tool', placeholder: 'Not recorded' },
    import: { synonyms: { phrases: ['docking clause', 'clause 7', 'docking'] } },
  }),
  derogationGround: choice({
    label: 'Art 49 ground',
    options: [
      { value: 'a', label: '(a) explicit consent', words: ['explicit consent', 'consent', 'art 49 1 a'] },
      { value: 'b', label: '(b) contract with the data subject', words: ['art 49 1 b'] },
      { value: 'c', label: '(c) contract in the data subject’s interest', words: ['art 49 1 c'] },
      {
        value: 'd',
        label: '(d) important reasons of public interest',
        words: ['public interest', 'art 49 1 d'],
      },
      { value: 'e', label: '(e) legal claims', words: ['legal claims', 'art 49 1 e'] },
      { value: 'f', label: '(f) vital interests', words: ['vital interests', 'art 49 1 f'] },
      { value: 'g', label: '(g) public register', words: ['public register', 'art 49 1 g'] },
      {
        value: 'compelling',
        label: 'Compelling legitimate interests (Art 49(1), second subparagraph)',
        words: ['compelling legitimate interests'],
      },
    ],
    table: false,
    form: { section: 'tool', placeholder: 'Not recorded' },
    import: { synonyms: { phrases: ['derogation ground', 'art 49 ground', 'ground for derogation'] } },
  }),
  signedOn: date({
    label: 'Signed on',
    sort: true,
    table: { size: 116 },
    form: { section: 'tool', description: 'When the clauses or agreement were signed' },
    import: {
      synonyms: {
        phrases: [
          'signed on',
          'date signed',
          'signature date',
          'date of signature',
          'scc signed',
          'sccs signed',
          'scc date',
          'signé le',
          'date de signature',
          'unterzeichnet am',
          'datum der unterzeichnung',
        ],
      },
    },
  }),
  documentReference: text({
    label: 'Document reference',
    max: 500,
    fts: 'other',
    table: false,
    form: { section: 'tool', description: 'Where the signed clauses are kept' },
    import: {
      synonyms: {
        exact: ['reference', 'document', 'contract', 'agreement'],
        phrases: [
          'document reference',
          'contract reference',
          'link to contract',
          'agreement reference',
          'référence',
        ],
      },
    },
  }),
  exporter: ref({
    label: 'Exporter',
    register: 'vendors',
    nameKey: 'exporterName',
    column: 'exporter_id',
    table: { size: 160, hidden: true },
    form: {
      section: 'parties',
      description:
        'Empty when your organisation sends the data; a vendor when it passes them on (to a sub-processor)',
      placeholder: 'Our organisation',
    },
    import: {
      synonyms: { phrases: ['exporter', 'data exporter', 'exporter name', 'exportateur', 'datenexporteur'] },
    },
  }),
  exporterCountry: country({
    label: 'Exporter’s country',
    fts: 'other',
    table: { size: 150, hidden: true },
    form: {
      section: 'parties',
      description:
        'Decides the law the transfer is judged under (EU GDPR, UK GDPR or Swiss FADP); your organisation’s by default',
      placeholder: 'Search by name or code',
    },
    import: {
      synonyms: {
        phrases: ['exporter country', 'country of exporter', 'exporter location', 'pays de l exportateur'],
      },
    },
  }),
  dataCategories: labels({
    label: 'Personal data categories',
    short: 'Data categories',
    filter: { kind: 'text' },
    fts: 'column',
    table: { size: 200, hidden: true },
    form: { section: 'what', description: 'e.g. contact details, support tickets' },
    import: {
      synonyms: {
        phrases: [
          'data categories',
          'categories of data',
          'categories of personal data',
          'personal data categories',
          'personal data transferred',
          'data transferred',
          'types of data',
          'catégories de données',
          'données transférées',
          'datenkategorien',
          'kategorien personenbezogener daten',
        ],
      },
      commas: true,
      many: true,
    },
  }),
  purpose: text({
    label: 'Purpose',
    max: 500,
    filter: { kind: 'text' },
    fts: 'column',
    table: { size: 200, hidden: true },
    form: { section: 'what', wide: true },
    import: {
      synonyms: {
        exact: ['purpose', 'purposes', 'finalité', 'zweck'],
        phrases: [
          'purpose of transfer',
          'purpose of the transfer',
          'purpose of processing',
          'finalité du transfert',
        ],
      },
    },
  }),
  tia: choice({
    label: 'Transfer impact assessment',
    short: 'TIA',
    options: [
      {
        value: 'done',
        label: 'Done',
        color: 'green',
        words: ['yes', 'completed', 'complete', 'oui', 'ja', 'fait'],
      },
      {
        value: 'missing',
        label: 'Missing',
        color: 'red',
        words: ['no', 'not done', 'pending', 'non', 'nein', 'to do'],
      },
      {
        value: 'not-required',
        label: 'Not required',
        color: 'gray',
        words: ['n/a', 'na', 'not applicable', 'not needed', 'non requis', 'nicht erforderlich'],
      },
    ],
    sort: true,
    filter: { kind: 'choice' },
    table: { size: 110 },
    form: { section: 'tia', placeholder: 'Not recorded' },
    import: {
      synonyms: {
        exact: ['tia', 'aitd'],
        phrases: [
          'transfer impact assessment',
          'tia status',
          'tia done',
          'tia completed',
          'analyse d impact des transferts',
          'transfer risk assessment',
        ],
        exclude: ['date', 'outcome', 'result'],
      },
    },
  }),
  tiaDate: date({
    label: 'TIA date',
    table: false,
    form: { section: 'tia' },
    import: { synonyms: { phrases: ['tia date', 'date of tia', 'tia completed on', 'date de l aitd'] } },
  }),
  tiaOutcome: text({
    label: 'TIA outcome',
    max: 500,
    fts: 'other',
    table: false,
    form: { section: 'tia', description: 'e.g. acceptable with supplementary measures' },
    import: { synonyms: { phrases: ['tia outcome', 'tia result', 'outcome of tia', 'résultat de l aitd'] } },
  }),
  supplementaryMeasures: longText({
    label: 'Supplementary measures',
    fts: 'other',
    table: false,
    form: { section: 'tia', wide: true, description: 'Technical, contractual or organisational measures' },
    import: {
      synonyms: {
        phrases: [
          'supplementary measures',
          'additional safeguards',
          'additional measures',
          'mesures supplémentaires',
          'zusätzliche maßnahmen',
        ],
      },
      many: true,
    },
  }),
  reviewOn: reviewDateField('oversight', { size: 130 }),
  notes: notesField('oversight'),
  ...sourceFields('oversight'),
};

type TransferBase = BaseRecord<typeof fields>;

const ReasonSchema = z.object({
  level: z.enum(['ok', 'warning', 'invalid']),
  text: z.string(),
  rule: z.string(),
  confidence: z.enum(['V', 'S', 'R']),
});
const ValiditySchema = z.object({
  status: z.enum(['valid', 'warning', 'invalid']),
  regime: z.enum(TRANSFER_REGIMES).nullable(),
  adequacy: z.object({ decision: z.string(), from: z.string(), to: z.string().nullable() }).nullable(),
  reasons: z.array(ReasonSchema),
}) satisfies z.ZodType<TransferValidity>;

/** The facts of a transfer as the rules engine takes them; null when the exporter's country is not known. */
function engineInput(t: TransferBase, importerDpf: boolean, on: string): TransferCheckInput | null {
  if (!t.exporterCountry) return null;
  return {
    exporterCountry: t.exporterCountry,
    importerCountry: t.destinationCountry,
    mechanism: t.mechanism,
    sccModule: t.sccModule as 1 | 2 | 3 | 4 | null,
    signedOn: t.signedOn,
    tia: t.tia === 'done' ? 'done' : t.tia === 'missing' ? 'missing' : null,
    importerDpfCertified: importerDpf,
    importerInScope: null,
    on,
  };
}

const importerDpf = (refs: Record<string, Record<string, unknown> | null>) =>
  refs.importer?.dpfCertified === true;

const TIA_RULE = cite(TIA);

/** The rules engine's verdict on a transfer, on the day. */
export function judgeTransfer(t: TransferBase, dpfCertified: boolean, on: string): TransferValidity {
  const input = engineInput(t, dpfCertified, on);
  if (!input) {
    return {
      status: 'warning',
      regime: null,
      adequacy: null,
      reasons: [
        {
          level: 'warning',
          text: 'The exporter’s country is not recorded, so the law this transfer falls under cannot be told: record it (Settings keeps your organisation’s).',
          rule: 'GDPR Art 3, Art 44',
          confidence: 'V',
        },
      ],
    };
  }
  const verdict = checkTransfer(input);
  if (t.tia !== 'not-required') return verdict;
  return {
    ...verdict,
    reasons: verdict.reasons.map((r) =>
      r.rule === TIA_RULE && r.level === 'warning'
        ? { ...r, text: `The TIA is recorded as not required, but this tool needs one here. ${TIA.text}` }
        : r,
    ),
  };
}

/** International transfers (GDPR Chapter V): who sends what where, on which tool, judged on today's date. */
export const transfers = defineRegister({
  name: 'transfers',
  entity: 'transfer',
  table: 'transfers',
  ftsTable: 'transfer_fts',
  title: 'Transfers',
  noun: { one: 'transfer', other: 'transfers' },
  description:
    'This register records every transfer of personal data to a country outside the EEA (GDPR Chapter V): who receives the data, where, and on which tool: an adequacy decision, the Data Privacy Framework, standard contractual clauses with their module, binding corporate rules or an Art 49 derogation. Each transfer is judged against the law on today’s date.',
  fields,
  sections: [
    { id: 'parties', legend: 'Who sends and who receives', cols: 2 },
    { id: 'what', legend: 'What is transferred', cols: 2 },
    { id: 'tool', legend: 'Transfer tool (GDPR Art 45–49; FADP Art 16–17)', cols: 3 },
    { id: 'tia', legend: 'Transfer impact assessment', cols: 3 },
    { id: 'oversight', legend: 'Our oversight', cols: 3 },
  ],
  derived: {
    /** valid / warning / invalid with the reasons and the rule behind each, from the rules engine. */
    validity: derived({
      label: 'Validity',
      schema: ValiditySchema,
      compute: (t: TransferBase, env) => judgeTransfer(t, importerDpf(env.refs), env.today),
      table: { size: 120, after: 'sccModule' },
      export: 'Validity',
      needs: { refs: ['importer'] },
      store: {
        column: 'validity_status',
        value: (v) => v.status,
        read: (status) => ({
          status: status as TransferValidity['status'],
          regime: null,
          adequacy: null,
          reasons: [],
        }),
        until: (t: TransferBase, env) => {
          const input = engineInput(t, importerDpf(env.refs), env.today);
          return input ? verdictChangesOn(input) : null;
        },
      },
      filter: {
        kind: 'choice',
        key: 'validity',
        options: [
          { value: 'valid', label: 'Valid' },
          { value: 'warning', label: 'Warning' },
          { value: 'invalid', label: 'Invalid' },
        ],
        sql: (values: readonly string[]) => sqlInList(sql`r.validity_status`, values),
      },
    }),
    /** The review date has passed. */
    reviewOverdue: reviewOverdue<TransferBase>({ field: 'reviewOn' }),
  },
  relations: {
    activities: { register: 'activities', via: 'transfers', label: 'Processing activities relying on it' },
  },
  identity: {
    fields: ['importer', 'destinationCountry', 'exporter'],
    column: 'identity_key',
    key: (t: StoredFields<typeof fields>) => `${t.importer}|${t.destinationCountry}|${t.exporter ?? 0}`,
    same: 'same importer, destination and exporter',
  },
  titleOf: (t) => `${t.importerName ?? `Vendor #${t.importer}`} → ${countryName(t.destinationCountry)}`,
  detailOf: (t) => {
    const mechanism = fields.mechanism.options.find((o) => o.value === t.mechanism)?.label ?? t.mechanism;
    return t.sccModule ? `${mechanism}, module ${t.sccModule}` : mechanism;
  },
  checks: (t) => {
    const problems = [];
    if (t.sccModule !== null && t.mechanism !== 'scc-2021' && t.mechanism !== 'uk-addendum')
      problems.push({
        path: 'sccModule',
        message: 'A module belongs to the 2021 SCCs (or the UK Addendum that attaches to them).',
      });
    if (t.mechanism === 'derogation' && t.derogationGround === null)
      problems.push({ path: 'derogationGround', message: 'Give the Art 49 ground the derogation rests on.' });
    if (t.derogationGround !== null && t.mechanism !== 'derogation')
      problems.push({ path: 'derogationGround', message: 'A ground belongs to an Art 49 derogation.' });
    if (t.tiaDate !== null && t.tia !== 'done')
      problems.push({ path: 'tia', message: 'A TIA date means the TIA was done: record it as done.' });
    if (t.exporter !== null && t.exporter === t.importer)
      problems.push({ path: 'importer', message: 'The importer cannot also be the exporter.' });
    return problems;
  },
  defaults: (t, org) =>
    t.exporter === null && t.exporterCountry === null ? { ...t, exporterCountry: org.country } : t,
  defaultSort: { key: 'destinationCountry', direction: 'asc' },
});

export type TransfersRegister = typeof transfers;
