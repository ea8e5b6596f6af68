import type { Command } from 'commander';
import { CliError } from '../output';
import { addRecordCommand } from './registers';

type Pause = { from: string; to: string | null; reason: string };

/**
 * The register commands that do one thing a DPO does under time pressure: pause or resume a request's clock,
 * extend a request, file a breach with an authority.
 */
export function registerRecordActions(program: Command): void {
  addRecordCommand(program, {
    register: 'requests',
    name: 'pause',
    description:
      'stop the clock from a day (while waiting for information asked for), or with only --to end the open pause',
    options: [
      ['--from <date>', 'the day the clock stops, YYYY-MM-DD', false],
      ['--to <date>', 'the day it runs again, YYYY-MM-DD (left out: still paused)', false],
      ['--reason <text>', 'what you are waiting for', false],
    ],
    change: (r, o) => {
      const pauses = [...((r.pauses as Pause[]) ?? [])];
      const open = pauses.findIndex((p) => p.to === null);
      if (!o.from) {
        if (!o.to) throw new CliError('Give --from to stop the clock, or --to to end the open pause.', 2);
        if (open < 0) throw new CliError('No pause is open: give --from to start one.', 2);
        pauses[open] = { ...pauses[open]!, to: o.to };
        return { ...r, pauses };
      }
      if (!o.reason) throw new CliError('Give --reason: what the clock waits for.', 2);
      pauses.push({ from: o.from, to: o.to ?? null, reason: o.reason });
      return { ...r, pauses };
    },
    done: (r) => `Request ${String(r.reference)}: due ${String(r.due)} (${String(r.state)}).`,
  });
  addRecordCommand(program, {
    register: 'requests',
    name: 'extend',
    description: 'record that the extension notice was sent, with its reasons',
    options: [
      ['--notice-on <date>', 'the day the notice was sent, YYYY-MM-DD', true],
      ['--reason <text>', 'the reasons given in the notice', true],
    ],
    change: (r, o) => ({ ...r, extensionNoticeOn: o.noticeOn, extensionReason: o.reason }),
    done: (r) => `Request ${String(r.reference)} extended: due ${String(r.due)}.`,
  });
  addRecordCommand(program, {
    register: 'breaches',
    name: 'file',
    description: 'record a filing with a supervisory authority (the first one stops the clock)',
    options: [
      ['--authority <name>', 'the authority, e.g. Datatilsynet', true],
      ['--at <instant>', 'when it was filed, ISO-8601 with offset', true],
      ['--kind <kind>', 'initial (default for the first filing) or follow-up', false],
      ['--channel <text>', 'how it was filed', false],
      ['--reference <text>', 'the authority’s reference', false],
      ['--delay-reason <text>', 'why it is late (required after the deadline, Art 33(1))', false],
    ],
    change: (r, o) => {
      const filings = [...((r.filings as Record<string, unknown>[]) ?? [])];
      const kind = o.kind ?? (filings.some((f) => f.kind === 'initial') ? 'follow-up' : 'initial');
      filings.push({
        kind,
        authority: o.authority,
        filedAt: o.at,
        channel: o.channel ?? null,
        reference: o.reference ?? null,
        delayReason: o.delayReason ?? null,
      });
      return { ...r, filings };
    },
    done: (r) => {
      const clock = r.clock as { state: string };
      return `Breach ${r.id} filed: the clock is ${clock.state}.`;
    },
  });
}
