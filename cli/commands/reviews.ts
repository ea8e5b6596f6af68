import type { Command } from 'commander';
import { resolve } from 'node:path';
import { CHANGED_FIELD_LABEL, type ReviewCheck } from '../../shared/subprocessors/review';
import { traceLines } from '../../shared/rules/trace';
import { localIsoDate } from '../../shared/today';
import { call, withCore } from '../core';
import { CliError, printJson } from '../output';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The review as a script reads it: what changed, the new third countries, the deadline, the saved review. */
export function reviewJson(r: ReviewCheck) {
  return {
    vendor: r.vendor,
    noticeOn: r.noticeOn,
    added: r.added.map((a) => ({ name: a.name, countries: a.countries, purposes: a.purposes })),
    removed: r.removed.map((x) => x.name),
    changed: r.changed.map((c) => ({ name: c.name, field: c.field, old: c.old, new: c.new })),
    unchanged: r.unchanged.map((u) => u.name),
    newThirdCountries: r.newThirdCountries,
    coverage: r.coverage,
    objectionDeadline: r.objectionDeadline,
    deadline: r.deadline,
    warnings: r.read.warnings,
    noChange: r.noChange,
    reviewId: r.reviewId,
    applied: r.applied,
  };
}

function text(r: ReviewCheck): string {
  const lines = [
    `${r.vendor.name}: sub-processor list received ${r.noticeOn} (${r.listSource}, ${r.read.companies} companies, header row ${r.read.headerRow})`,
  ];
  for (const w of r.read.warnings) lines.push(`  warning: ${w}`);
  if (r.noChange)
    lines.push('No change: the list names the sub-processors the register holds, as it holds them.');
  for (const a of r.added)
    lines.push(
      `  + ${a.name}${a.countries.length ? ` [${a.countries.join(', ')}]` : ''}${a.purposes.length ? `: ${a.purposes.join('; ')}` : ''}${a.returningId ? ' (offboarded before)' : ''}`,
    );
  for (const x of r.removed) lines.push(`  - ${x.name}`);
  for (const c of r.changed)
    lines.push(
      `  ~ ${c.name}: ${CHANGED_FIELD_LABEL[c.field]} ${c.old.join(', ') || '(none)'} → ${c.new.join(', ')}`,
    );
  if (r.unchanged.length) lines.push(`  ${r.unchanged.length} unchanged`);
  for (const c of r.coverage)
    lines.push(
      `New country ${c.country}: ${c.covered === 'gap' ? 'GAP' : `covered (${c.covered})`}: ${c.detail}`,
    );
  lines.push(
    r.objectionDeadline
      ? `Object by ${r.objectionDeadline} (${r.deadline.periodDays} calendar days${r.deadline.basis === 'assumed' ? ', assumed' : ''})`
      : 'No objection window: prior written consent is needed.',
  );
  for (const f of r.deadline.flags) lines.push(`  check: ${f}`);
  lines.push(...traceLines(r.deadline.steps).map((l) => `  ${l}`));
  if (r.reviewId === null) lines.push('Nothing was written: give --apply to accept the list and apply it.');
  else if (r.applied)
    lines.push(
      `Review ${r.reviewId} saved and accepted: ${r.applied.created} added, ${r.applied.offboarded} offboarded, ${r.applied.updated} updated.`,
    );
  else lines.push(`Review ${r.reviewId} saved, awaiting a decision.`);
  return lines.join('\n');
}

/**
 * `dpo vendors review-subprocessors VENDOR --file LIST --notice-on DATE [--apply] [--json]`: compares a vendor's
 * new sub-processor list with its chain and counts the day to object by; `--apply` accepts it (the review is
 * saved and its changes applied in one transaction), `--save` keeps it open for a decision later.
 */
