import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';

/** LibreOffice's command, when installed. Outside CI a missing LibreOffice skips the tests that need it. */
export const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p)) ?? null;
if (!soffice && process.env.CI) {
  throw new Error('LibreOffice (soffice) is required in CI: .ci/run installs libreoffice-calc-nogui.');
}

function run(args: string[], profile: string): void {
  // A profile of its own per test file: two LibreOffice processes sharing one profile wait on each other.
  execFileSync(soffice!, [`-env:UserInstallation=file://${profile}`, '--headless', ...args], {
    stdio: 'pipe',
    timeout: 120_000,
  });
}

/** Opens a workbook in LibreOffice and saves it again as .xlsx (as a colleague editing it would). */
export function saveWithLibreOffice(file: string, outDir: string, profile: string): string {
  mkdirSync(outDir, { recursive: true });
  run(['--convert-to', 'xlsx', '--outdir', outDir, file], profile);
  return join(outDir, basename(file));
}

/**
 * Converts every sheet of a workbook to CSV with LibreOffice (one file per sheet, `<name>-<sheet>.csv`); fails
 * when LibreOffice cannot open the workbook.
 */
export function sheetsToCsv(file: string, outDir: string, profile: string): void {
  mkdirSync(outDir, { recursive: true });
  // 44: comma, 34: double quote, 76: UTF-8; the last token (-1) writes every sheet to its own file.
  run(
    [
      '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
      '--outdir',
      outDir,
      file,
    ],
    profile,
  );
}
