import { stat } from 'node:fs/promises';
import type { ExportLayout } from '../../shared/export';
import { looksLikeFormula, readableOrNull } from '../../shared/kit/export';
import { countryLabel } from '../../shared/kit/readable';
import { RIGHTS_BY_BASIS } from '../../shared/reference/lawful-basis';
import { registerByName } from '../../shared/registers/index';
import type { Register } from '../../shared/kit/define';
import type { JobContext } from '../import/job-context';
import type { KitRecord } from '../kit/repository';
import { letZipCatchUp, workbookWriter, writeBeside, type ExportWorkbook } from './cells';
import type { ExportSource } from './source';
import type { ExportResult, WorkbookOptions } from './workbook';

type Rec = Record<string, unknown>;

const activities = registerByName('activities')!;
const vendors = registerByName('vendors')!;
const transfers = registerByName('transfers')!;
const dpias = registerByName('dpias')!;
const breaches = registerByName('breaches')!;

/** What a layout's cell may read besides the activity: its vendors, transfers, DPIAs and breaches. */
interface Linked {
  vendors: Map<number, KitRecord>;
  transfers: Map<number, KitRecord>;
  dpias: Map<number, KitRecord[]>;
  breaches: Map<number, KitRecord[]>;
}

interface LayoutColumn {
  header: string;
  width?: number;
  value: (a: Rec, l: Linked) => string | Date | null;
}

const list = (v: unknown): string[] =>
  Array.isArray(v) ? (v as unknown[]).filter((x): x is string => typeof x === 'string') : [];
const join = (items: readonly string[], sep = '; ') => (items.length > 0 ? items.join(sep) : null);
const read = readableOrNull;
const ids = (v: unknown) => (Array.isArray(v) ? (v as number[]) : []);
const vendorsOf = (a: Rec, l: Linked) => ids(a.vendors).flatMap((id) => l.vendors.get(id) ?? []);
const transfersOf = (a: Rec, l: Linked) => ids(a.transfers).flatMap((id) => l.transfers.get(id) ?? []);

function recipients(a: Rec, l: Linked): string | null {
  const named = vendorsOf(a, l).map(
    (v) => `${v.name as string} (${read(vendors, 'role', v.role) ?? 'vendor'})`,
  );
  return join([...named, ...list(a.recipients)]);
}

function contracts(a: Rec, l: Linked): string | null {
  return join(
    vendorsOf(a, l).map((v) => {
      const dpa = read(vendors, 'dpaStatus', v.dpaStatus);
      const ref = v.contractReference as string | null;
      return `${v.name as string}: ${[dpa, ref].filter(Boolean).join(', ') || 'no DPA recorded'}`;
    }),
  );
}

function safeguards(a: Rec, l: Linked): string | null {
  return join(
    transfersOf(a, l).map((t) => {
      const to = countryLabel(t.destinationCountry as string);
      const how = read(transfers, 'mechanism', t.mechanism) ?? 'no mechanism recorded';
      const ground = t.derogationGround ? `, ${read(transfers, 'derogationGround', t.derogationGround)}` : '';
      return `${to}: ${how}${ground}`;
    }),
  );
}

function locations(a: Rec, l: Linked): string | null {
  const codes = new Set<string>();
  for (const v of vendorsOf(a, l)) for (const c of list(v.processingCountries)) codes.add(c);
  return join([...codes].sort().map(countryLabel));
}

function rights(a: Rec): string | null {
  const basis = a.lawfulBasis as string | null;
  if (!basis) return null;
  const held = RIGHTS_BY_BASIS.filter((r) => r.applies(basis)).map((r) => r.right);
  if (a.automatedDecisions === true)
    held.push('not to be subject to a decision based solely on automated processing (Art 22)');
  return `${held.join(', ')} (GDPR Arts 15–22 by lawful basis [S])`.replace(/^./, (c) => c.toUpperCase());
}

function categories(a: Rec): string | null {
  const special = read(activities, 'specialCategories', a.specialCategories);
  return join([...list(a.dataCategories), ...(special ? [`Special categories: ${special}`] : [])]);
}

const dpiaStatus = (a: Rec, l: Linked) =>
  join(
    (l.dpias.get(a.id as number) ?? []).map(
      (d) => `${d.title as string}: ${read(dpias, 'status', d.status) ?? ''}`,
    ),
  );
const dpiaLink = (a: Rec, l: Linked) =>
  join((l.dpias.get(a.id as number) ?? []).map((d) => `DPIA ${d.id}: ${d.title as string}`));
const breachLinks = (a: Rec, l: Linked) =>
  join((l.breaches.get(a.id as number) ?? []).map((b) => `Breach ${b.id}: ${b.title as string}`));

/**
 * The ICO's record of processing activities (controller template): its 30 columns in its order and words
 * (../reference/register-templates.md), header on row 9 under the controller's and the DPO's details, one row
 * per processing activity. Columns the workbench does not keep stay empty.
 */
