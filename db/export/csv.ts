import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import type { Register } from '../../shared/kit/define';
import { exportColumns, sheetName } from '../../shared/kit/export';
import type { JobContext } from '../import/job-context';
import { checkFolder, csvField, csvSafe } from './cells';
import type { ExportSource } from './source';
import type { ExportResult } from './workbook';

/** A value as CSV text: days as YYYY-MM-DD, moments as ISO-8601 UTC, numbers as written. */
function csvText(kind: string, value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  if (kind === 'instant') return value.replace(/\.\d{3}Z$/, 'Z');
  return csvSafe(value);
}

/**
 * Writes one register as CSV for tools that take CSV: UTF-8 with a byte-order mark (Excel then reads it as
 * UTF-8), the chosen delimiter, RFC 4180 quoting and CRLF line ends; a text that would read as a formula gets a
 * leading apostrophe. Written beside the target and renamed when complete.
 */
export async function writeCsv(
  source: ExportSource,
  reg: Register,
  file: string,
  delimiter: string,
  job: JobContext,
): Promise<ExportResult> {
  checkFolder(file);
  const columns = exportColumns(reg);
  const partial = `${file}.partial`;
  const out = createWriteStream(partial, { encoding: 'utf8' });
  const total = source.count(reg);
  let rows = 0;
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  try {
    await write('\uFEFF' + columns.map((c) => csvField(c.header, delimiter)).join(delimiter) + '\r\n');
    for (const batch of source.batches(reg)) {
      let chunk = '';
      for (const r of batch) {
        chunk +=
          columns.map((c) => csvField(csvText(c.kind, c.value(r)), delimiter)).join(delimiter) + '\r\n';
      }
      await write(chunk);
      rows += batch.length;
      job.checkCancelled();
      job.progress({ rows, total, percent: total ? (100 * rows) / total : 100 });
    }
    out.end();
    await once(out, 'finish');
    await rename(partial, file);
  } catch (err) {
    out.destroy();
    await rm(partial, { force: true });
    throw err;
  }
  return { file, sheets: { [sheetName(reg.title)]: rows }, bytes: (await stat(file)).size };
}
