import { AppError, toErrorShape, type AppErrorShape } from '../../shared/errors';
import { fileProblem, readerReason } from './detect';
import type { ImportTask } from './tasks';

/**
 * The door-safe error of a failed task, and the stack worth logging when the failure was not foreseen. A file
 * task that fails in an unforeseen way is reported as a file that could not be read, with the reader's reason:
 * a damaged workbook can trip a parser anywhere, and "unexpected error" would tell the user nothing.
 */
export function taskError(
  err: unknown,
  task: ImportTask,
): { error: AppErrorShape; unexpected: string | null } {
  if (err instanceof AppError) return { error: err.toShape(), unexpected: null };
  const unexpected = err instanceof Error ? (err.stack ?? err.message) : String(err);
  if (task.kind !== 'undo' && task.kind !== 'export') {
    const reason = readerReason(err);
    return {
      error: fileProblem(
        'corrupt',
        `${task.fileName} could not be read${reason ? ` (${reason})` : ''}. Nothing was written. Open it in Excel or LibreOffice and save it again, then import that copy.`,
      ).toShape(),
      unexpected,
    };
  }
  return { error: toErrorShape(err), unexpected };
}