const ICO_COLUMNS: LayoutColumn[] = [
  { header: 'Business function', value: (a) => (a.businessFunction as string | null) ?? null },
  { header: 'Purpose of processing', width: 36, value: (a) => join(list(a.purposes)) ?? (a.name as string) },
  {
    header: 'Name and contact details of joint controller (if applicable)',
    value: (a) => (a.jointController as string | null) ?? null,
  },
  { header: 'Categories of individuals', value: (a) => join(list(a.dataSubjects)) },
  { header: 'Categories of personal data', width: 36, value: (a) => categories(a) },
  { header: 'Categories of recipients', width: 36, value: recipients },
  { header: 'Link to contract with processor', width: 36, value: contracts },
  {
    header:
      'Names of third countries or international organisations that personal data are transferred to (if applicable)',
    value: (a) => join(list(a.thirdCountries).map(countryLabel)),
  },
  {
    header:
      'Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)',
    width: 36,
    value: safeguards,
  },
  {
    header: 'Retention schedule (if possible)',
    width: 36,
    value: (a) => read(activities, 'retention', a.retention),
  },
  {
    header: 'General description of technical and organisational security measures (if possible)',
    width: 40,
    value: (a) => (a.securityMeasures as string | null) ?? null,
  },
  {
    header: 'Article 6 lawful basis for processing personal data',
    value: (a) => read(activities, 'lawfulBasis', a.lawfulBasis),
  },
  {
    header: 'Article 9 condition for processing special category data',
    value: (a) => read(activities, 'art9Condition', a.art9Condition),
  },
  {
    header: 'Legitimate interests for the processing (if applicable)',
    width: 36,
    value: (a) => (a.legitimateInterests as string | null) ?? null,
  },
  {
    header: 'Link to record of legitimate interests assessment (if applicable)',
    value: (a) => (a.liaReference as string | null) ?? null,
  },
  { header: 'Rights available to individuals', width: 40, value: rights },
  {
    header: 'Existence of automated decision-making, including profiling (if applicable)',
    value: (a) =>
      a.automatedDecisions === null || a.automatedDecisions === undefined
        ? null
        : a.automatedDecisions
          ? 'Yes'
          : 'No',
  },
  {
    header: 'The source of the personal data (if applicable)',
    value: (a) => (a.dataSource as string | null) ?? null,
  },
  { header: 'Link to record of consent', value: () => null },
  { header: 'Location of personal data', value: locations },
  {
    header: 'Data Protection Impact Assessment required?',
    value: (a) => (a.dpiaNeeded === true ? 'Yes' : a.dpiaNeeded === false ? 'No' : null),
  },
  { header: 'Data Protection Impact Assessment progress', value: dpiaStatus },
  { header: 'Link to Data Protection Impact Assessment', value: dpiaLink },
  {
    header: 'Has a personal data breach occurred?',
    value: (a, l) => ((l.breaches.get(a.id as number) ?? []).length > 0 ? 'Yes' : 'No'),
  },
  { header: 'Link to record of personal data breach', value: breachLinks },
  { header: 'Data Protection Act 2018 Schedule 1 Condition for processing', value: () => null },
  {
    header: 'GDPR Article 6 lawful basis for processing',
    value: (a) => read(activities, 'lawfulBasis', a.lawfulBasis),
  },
  { header: 'Link to retention and erasure policy document', value: () => null },
  {
    header: 'Is personal data retained and erased in accordance with the policy document?',
    value: () => null,
  },
  { header: 'Reasons for not adhering to policy document (if applicable)', value: () => null },
];

/**
 * The CNIL's register (France), as a table: one row per activity under the headings of the CNIL's form
 * (../reference/register-templates.md), in French, as the CNIL and French auditors read them.
 */
const CNIL_COLUMNS: LayoutColumn[] = [
  { header: "Nom de l'activité de traitement", value: (a) => a.name as string },
  { header: 'Date de création', value: (a) => new Date(a.createdAt as string) },
  { header: 'Date de dernière mise à jour', value: (a) => new Date(a.updatedAt as string) },
  { header: 'Responsable conjoint', value: (a) => (a.jointController as string | null) ?? null },
  { header: 'Service / fonction', value: (a) => (a.businessFunction as string | null) ?? null },
  { header: 'Objectifs poursuivis (finalités)', width: 36, value: (a) => join(list(a.purposes)) },
  { header: 'Base légale', value: (a) => read(activities, 'lawfulBasis', a.lawfulBasis) },
  { header: 'Catégories de personnes concernées', value: (a) => join(list(a.dataSubjects)) },
  { header: 'Catégories de données', width: 36, value: (a) => join(list(a.dataCategories)) },
  {
    header: 'Données sensibles',
    value: (a) =>
      list(a.specialCategories).length > 0
        ? `Oui : ${read(activities, 'specialCategories', a.specialCategories)}`
        : 'Non',
  },
  { header: 'Durées de conservation', width: 36, value: (a) => read(activities, 'retention', a.retention) },
  {
    header: 'Destinataires : sous-traitants',
    width: 36,
    value: (a, l) => join(vendorsOf(a, l).map((v) => v.name as string)),
  },
  { header: 'Destinataires : autres', value: (a) => join(list(a.recipients)) },
  { header: 'Transferts hors UE', value: (a) => (list(a.thirdCountries).length > 0 ? 'Oui' : 'Non') },
  { header: 'Pays de destination', value: (a) => join(list(a.thirdCountries).map(countryLabel)) },
  { header: 'Garanties des transferts', width: 36, value: safeguards },
  { header: 'Mesures de sécurité', width: 40, value: (a) => (a.securityMeasures as string | null) ?? null },
];

