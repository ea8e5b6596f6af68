import { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatDay } from '../../shared/date-format';
import { localIsoDate } from '../../shared/today';
import { OBLIGATION_KINDS } from '../../shared/overview';
import { addDays } from '../../shared/rules/calendar';
import { call, withCore } from '../core';
import { CliError, printJson } from '../output';

function parseDays(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(n) || n < 0 || n > 3650)
    throw new CliError(`--days must be a whole number from 0 to 3650, not "${value}".`, 2);
  return n;
}

/** `overview`, `due` and `calendar`: what is due, late and at risk, for a person, a script or a calendar. */
export function registerOverviewCommands(program: Command): void {
  program
    .command('overview')
    .description('what is due, late and at risk across the registers (counts of current records)')
    .option('--db <path>', 'database file')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const o = await withCore(command, 'cli', (core) => call(core, 'overview:get', {}));
      if (opts.json) {
        // The counts only: the "now" lists and monthly series are the Overview page's.
        const {
          nowItems: _items,
          requestsClosedByMonth: _c,
          breachesByMonth: _b,
          hasRecords: _r,
          ...counts
        } = o;
        printJson(counts);
        return;
      }
      const lines = [
        `Overview on ${o.today}`,
        `  Breach clocks running:            ${o.breachesRunning}`,
        `  Breach clocks overdue:            ${o.breachesOverdue}`,
        `  Rights requests overdue:          ${o.requestsOverdue}`,
        `  Rights requests due in 7 days:    ${o.requestsDueSoon}`,
        `  Acknowledgements owed:            ${o.acksDue}`,
        `  DPIAs awaiting prior consultation: ${o.priorConsultations}`,
        `  Objection windows closing in 7 days: ${o.objectionsDueSoon}`,
        `  Objection windows passed undecided: ${o.objectionsLapsed}`,
        `  Transfers: ${o.transfersByValidity.valid} valid, ${o.transfersByValidity.warning} with a warning, ${o.transfersByValidity.invalid} invalid`,
        `  Vendors by DPA status: ${Object.entries(o.vendorsByDpaStatus)
          .map(([s, n]) => `${s} ${n}`)
          .join(', ')}`,
        `  Vendors with transfer gaps:       ${o.vendorsWithTransferGaps}`,
        `  Reviews overdue:                  ${o.reviewsOverdue} (${Object.entries(o.reviewsOverdueByRegister)
          .map(([r, n]) => `${r} ${n}`)
          .join(', ')})`,
        `  Activities needing a DPIA:        ${o.activitiesNeedingDpia}`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });

  program
    .command('due')
    .description('what is due in the next days or already late (for a morning cron or a script)')
    .option('--days <n>', 'how many days ahead', parseDays, 7)
    .option('--db <path>', 'database file')
    .option('--json', 'print JSON')
    .action(async (opts: { days: number; json?: boolean }, command: Command) => {
      const { today, items, format } = await withCore(command, 'cli', async (core) => {
        // Today where the user is, as the core judges it (not the whole Overview, only its day).
        const today = localIsoDate(new Date());
        const items = await call(core, 'calendar:get', { from: null, to: addDays(today, opts.days) });
        const chosen = (await call(core, 'settings:get', {})).display.dateFormat;
        return { today, items, format: chosen === 'auto' ? ('YYYY-MM-DD' as const) : chosen };
      });
      if (opts.json) {
        printJson({ today, days: opts.days, late: items.filter((i) => i.late).length, items });
        return;
      }
      if (items.length === 0) {
        process.stdout.write(`Nothing is due in the next ${opts.days} days, and nothing is late.\n`);
        return;
      }
      const late = items.filter((i) => i.late).length;
      process.stdout.write(
        `${items.length} obligation${items.length === 1 ? '' : 's'} due by ${formatDay(addDays(today, opts.days), format)}${late ? `, ${late} late` : ''}:\n`,
      );
      for (const i of items) {
        const when = i.at
          ? `${formatDay(i.at.slice(0, 10), format)} ${i.at.slice(11, 16)} UTC`
          : formatDay(i.date, format);
        process.stdout.write(
          `  ${i.late ? 'LATE ' : '     '}${when.padEnd(20)} ${OBLIGATION_KINDS[i.kind]}: ${i.title} (${i.register} ${i.id})\n`,
        );
      }
    });

  program
    .command('calendar')
    .description('write the deadlines calendar as an iCalendar file for Outlook or Google Calendar')
    .requiredOption('--out <file.ics>', 'the file to write')
    .option('--days <n>', 'how many days ahead; open obligations already late are included', parseDays, 365)
    .option('--db <path>', 'database file')
    .option('--json', 'print JSON')
    .action(async (opts: { out: string; days: number; json?: boolean }, command: Command) => {
      if (opts.days < 1) throw new CliError('--days must be at least 1 for a calendar.', 2);
      const ics = await withCore(command, 'cli', (core) => call(core, 'calendar:ics', { days: opts.days }));
      const out = resolve(opts.out);
      try {
        writeFileSync(out, ics.text, 'utf8');
      } catch (err) {
        throw new CliError(`Could not write ${out}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
      }
      if (opts.json) printJson({ file: out, events: ics.events });
      else
        process.stdout.write(
          `Wrote ${ics.events} event${ics.events === 1 ? '' : 's'} to ${out}. Import it again later to update them.\n`,
        );
    });
}
