// The rows of a benchmark's file as exceljs (xlsx) or csv-parse (CSV, semicolons, a byte-order mark) stream
// them, nothing else done: the reading both bare reference scripts share.
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { createReadStream } from 'node:fs';

/** Each row's cells, the header row included. */
export async function* streamRows(file) {
  if (file.endsWith('.xlsx')) {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
    for await (const ws of reader) for await (const r of ws) yield r.values.slice(1);
  } else {
    yield* createReadStream(file).pipe(parse({ delimiter: ';', bom: true, relax_column_count: true }));
  }
}
