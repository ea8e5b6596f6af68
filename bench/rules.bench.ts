import { performance } from 'node:perf_hooks';
import { EEA_EFTA_STATES, EU_MEMBER_STATES } from '../shared/reference/eea';
import { fromDay, toDay } from '../shared/rules/calendar';
import { computeRightsDeadline, type RightsDeadlineInput } from '../shared/rules/rights-deadline';

const N = 100_000;
const GOAL_MS = 200;
const FIRST_DAY = toDay('2025-01-01');
const SPAN_DAYS = 3 * 365;
const EEA = [...EU_MEMBER_STATES, ...EEA_EFTA_STATES];

/** A fixed pseudo-random sequence, so every run measures the same requests. */
function sequence(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

/** 100,000 requests of mixed jurisdictions and types, with pauses, identity dates, extensions and targets. */
function requests(): RightsDeadlineInput[] {
  const rnd = sequence(42);
  const list: RightsDeadlineInput[] = [];
  for (let i = 0; i < N; i++) {
    const receivedDay = FIRST_DAY + Math.floor(rnd() * SPAN_DAYS);
    const receivedOn = fromDay(receivedDay);
    const pick = rnd();
    if (pick < 0.4) {
      list.push({
        jurisdiction: 'GDPR',
        country: EEA[i % EEA.length],
        requestType: i % 3 === 0 ? 'erasure' : 'access',
        receivedOn,
        pauses: i % 5 === 0 ? [{ from: receivedOn, to: fromDay(receivedDay + 4) }] : [],
        extended: i % 7 === 0,
      });
    } else if (pick < 0.6) {
      list.push({
        jurisdiction: 'UK-GDPR',
        region: ['eng', 'sct', 'nir'][i % 3],
        requestType: 'access',
        receivedOn,
        identityReceivedOn: i % 4 === 0 ? fromDay(receivedDay + 3) : null,
        extensionMethod: i % 2 === 0 ? 'from-receipt' : 'from-base-deadline',
        internalTargetDays: 20,
      });
    } else if (pick < 0.75) {
      list.push({ jurisdiction: 'CCPA', requestType: i % 3 === 0 ? 'opt-out' : 'know', receivedOn });
    } else if (pick < 0.85) {
      list.push({
        jurisdiction: i % 2 === 0 ? 'VCDPA' : 'CPA',
        requestType: 'delete',
        receivedOn,
        extended: true,
      });
    } else {
      const jurisdiction = (['LGPD', 'PIPEDA', 'FADP'] as const)[i % 3] ?? 'LGPD';
      list.push({ jurisdiction, requestType: 'access', receivedOn });
    }
  }
  return list;
}

function timeAll(list: readonly RightsDeadlineInput[], explain: boolean): { ms: number; checksum: number } {
  let checksum = 0;
  const t0 = performance.now();
  for (const input of list) checksum += computeRightsDeadline(input, { explain }).due.length;
  return { ms: Number((performance.now() - t0).toFixed(1)), checksum };
}

/**
 * Due dates for 100,000 rights requests of mixed jurisdictions (GDPR in all 30 EEA states, UK GDPR in three
 * regions, CCPA, VCDPA, CPA, LGPD, PIPEDA, FADP). The first pass also loads the holiday calendars; the goal is
 * measured on the next passes (best of three), as a register listing would run with calendars loaded.
 */
export async function run(): Promise<Record<string, unknown>> {
  const list = requests();
  const cold = timeAll(list, false);
  const warm = [timeAll(list, false), timeAll(list, false), timeAll(list, false)];
  const best = Math.min(...warm.map((w) => w.ms));
  const explained = Math.min(timeAll(list, true).ms, timeAll(list, true).ms);
  return {
    requests: N,
    ms: best,
    goalMs: GOAL_MS,
    metGoal: best < GOAL_MS,
    firstPassWithHolidayLoadingMs: cold.ms,
    withExplanationMs: explained,
    microsecondsPerRequest: Number(((best * 1000) / N).toFixed(2)),
  };
}