/** Reads every record of a register pointing to activities through `field`, by activity id. */
function byActivity(source: ExportSource, reg: Register, field: string): Map<number, KitRecord[]> {
  const out = new Map<number, KitRecord[]>();
  for (const batch of source.batches(reg)) {
    for (const r of batch) {
      for (const id of ids(r[field])) out.set(id, [...(out.get(id) ?? []), r]);
    }
  }
  return out;
}

/**
 * Writes the processing activities in a public template's layout (the ICO's or the CNIL's), so a DPO can hand
 * the record over as the authority's own template.
 */
export async function writeLayout(
  source: ExportSource,
  layout: Exclude<ExportLayout, 'workbench'>,
  file: string,
  options: WorkbookOptions,
  job: JobContext,
): Promise<ExportResult> {
  const columns = layout === 'ico-ropa' ? ICO_COLUMNS : CNIL_COLUMNS;
  const sheet = layout === 'ico-ropa' ? 'Template' : 'Registre';
  const headerRow = layout === 'ico-ropa' ? 9 : 1;
  const total = source.count(activities);
  let rows = 0;
  await writeBeside(file, async (partial) => {
    const book = workbookWriter(partial, options.now);
    try {
      await writeRows(book.wb, book.check);
      await book.commit();
      job.checkCancelled();
    } catch (err) {
      await book.abort();
      throw err;
    }
  });
  return { file, sheets: { [sheet]: rows }, bytes: (await stat(file)).size };

  async function writeRows(wb: ExportWorkbook['wb'], check: () => void): Promise<void> {
    const ws = wb.addWorksheet(sheet, { views: [{ state: 'frozen', ySplit: headerRow }] });
    ws.columns = columns.map((c, i) => ({
      key: `c${i}`,
      width: c.width ?? 24,
      style: { alignment: { wrapText: true, vertical: 'top' } },
    }));
    const org = source.organisation;
    if (layout === 'ico-ropa') {
      // Rows 1–6 of the ICO's template: who the controller is and how to reach them and the DPO.
      const details: [string, string | null][] = [
        ['Controller', org.name],
        ['Established in', org.country ? countryLabel(org.country) : null],
        ['Data Protection Officer', org.dpoContact],
        ['Representative (if applicable)', null],
        ['Generated by DPO Workbench on', options.now.toISOString().slice(0, 10)],
        [
          'Records included',
          options.includeArchived
            ? 'Current and archived processing activities'
            : 'Current processing activities',
        ],
      ];
      for (const [label, value] of details) {
        const r = ws.addRow([label, value ?? '']);
        r.getCell(1).font = { bold: true };
        r.commit();
      }
      ws.addRow([]).commit();
      ws.addRow([]).commit();
    }
    ws.autoFilter = {
      from: { row: headerRow, column: 1 },
      to: { row: headerRow, column: columns.length },
    };
    const head = ws.addRow(columns.map((c) => c.header));
    head.font = { bold: true };
    head.height = layout === 'ico-ropa' ? 90 : 30;
    head.commit();
    const linked: Linked = {
      vendors: new Map(),
      transfers: new Map(),
      dpias: byActivity(source, dpias, 'activities'),
      breaches: byActivity(source, breaches, 'activities'),
    };
    for (const batch of source.batches(activities)) {
      linked.vendors = source.byIds(
        vendors.name,
        batch.flatMap((a) => ids(a.vendors)),
      );
      linked.transfers = source.byIds(
        transfers.name,
        batch.flatMap((a) => ids(a.transfers)),
      );
      for (const a of batch) {
        const cells = columns.map((c) => c.value(a, linked));
        const row = ws.addRow(cells);
        cells.forEach((v, i) => {
          if (v instanceof Date) row.getCell(i + 1).numFmt = 'yyyy-mm-dd';
          else if (typeof v === 'string' && looksLikeFormula(v)) row.getCell(i + 1).numFmt = '@';
        });
        row.commit();
      }
      rows += batch.length;
      job.checkCancelled();
      check();
      job.progress({ rows, total, percent: total ? (100 * rows) / total : 100 });
      await letZipCatchUp(ws);
    }
    ws.commit();
  }
}
