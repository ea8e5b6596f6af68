import type { ExportRequestParsed } from '../../shared/export';
import { AppError } from '../../shared/errors';
import type { JobContext } from '../import/job-context';
import type { Db } from '../open';
import { writeCsv } from './csv';
import { writeLayout } from './layouts';
import { writePdf } from './pdf';
import { chosenRegisters, exportSource } from './source';
import { writeWorkbook, type ExportResult } from './workbook';

export interface RunExportParams {
  request: ExportRequestParsed;
  /** Where the file is written (the door resolved the target to a path). */
  path: string;
  actor: string;
  now: Date;
}

/**
 * Runs one export inside a read transaction, so every sheet, table and count shows the same moment of the
 * database while other connections go on writing (WAL).
 */
export async function runExport(db: Db, params: RunExportParams, job: JobContext): Promise<ExportResult> {
  const { request } = params;
  const registers =
    request.layout === 'workbench' ? chosenRegisters(request.registers) : chosenRegisters(['activities']);
  const owned = !db.inTransaction;
  if (owned) db.exec('BEGIN');
  try {
    const source = exportSource(db, { registers, includeArchived: request.includeArchived, now: params.now });
    const options = {
      includeArchived: request.includeArchived,
      auditLog: request.auditLog,
      now: params.now,
      actor: params.actor,
    };
    try {
      if (request.format === 'csv')
        return await writeCsv(source, registers[0]!, params.path, request.delimiter, job);
      if (request.format === 'pdf') return await writePdf(source, params.path, options, job);
      if (request.layout !== 'workbench')
        return await writeLayout(source, request.layout, params.path, options, job);
      return await writeWorkbook(source, params.path, options, job);
    } catch (err) {
      if (err instanceof AppError && err.code === 'CANCELLED') {
        throw new AppError('CANCELLED', 'The export was cancelled; no file was written.');
      }
      throw err;
    }
  } finally {
    if (owned && db.inTransaction) db.exec('COMMIT');
  }
}
