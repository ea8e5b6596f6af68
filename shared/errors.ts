import { z } from 'zod';

/** The closed set of error codes that may cross a door. Anything unknown becomes INTERNAL. */
export const ErrorCodes = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'UNKNOWN_CHANNEL',
  'FORBIDDEN',
  'DB_FROM_FUTURE',
  /** The database file chosen is another application's (or not SQLite at all); it was left untouched. */
  'NOT_A_WORKBENCH_DB',
  'CANCELLED',
  'INTERNAL',
] as const;
export const ErrorCodeSchema = z.enum(ErrorCodes);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** One problem with one field of an input, named by its path (e.g. `processingCountries.2`). */
export const FieldIssueSchema = z.object({ path: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof FieldIssueSchema>;

export const AppErrorShapeSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  details: z.unknown().optional(),
});
/** The only error shape that crosses a door: never a stack trace. */
export type AppErrorShape = z.infer<typeof AppErrorShapeSchema>;

/** The error class every layer throws; `details` must be plain data safe to show the user. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  toShape(): AppErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** Maps anything thrown to the door-safe shape; unknown errors become INTERNAL without their stack. */
export function toErrorShape(err: unknown): AppErrorShape {
  if (err instanceof AppError) return err.toShape();
  return { code: 'INTERNAL', message: 'An unexpected error occurred. The change was not saved.' };
}

/** Turns zod issues into field paths and plain messages. */
export function issuesFromZod(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };
