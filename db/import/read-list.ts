import { createRowMapper, type MappedColumn } from '../../shared/import/row';
import { importProfile, lowerLabel } from '../../shared/import/profile';
import type { CellValue } from '../../shared/import/types';
import { registerByName } from '../../shared/registers/index';
import type { ListEntry } from '../../shared/subprocessors/diff';
import type { SubprocessorListRead } from '../../shared/subprocessors/review';
import { AppError } from '../../shared/errors';
import { fileProblem } from './detect';
import { filledTexts, headingAfter, rowKind, type GroupHeading } from './header-row';
import { inspectFile } from './inspect';
import type { JobContext } from './job-context';
import { openRowSource } from './row-source';

const rowText = (cells: readonly CellValue[]) => filledTexts(cells).join(' · ').slice(0, 120);

/** The vendor fields a published sub-processor list gives: who, where, and what for. */
const LIST_FIELDS = ['name', 'processingCountries', 'services'] as const;
const MAX_WARNINGS = 200;

/**
 * Reads a vendor's published sub-processor list (a workbook, a CSV, or a table pasted from its web page) with the
 * import engine: the header row found below any title rows, the columns recognised by the vendor import's
 * vocabulary, several countries in one cell, regions flagged, footnote and blank rows skipped. Each company keeps
 * the rows it came from; a row without a name is reported by its number and left out, and a cell that cannot be
 * read (a place that is no country) is reported without dropping the row.
 */
export async function readSubprocessorList(
  params: { path: string; fileName: string; sheet: string | null },
  job: JobContext,
): Promise<SubprocessorListRead> {
  const inspected = await inspectFile(
    { path: params.path, fileName: params.fileName, register: 'vendors', sheet: params.sheet },
    job,
  );
  const profile = importProfile(registerByName('vendors')!);
  const columns: MappedColumn[] = inspected.columns.flatMap((c) =>
    c.field && (LIST_FIELDS as readonly string[]).includes(c.field)
      ? [{ column: c.column, header: c.header, field: c.field }]
      : [],
  );
  const nameColumn = columns.find((c) => c.field === 'name');
  if (!nameColumn) {
    throw new AppError(
      'VALIDATION',
      `No column of ${params.fileName} names the sub-processors (such as “Sub-processor”, “Name”, “Company”, “Entity name”) in row ${inspected.headerRow}.`,
      { problem: 'no-name-column' },
    );
  }
  // Title rows above the header are expected in a published list; a missing name column is refused below.
  const warnings: string[] = inspected.warnings.filter(
    (w) => !/^No column looks like/.test(w) && !/^Rows? 1[–-]\d+ above the header row/.test(w),
  );
  const note = (w: string) => {
    if (warnings.length < MAX_WARNINGS) warnings.push(w);
  };
  for (const field of ['processingCountries', 'services'] as const) {
    if (!columns.some((c) => c.field === field))
      note(
        `No column reads as ${lowerLabel(profile.byName.get(field)!.label)}: ${field === 'services' ? 'purposes' : 'countries'} are not compared.`,
      );
  }
  const map = createRowMapper(profile, columns, { expandRegions: false, only: LIST_FIELDS });
  const entries: ListEntry[] = [];
  const nameless: {
    row: number;
    countries: string[];
    purposes: string[];
    unclear: string[];
    text: string;
    issues: string[];
  }[] = [];
  // The header's labels by column, to know the headers again further down (a second table under the first).
  const header: string[] = [];
  for (const c of inspected.columns) header[c.column - 1] = c.header;
  /** The countries the last group heading named, for its rows that name none. */
  let heading: GroupHeading | null = null;
  const source = await openRowSource(params.path, params.fileName, inspected.sheet);
  try {
    for await (const r of source.rows()) {
      if (r.row <= inspected.headerRow) continue;
      const kind = rowKind(r.cells, inspected.columns.length, header);
      if (kind?.kind === 'blank' || kind?.kind === 'note') continue;
      // A group's heading may say where its rows are ("These sub-processors are located in the United States:").
      heading = headingAfter(heading, kind, r.row);
      if (kind?.kind === 'header') continue;
      if (kind) {
        note(
          `Row ${r.row} heads a section or gives a total, not a sub-processor; it was skipped: ${kind.text}`,
        );
        continue;
      }
      const mapped = map(r.cells);
      const name = typeof mapped.input.name === 'string' ? mapped.input.name.trim() : '';
      let countries = (mapped.input.processingCountries as string[] | undefined) ?? [];
      const purposes = (mapped.input.services as string[] | undefined) ?? [];
      const unclear = (mapped.input.unclearLocations as string[] | undefined) ?? [];
      if (heading && countries.length === 0 && unclear.length === 0) {
        countries = [...heading.countries];
        note(
          `Row ${r.row}: the location was taken from the heading in row ${heading.row}: "${heading.text}".`,
        );
      }
      if (!name) {
        nameless.push({
          row: r.row,
          countries,
          purposes,
          unclear,
          text: rowText(r.cells),
          issues: mapped.issues.map((i) => `Row ${r.row}, ${i.column}: ${i.message}`),
        });
        continue;
      }
      for (const i of mapped.issues) note(`Row ${r.row}, ${i.column}: ${i.message}`);
      entries.push({ name, countries, purposes, unclear, rows: [r.row] });
    }
    // A company's name cell merged over several rows (the workbook lists its merges after the rows): those rows
    // continue the company above. Any other row without a name is reported and left out.
    for (const n of nameless) {
      const merge = source.merges.find(
        (m) =>
          m.left <= nameColumn.column && nameColumn.column <= m.right && m.top < n.row && n.row <= m.bottom,
      );
      const owner = merge ? entries.find((e) => e.rows[0] === merge.top) : undefined;
      if (!owner) {
        note(`Row ${n.row} has no name in “${nameColumn.header}” and was left out: ${n.text}`);
        continue;
      }
      for (const i of n.issues) note(i);
      owner.countries.push(...n.countries.filter((c) => !owner.countries.includes(c)));
      owner.purposes.push(...n.purposes.filter((p) => !owner.purposes.includes(p)));
      owner.unclear.push(...n.unclear.filter((u) => !owner.unclear.includes(u)));
      owner.rows.push(n.row);
    }
  } finally {
    await source.close();
  }
  if (entries.length === 0)
    throw fileProblem(
      'empty',
      `${params.fileName} lists no sub-processors below row ${inspected.headerRow}.`,
    );
  return {
    fileName: params.fileName,
    sheet: inspected.sheet,
    headerRow: inspected.headerRow,
    columns: columns.map((c) => ({ header: c.header, field: c.field })),
    entries,
    warnings,
  };
}
