import { Option, type Command } from 'commander';
import { AppError } from '../../shared/errors';
import { JURISDICTION_CODES } from '../../shared/reference/jurisdictions';
import { BREACH_REGIMES } from '../../shared/reference/breach';
import { TRANSFER_MECHANISMS } from '../../shared/reference/transfer-instruments';
import {
  BreachClockInputSchema,
  checkTransfer,
  computeBreachClock,
  computeRightsDeadline,
  formatDuration,
  listJurisdictions,
  parseRulesInput,
  RightsDeadlineInputSchema,
  TransferCheckInputSchema,
  traceLines,
  type TraceStep,
} from '../../shared/rules';
import { CliError, printJson } from '../output';

/** Exit code for input the engine refuses (as for other bad option values). */
const BAD_INPUT = 2;

/**
 * Runs an engine call on raw option values and turns a validation failure into one clear line naming the
 * command-line flag ("--received: This date does not exist.") instead of the engine's field name.
 */
function run<T>(flags: Record<string, string>, compute: () => T): T {
  try {
    return compute();
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'VALIDATION') throw err;
    const issues = Array.isArray(err.details) ? (err.details as { path: string; message: string }[]) : [];
    if (issues.length === 0) throw new CliError(err.message, BAD_INPUT);
    const message = issues
      .map((i) => {
        const field = i.path.split('.')[0] ?? '';
        const flag = flags[field];
        return flag ? `${flag}: ${i.message}` : i.path ? `${i.path}: ${i.message}` : i.message;
      })
      .join('; ');
    throw new CliError(message, BAD_INPUT);
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parsePause(value: string): { from: string; to: string } {
  const [from, to, extra] = value.split('..');
  if (!from || !to || extra !== undefined) {
    throw new CliError(`--paused: use FROM..TO, e.g. 2026-03-05..2026-03-12, not "${value}".`, BAD_INPUT);
  }
  return { from, to };
}

function parseWholeNumber(flag: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new CliError(`${flag}: give a whole number, not "${value}".`, BAD_INPUT);
  return Number(value);
}

function printSteps(steps: readonly TraceStep[]): void {
  process.stdout.write(
    `\nHow this was worked out:\n${traceLines(steps)
      .map((l) => `  ${l}`)
      .join('\n')}\n`,
  );
}

function printFields(fields: [string, string | number | null | undefined][]): void {
  const width = Math.max(...fields.map(([k]) => k.length)) + 2;
  for (const [k, v] of fields) process.stdout.write(`${`${k}:`.padEnd(width)}${v ?? '—'}\n`);
}

/** Today's calendar date where the command runs, as YYYY-MM-DD. */
function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

interface DeadlineOptions {
  jurisdiction: string;
  country?: string;
  region?: string;
  type: string;
  received: string;
  identityReceived?: string;
  feeReceived?: string;
  paused: string[];
  extended?: boolean;
  extensionMethod?: string;
  readings?: string;
  smallAgent?: boolean;
  internalDays?: string;
  json?: boolean;
}

const DEADLINE_FLAGS: Record<string, string> = {
  jurisdiction: '--jurisdiction',
  country: '--country',
  region: '--region',
  requestType: '--type',
  receivedOn: '--received',
  identityReceivedOn: '--identity-received',
  feeReceivedOn: '--fee-received',
  pauses: '--paused',
  extensionMethod: '--extension-method',
  readings: '--readings',
  internalTargetDays: '--internal-days',
};

function deadlineCommand(program: Command): void {
  program
    .command('deadline')
    .description('due dates of a rights request, explained step by step with the rule for each')
    .requiredOption('--jurisdiction <code>', `one of ${JURISDICTION_CODES.join(', ')}`)
    .option('--country <cc>', 'GDPR: the EEA country whose public holidays apply, e.g. DE')
    .option(
      '--region <r>',
      'UK GDPR: eng (default), sct, nir, wls; GDPR: a region with its own holidays, e.g. BY; PIPEDA: the ' +
        'province (ON); LGPD: the state (SP); FADP: the canton (ZH)',
    )
    .requiredOption(
      '--type <type>',
      'request type, e.g. access, erasure, know, opt-out (see dpo jurisdictions)',
    )
    .requiredOption('--received <date>', 'the day the request was received, YYYY-MM-DD')
    .option(
      '--identity-received <date>',
      'the day identity evidence arrived (UK: the clock starts at the latest)',
    )
    .option('--fee-received <date>', 'the day the fee arrived (UK)')
    .option('--paused <from..to>', 'a clock pause FROM..TO (repeatable; UK GDPR and GDPR only)', collect, [])
    .option('--extended', 'the period has been extended (notice sent)')
    .addOption(
      new Option(
        '--extension-method <method>',
        'how the extended period is counted (default: the ICO reading under UK GDPR, the earlier date under the GDPR)',
      ).choices(['from-receipt', 'from-base-deadline']),
    )
    .addOption(
      new Option(
        '--readings <reading>',
        'where the law is contested (CCPA first and last day, LGPD Saturdays, Swedish, Finnish and Dutch eves): ' +
          'cautious, the earlier date (default), or later',
      ).choices(['cautious', 'later']),
    )
    .option('--small-agent', 'LGPD: the organisation is a small processing agent (Res. CD/ANPD 2/2022)')
    .option('--internal-days <n>', 'the organisation’s internal target, in calendar days from the start')
    .option('--json', 'print JSON')
    .action((opts: DeadlineOptions) => {
      const internal =
        opts.internalDays === undefined ? null : parseWholeNumber('--internal-days', opts.internalDays);
      const pauses = opts.paused.map(parsePause);
      const result = run(DEADLINE_FLAGS, () =>
        computeRightsDeadline(
          parseRulesInput(RightsDeadlineInputSchema, {
            jurisdiction: opts.jurisdiction.toUpperCase(),
            country: opts.country ?? null,
            region: opts.region ?? null,
            requestType: opts.type.toLowerCase(),
            receivedOn: opts.received,
            identityReceivedOn: opts.identityReceived ?? null,
            feeReceivedOn: opts.feeReceived ?? null,
            pauses,
            extended: opts.extended === true,
            extensionMethod: opts.extensionMethod,
            readings: opts.readings,
            smallProcessingAgent: opts.smallAgent === true,
            internalTargetDays: internal,
          }),
        ),
      );
      if (opts.json) {
        const { steps, ...dates } = result;
        printJson({ ...dates, steps });
        return;
      }
      process.stdout.write(
        `${result.jurisdiction} ${result.requestType} request` +
          (result.holidayCalendar ? ` (holidays: ${result.holidayCalendar})` : '') +
          '\n',
      );
      printFields([
        ['Start', result.start],
        ['Due', result.due],
        ['Legal deadline', result.legalDue],
        ['Without extension', result.baseDue],
        ['Latest if extended', result.extendedDue],
        ['Extension notice by', result.extensionNoticeDue],
        ['Acknowledge by', result.ackDue],
        ['Internal target', result.internalDue],
        [
          'Other reading',
          result.contested
            ? `${result.contested.other.baseDue}${result.contested.other.extendedDue ? ` (extended ${result.contested.other.extendedDue})` : ''}, the ${result.contested.other.reading} reading`
            : null,
        ],
      ]);
      printSteps(result.steps);
    });
}

interface BreachOptions {
  awareAt: string;
  tz?: string;
  regime?: string;
  now?: string;
  notifiedAt?: string;
  delayReason?: string;
  risk?: string;
  processorAwareAt?: string;
  processorLimitHours?: string;
  processorNotifiedAt?: string;
  json?: boolean;
}

const BREACH_FLAGS: Record<string, string> = {
  awareAt: '--aware-at',
  timeZone: '--tz',
  regime: '--regime',
  now: '--now',
  authorityNotifiedAt: '--notified-at',
  delayReason: '--delay-reason',
  riskLevel: '--risk',
  processor: '--processor-*',
};

function breachCommand(program: Command): void {
  program
    .command('breach-deadline')
    .description('the authority deadline of a personal-data breach: awareness + 72 hours, explained')
    .requiredOption('--aware-at <iso>', 'when the controller became aware, ISO-8601 with offset')
    .option('--tz <zone>', 'IANA time zone to explain the clock in, e.g. Europe/Paris')
    .addOption(
      new Option(
        '--regime <regime>',
        'gdpr (72 h), uk-gdpr (72 h), uk-pecr (72 h; 24 h when aware before 20 August 2025)',
      ).choices(BREACH_REGIMES),
    )
    .option('--now <iso>', 'the moment to judge the remaining time on (default: now)')
    .option('--notified-at <iso>', 'when the authority was first notified')
    .option('--delay-reason <text>', 'the reasons for a late notification')
    .addOption(new Option('--risk <level>', 'assessed risk').choices(['none', 'risk', 'high']))
    .option('--processor-aware-at <iso>', 'as a processor: when you became aware')
    .option(
      '--processor-limit-hours <n>',
      'as a processor: the internal limit to tell the controller (default 24)',
    )
    .option('--processor-notified-at <iso>', 'as a processor: when you told the controller')
    .option('--json', 'print JSON')
    .action((opts: BreachOptions) => {
      const limit =
        opts.processorLimitHours === undefined
          ? null
          : parseWholeNumber('--processor-limit-hours', opts.processorLimitHours);
      const result = run(BREACH_FLAGS, () =>
        computeBreachClock(
          parseRulesInput(BreachClockInputSchema, {
            awareAt: opts.awareAt,
            timeZone: opts.tz ?? null,
            regime: opts.regime ?? 'gdpr',
            now: opts.now ?? new Date().toISOString(),
            authorityNotifiedAt: opts.notifiedAt ?? null,
            delayReason: opts.delayReason ?? null,
            riskLevel: opts.risk ?? null,
            processor: opts.processorAwareAt
              ? {
                  awareAt: opts.processorAwareAt,
                  controllerNotifiedAt: opts.processorNotifiedAt ?? null,
                  limitHours: limit,
                }
              : null,
          }),
        ),
      );
      if (opts.json) {
        printJson(result);
        return;
      }
      const remaining =
        result.remainingMs === null
          ? null
          : `${formatDuration(result.remainingMs)} ${result.remainingMs >= 0 ? 'before' : 'after'} the deadline`;
      printFields([
        ['Aware', `${result.awareAtLocal} = ${result.awareAt}`],
        ['Deadline', `${result.deadlineLocal} = ${result.deadline}`],
        ['Status', result.status],
        ['Time', remaining],
        [
          'Delay reason',
          result.delayReasonRequired ? (result.delayReasonMissing ? 'required, missing' : 'given') : null,
        ],
        [
          'Processor notice by',
          result.processorNotice ? `${result.processorNotice.due} (${result.processorNotice.status})` : null,
        ],
      ]);
      printSteps(result.steps);
    });
}

interface TransferOptions {
  from: string;
  to: string;
  mechanism: string;
  module?: string;
  signed?: string;
  tia?: string;
  dpfCertified?: boolean;
  inScope?: string;
  on?: string;
  json?: boolean;
}

const TRANSFER_FLAGS: Record<string, string> = {
  exporterCountry: '--from',
  importerCountry: '--to',
  mechanism: '--mechanism',
  sccModule: '--module',
  signedOn: '--signed',
  tia: '--tia',
  importerInScope: '--in-scope',
  on: '--on',
};

function transferCommand(program: Command): void {
  program
    .command('transfer-check')
    .description('is a transfer of personal data valid on a date? valid, warning or invalid, with reasons')
    .requiredOption('--from <cc>', 'exporter country (ISO code or name)')
    .requiredOption(
      '--to <cc>',
      'importer country (ISO code or name; EPO for the European Patent Organisation)',
    )
    .addOption(
      new Option('--mechanism <m>', 'transfer tool').choices(TRANSFER_MECHANISMS).makeOptionMandatory(),
    )
    .addOption(new Option('--module <n>', '2021 SCC module').choices(['1', '2', '3', '4']))
    .option('--signed <date>', 'the day the contract was signed, YYYY-MM-DD')
    .addOption(new Option('--tia <state>', 'transfer impact assessment').choices(['done', 'missing']))
    .option('--dpf-certified', 'the importer is on the Data Privacy Framework List')
    .addOption(
      new Option(
        '--in-scope <answer>',
        'the importer is within the adequacy decision’s scope (e.g. PIPEDA)',
      ).choices(['yes', 'no']),
    )
    .option('--on <date>', 'the date to judge on (default: today)')
    .option('--json', 'print JSON')
    .action((opts: TransferOptions) => {
      const result = run(TRANSFER_FLAGS, () =>
        checkTransfer(
          parseRulesInput(TransferCheckInputSchema, {
            exporterCountry: opts.from,
            importerCountry: opts.to,
            mechanism: opts.mechanism,
            sccModule: opts.module === undefined ? null : Number(opts.module),
            signedOn: opts.signed ?? null,
            tia: opts.tia ?? null,
            importerDpfCertified: opts.dpfCertified === true,
            importerInScope: opts.inScope === undefined ? null : opts.inScope === 'yes',
            on: opts.on ?? localToday(),
          }),
        ),
      );
      if (opts.json) {
        printJson(result);
        return;
      }
      process.stdout.write(`${result.status.toUpperCase()}${result.regime ? ` (${result.regime})` : ''}\n`);
      for (const r of result.reasons) process.stdout.write(`  [${r.level}] ${r.text} (${r.rule})\n`);
    });
}

function jurisdictionsCommand(program: Command): void {
  program
    .command('jurisdictions')
    .description(
      'the jurisdiction codes, their request types and periods, and whether and why a last day on a weekend or ' +
        'holiday moves',
    )
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) => {
      const list = listJurisdictions();
      if (opts.json) {
        printJson(list);
        return;
      }
      for (const j of list) {
        process.stdout.write(`${j.code}  ${j.name}${j.holidays ? `  (holidays: ${j.holidays})` : ''}\n`);
        const last = j.lastDay;
        process.stdout.write(
          `  last day: ${last.rolls ? `moves past ${last.past}` : 'does not move'}  (${last.rule})\n`,
        );
        if (last.contested) {
          process.stdout.write(
            `  contested: ${last.contested.laterReading ?? 'see the trace'}  (${last.contested.rule})\n`,
          );
        }
        for (const t of j.requestTypes) {
          const extra = [
            t.extension ? `extension ${t.extension}` : null,
            t.acknowledgement ? `acknowledge in ${t.acknowledgement}` : null,
            t.smallAgentPeriod ? `small processing agent: ${t.smallAgentPeriod}` : null,
          ].filter(Boolean);
          process.stdout.write(
            `  ${t.type.padEnd(20)}${t.period}${extra.length ? `; ${extra.join('; ')}` : ''}  (${t.rule})\n`,
          );
        }
      }
    });
}

/** Registers the rules-engine commands (deadline, breach-deadline, transfer-check, jurisdictions). */
export function registerRulesCommands(program: Command): void {
  deadlineCommand(program);
  breachCommand(program);
  transferCommand(program);
  jurisdictionsCommand(program);
}
