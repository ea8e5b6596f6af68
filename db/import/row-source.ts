import type { CellValue } from '../../shared/import/types';
import { openCsvSource } from './csv-source';
import { detectFile } from './detect';
import { openXlsxSource } from './xlsx-source';

/** One row as the spreadsheet numbers it (1-based), with its cells from column A on. */
export interface SheetRow {
  row: number;
  cells: CellValue[];
  /** Web links on the row's cells, by 1-based column: a workbook's hyperlinks, a markdown table's links. */
  links?: ReadonlyMap<number, string>;
}

/** A merged range, 1-based and inclusive. */
export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** A file opened for reading rows, whatever its format. */
export interface RowSource {
  format: 'xlsx' | 'csv';
  /** The file's size in bytes. */
  fileSize: number;
  /** Every sheet of a workbook, in workbook order; empty for CSV. */
  sheets: { name: string; hidden: boolean }[];
  sheet: string | null;
  encoding: string | null;
  delimiter: string | null;
  /** Columns hidden in the workbook; known once the sheet's column definitions were read. */
  hiddenColumns: Set<number>;
  /** Merged ranges; a workbook lists them after its rows, so they are known once `rows()` has finished. */
  merges: MergedRange[];
  /** Bytes read so far and in all (the sheet's XML for a workbook, the file for CSV), for a percentage. */
  progress(): { done: number; total: number };
  /** The rows, streamed; may be iterated once. */
  rows(): AsyncGenerator<SheetRow>;
  close(): Promise<void>;
}

/**
 * Opens a file for import: detects its format from its bytes (refusing clearly what cannot be read) and
 * returns a streaming row source for the chosen sheet.
 */
export async function openRowSource(
  path: string,
  fileName: string,
  sheet?: string | null,
  /** Give each row the web links on its cells (a workbook's hyperlinks; a markdown table's links always come). */
  withLinks = false,
): Promise<RowSource> {
  const detected = await detectFile(path, fileName);
  return detected.format === 'xlsx'
    ? openXlsxSource(path, fileName, detected.size, detected.entries, sheet ?? null, withLinks)
    : openCsvSource(path, fileName, detected.size);
}