export function registerReviewCommands(program: Command): void {
  const vendorsGroup = program.commands.find((c) => c.name() === 'vendors')!;
  vendorsGroup
    .command('review-subprocessors')
    .description(
      "compare a vendor's new sub-processor list with its chain, with the day to object by (GDPR Art 28(2))",
    )
    .argument('<vendor>', "the vendor's id or name")
    .requiredOption(
      '--file <path>',
      'the new list: .xlsx, .csv or .txt (a table copied from a web page) (required)',
    )
    .requiredOption('--notice-on <date>', 'the day the notice was received, YYYY-MM-DD (required)')
    .option('--sheet <name>', 'the sheet of a workbook (default: the first visible one)')
    .option('--apply', 'accept the list: save the review and apply its changes to the chain')
    .option('--save', 'save the review without deciding')
    .option('--db <path>', 'database file')
    .option('--json', 'print JSON')
    .action(
      async (
        vendor: string,
        opts: {
          file: string;
          noticeOn: string;
          sheet?: string;
          apply?: boolean;
          save?: boolean;
          json?: boolean;
        },
        command: Command,
      ) => {
        if (!DAY.test(opts.noticeOn))
          throw new CliError(`--notice-on must be a date as YYYY-MM-DD, not "${opts.noticeOn}".`, 2);
        if (opts.apply && opts.save) throw new CliError('Give --apply or --save, not both.', 2);
        const input = {
          vendor: /^[1-9]\d*$/.test(vendor) ? Number(vendor) : vendor,
          noticeOn: opts.noticeOn,
          source: { path: resolve(opts.file) },
          ...(opts.sheet ? { sheet: opts.sheet } : {}),
        };
        const names = { vendor: '<vendor>', noticeOn: '--notice-on', source: '--file', sheet: '--sheet' };
        const r = await withCore(command, 'cli', (core) =>
          opts.apply || opts.save
            ? call(core, 'reviews:record', { ...input, decision: opts.apply ? 'accepted' : 'open' }, names)
            : call(core, 'reviews:check', input, names),
        );
        if (opts.json) printJson(reviewJson(r));
        else process.stdout.write(`${text(r)}\n`);
      },
    );

  const reviewsGroup = program.commands.find((c) => c.name() === 'reviews')!;
  reviewsGroup
    .command('decide')
    .description('decide a saved review: accept (applies its changes to the chain), object, or ask questions')
    .argument('<id>', "the review's id")
    .option('--accept', 'accept the list and apply its changes')
    .option('--object', 'object to the new sub-processors (give --reasons; --sent-on defaults to today)')
    .option('--questions', 'record the questions asked; the review stays open')
    .option('--reasons <text>', 'why you object, or what you asked')
    .option('--sent-on <date>', 'the day the objection was sent, YYYY-MM-DD')
    .option('--decided-on <date>', 'the day of the decision, YYYY-MM-DD (default: today)')
    .option('--db <path>', 'database file')
    .option('--json', 'print the review as JSON')
    .action(
      async (
        id: string,
        opts: {
          accept?: boolean;
          object?: boolean;
          questions?: boolean;
          reasons?: string;
          sentOn?: string;
          decidedOn?: string;
          json?: boolean;
        },
        command: Command,
      ) => {
        const chosen = [
          opts.accept && 'accepted',
          opts.object && 'objected',
          opts.questions && 'questions',
        ].filter(Boolean) as ('accepted' | 'objected' | 'questions')[];
        if (chosen.length !== 1) throw new CliError('Give one of --accept, --object or --questions.', 2);
        if (!/^[1-9]\d*$/.test(id)) throw new CliError(`<id> must be a review's number, not "${id}".`, 2);
        for (const [flag, value] of [
          ['--sent-on', opts.sentOn],
          ['--decided-on', opts.decidedOn],
        ] as const)
          if (value !== undefined && !DAY.test(value))
            throw new CliError(`${flag} must be a date as YYYY-MM-DD, not "${value}".`, 2);
        const decision = chosen[0]!;
        const r = await withCore(command, 'cli', (core) =>
          call(
            core,
            'reviews:decide',
            {
              id: Number(id),
              decision,
              reasons: opts.reasons,
              decidedOn: opts.decidedOn,
              objectionSentOn:
                decision === 'objected'
                  ? (opts.sentOn ?? opts.decidedOn ?? localIsoDate(new Date()))
                  : undefined,
            },
            { reasons: '--reasons', objectionSentOn: '--sent-on', decidedOn: '--decided-on' },
          ),
        );
        if (opts.json) return printJson(r);
        process.stdout.write(
          `Review ${r.id} (${String(r.vendorName)}, list of ${r.noticeOn}): ${r.decision}${r.decidedOn ? ` on ${r.decidedOn}` : ''}${r.appliedAt ? '; the changes were applied to the chain' : ''}.\n`,
        );
      },
    );
}
