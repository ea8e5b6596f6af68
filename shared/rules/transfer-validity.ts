import { countryName, isCountryCode } from '../countries';
import {
  EU_ADEQUACY,
  EU_ADEQUACY_LIST,
  EUROPEAN_PATENT_ORGANISATION,
  findAdequacy,
  UK_ADEQUACY,
  UK_ADEQUACY_LIST,
  UK_EEA_ADEQUACY,
  type AdequacyDecision,
  type AdequacyPeriod,
} from '../reference/adequacy';
import { EEA_MEMBERSHIP, EEA_TERRITORY_MAPPING, isEeaTerritory, isInEea } from '../reference/eea';
import type { Confidence, Sourced } from '../reference/sources';
import {
  BCR,
  DEROGATION,
  OLD_SCC_EU,
  OLD_SCC_UK,
  SCC_2021,
  SCC_MODULES,
  TIA,
  UK_IDTA,
  UK_NEEDS_ADDENDUM,
  type TransferMechanism,
} from '../reference/transfer-instruments';
import { fromDay, longDate, toDay, type IsoDate } from './calendar';
import { invalidField } from './invalid';
import { traceStep } from './trace';

/** Everything a transfer's validity depends on. */
export interface TransferCheckInput {
  /** The exporter's country (ISO 3166-1 alpha-2). */
  exporterCountry: string;
  /** The importer's country (ISO 3166-1 alpha-2), or EPO for the European Patent Organisation. */
  importerCountry: string;
  mechanism: TransferMechanism;
  /** 2021 SCC module 1–4. */
  sccModule?: 1 | 2 | 3 | 4 | null;
  /** When the contract (SCCs, IDTA, Addendum) was signed. */
  signedOn?: IsoDate | null;
  /** Transfer impact assessment: done, missing, or not recorded (null). */
  tia?: 'done' | 'missing' | null;
  /** The importer is on the Data Privacy Framework List (US). */
  importerDpfCertified?: boolean;
  /** The importer is within an adequacy decision's scope (e.g. subject to PIPEDA in Canada); null: not known. */
  importerInScope?: boolean | null;
  /** The date to judge on (usually today). */
  on: IsoDate;
}

export type TransferStatus = 'valid' | 'warning' | 'invalid';

/** The law a transfer is judged under: the exporter's. */
export type TransferRegime = 'EU GDPR' | 'UK GDPR';

/** The regime of an exporter established in `country`: the EEA's or the UK's, or null for anywhere else. */
export function regimeOf(country: string): TransferRegime | null {
  const code = country.toUpperCase();
  return isInEea(code) ? 'EU GDPR' : code === 'GB' ? 'UK GDPR' : null;
}

/** One reason for the verdict; `level` is what it contributes (ok does not lower the status). */
export interface TransferReason {
  level: 'ok' | 'warning' | 'invalid';
  text: string;
  rule: string;
  confidence: Confidence;
}

export interface TransferValidity {
  status: TransferStatus;
  /** The law the transfer is judged under, or null when the exporter is neither in the EEA nor the UK. */
  regime: 'EU GDPR' | 'UK GDPR' | null;
  /** The adequacy decision in force for the destination on the date, if any. */
  adequacy: { decision: string; from: IsoDate; to: IsoDate | null } | null;
  reasons: TransferReason[];
}

const LEVEL_ORDER: Record<TransferReason['level'], number> = { ok: 0, warning: 1, invalid: 2 };

class Reasons {
  readonly list: TransferReason[] = [];
  add(level: TransferReason['level'], text: string, fact: Sourced): void {
    this.list.push({ level, ...traceStep(text, fact) });
  }
  status(): TransferStatus {
    const worst = Math.max(...this.list.map((r) => LEVEL_ORDER[r.level]));
    return worst === 2 ? 'invalid' : worst === 1 ? 'warning' : 'valid';
  }
}

/** How far an adequacy decision covers this transfer on the date. */
interface AdequacyMatch {
  decision: AdequacyDecision;
  period: AdequacyPeriod | null;
  /** covered: in force and scope met; scope-unknown: in force, scope not confirmed; else why not. */
  coverage: 'covered' | 'scope-unknown' | 'out-of-scope' | 'not-yet' | 'ended';
}

function matchAdequacy(
  list: readonly AdequacyDecision[],
  input: TransferCheckInput,
  on: number,
): AdequacyMatch | null {
  const decision = findAdequacy(list, input.importerCountry);
  if (!decision) return null;
  const period =
    decision.periods.find((p) => toDay(p.from) <= on && (p.to === null || on <= toDay(p.to))) ?? null;
  if (!period) {
    const first = decision.periods[0];
    return { decision, period: null, coverage: first && on < toDay(first.from) ? 'not-yet' : 'ended' };
  }
  const scope = decision.scope;
  if (!scope) return { decision, period, coverage: 'covered' };
  const met =
    scope.condition === 'dpf-certified' ? input.importerDpfCertified === true : input.importerInScope;
  if (met === true) return { decision, period, coverage: 'covered' };
  if (met === false || scope.condition === 'dpf-certified')
    return { decision, period, coverage: 'out-of-scope' };
  return { decision, period, coverage: 'scope-unknown' };
}

/** Explains an adequacy match; returns true when the decision covers the transfer (possibly scope unconfirmed). */
function explainAdequacy(
  match: AdequacyMatch | null,
  list: Sourced,
  reasons: Reasons,
  asMechanism: boolean,
  on: number,
): boolean {
  const missing: TransferReason['level'] = asMechanism ? 'invalid' : 'ok';
  if (!match) {
    if (asMechanism) reasons.add('invalid', 'No adequacy decision covers the destination.', list);
    return false;
  }
  const { decision, period, coverage } = match;
  const first = decision.periods[0];
  const last = decision.periods[decision.periods.length - 1];
  switch (coverage) {
    case 'not-yet':
      reasons.add(
        missing,
        `The adequacy decision for ${decision.name} applies only from ${longDate(toDay(first?.from ?? ''))}.`,
        first ?? list,
      );
      return false;
    case 'ended':
      reasons.add(
        missing,
        `The adequacy decision for ${decision.name} ended on ${longDate(toDay(last?.to ?? ''))}.`,
        last ?? list,
      );
      return false;
    case 'out-of-scope':
      reasons.add(
        missing,
        `The adequacy decision for ${decision.name} does not cover this importer: ${decision.scope?.text ?? ''}`,
        decision.scope ?? list,
      );
      return false;
    default:
      break;
  }
  if (!period) return false;
  const until = period.to ? `, in force until ${longDate(toDay(period.to))}` : '';
  reasons.add('ok', `Adequacy: ${decision.name}, ${period.decision}${until}.`, period);
  // A decision renewed without a gap does not end: the chain of periods does, if it ends at all.
  const chain = [period];
  for (;;) {
    const last = chain[chain.length - 1]!;
    const next = last.to ? decision.periods.find((p) => toDay(p.from) === toDay(last.to!) + 1) : undefined;
    if (!next) break;
    chain.push(next);
    const nextUntil = next.to ? ` until ${longDate(toDay(next.to))}` : ' with no end date';
    reasons.add('ok', `Followed without a gap by ${next.decision}${nextUntil}.`, next);
  }
  const end = chain[chain.length - 1]!;
  if (coverage === 'scope-unknown' && decision.scope) {
    reasons.add(
      'warning',
      `Confirm the importer is within the decision’s scope: ${decision.scope.text}`,
      decision.scope,
    );
  }
  if (end.to) {
    const left = toDay(end.to) - on;
    if (left <= 180) {
      reasons.add(
        'warning',
        `The decision ends ${left === 0 ? 'today' : `in ${left} days`} (${longDate(toDay(end.to))}): plan ` +
          'another transfer tool.',
        end,
      );
    }
  }
  for (const note of decision.notes) reasons.add('ok', note.text, note);
  return true;
}

/** The TIA rule: with SCCs, BCRs, the IDTA or the Addendum to a country without adequacy, a missing TIA warns. */
function tiaRule(input: TransferCheckInput, adequate: boolean, reasons: Reasons): void {
  if (adequate) {
    reasons.add(
      'ok',
      'An adequacy decision covers the destination, so no transfer impact assessment is needed.',
      TIA,
    );
  } else if (input.tia === 'done') {
    reasons.add('ok', 'Transfer impact assessment done.', TIA);
  } else {
    reasons.add(
      'warning',
      `${input.tia === 'missing' ? 'Transfer impact assessment missing' : 'No transfer impact assessment recorded'}: ` +
        TIA.text,
      TIA,
    );
  }
}

function signedCheck(
  input: TransferCheckInput,
  on: number,
  notBefore: string,
  fact: Sourced,
  reasons: Reasons,
): void {
  if (!input.signedOn) return;
  const signed = toDay(input.signedOn, 'signedOn');
  if (signed > on) {
    reasons.add('invalid', `Not yet signed on ${longDate(on)} (signed ${longDate(signed)}).`, fact);
  } else if (signed < toDay(notBefore)) {
    reasons.add(
      'invalid',
      `Signed on ${longDate(signed)}, before the clauses existed (${longDate(toDay(notBefore))}).`,
      fact,
    );
  }
}

/**
 * Judges a transfer on a date: `valid`, `warning` or `invalid`, with the reasons and the rule behind each. Covers
 * exports under the EU GDPR (exporter in the EEA) and the UK GDPR (exporter in the UK): EEA membership, adequacy
 * decisions with their scope and dates, the DPF, the 2021 SCCs and the old ones' end dates, BCRs, the UK IDTA and
 * Addendum, the TIA rule and Art 49 derogations. Fails with a VALIDATION AppError naming the field.
 */
export function checkTransfer(input: TransferCheckInput): TransferValidity {
  const on = toDay(input.on, 'on');
  const from = input.exporterCountry.toUpperCase();
  const to = input.importerCountry.toUpperCase();
  if (!isCountryCode(from))
    invalidField('exporterCountry', `"${input.exporterCountry}" is not an ISO country code.`);
  if (!isCountryCode(to) && to !== EUROPEAN_PATENT_ORGANISATION) {
    invalidField('importerCountry', `"${input.importerCountry}" is not an ISO country code (or EPO).`);
  }
  const normalised = { ...input, exporterCountry: from, importerCountry: to };
  const reasons = new Reasons();
  const regime = isInEea(from) ? 'EU GDPR' : from === 'GB' ? 'UK GDPR' : null;
  if (regime === null) {
    reasons.add(
      'warning',
      `The exporter (${from}) is neither in the EEA nor in the UK: judge this transfer under the exporter’s own law.`,
      EEA_MEMBERSHIP,
    );
    return { status: reasons.status(), regime, adequacy: null, reasons: reasons.list };
  }
  for (const code of [from, to]) {
    if (isEeaTerritory(code))
      reasons.add('ok', `${code} is treated as part of the EEA.`, EEA_TERRITORY_MAPPING);
  }

  // Inside the EEA (EU exporter) or inside the UK (UK exporter) there is no restricted transfer.
  if ((regime === 'EU GDPR' && isInEea(to)) || (regime === 'UK GDPR' && to === 'GB')) {
    reasons.add(
      'ok',
      regime === 'EU GDPR'
        ? `Both ${from} and ${to} are in the EEA: no transfer to a third country, no transfer tool needed.`
        : 'Both parties are in the UK: no restricted transfer.',
      EEA_MEMBERSHIP,
    );
    return { status: reasons.status(), regime, adequacy: null, reasons: reasons.list };
  }

  const match =
    regime === 'UK GDPR' && isInEea(to)
      ? ukEeaMatch(to)
      : matchAdequacy(regime === 'EU GDPR' ? EU_ADEQUACY : UK_ADEQUACY, normalised, on);
  const adequacyShown = match?.period
    ? { decision: match.period.decision, from: match.period.from, to: match.period.to }
    : null;
  judgeMechanism(normalised, regime, match, on, reasons);
  return { status: reasons.status(), regime, adequacy: adequacyShown, reasons: reasons.list };
}

/** What an adequacy question needs: the regime, the destination and the importer's standing, and the day. */
export interface AdequacyCheckInput {
  regime: TransferRegime;
  importerCountry: string;
  importerDpfCertified?: boolean;
  importerInScope?: boolean | null;
  on: IsoDate;
}

/**
 * Whether an adequacy decision alone covers a transfer to `importerCountry` under the regime on the date: the
 * same judgement `checkTransfer` makes for the mechanism "adequacy" (a destination inside the exporter's own
 * area needs no tool and reads as valid). A vendor's transfer gaps are judged with it, so the vendor page and
 * `dpo transfer-check` never disagree.
 */
export function checkAdequacy(input: AdequacyCheckInput): TransferValidity {
  const on = toDay(input.on, 'on');
  const to = input.importerCountry.toUpperCase();
  if (!isCountryCode(to) && to !== EUROPEAN_PATENT_ORGANISATION) {
    invalidField('importerCountry', `"${input.importerCountry}" is not an ISO country code (or EPO).`);
  }
  const reasons = new Reasons();
  const uk = input.regime === 'UK GDPR';
  if ((!uk && isInEea(to)) || (uk && to === 'GB')) {
    reasons.add(
      'ok',
      uk
        ? 'The destination is in the UK: no restricted transfer.'
        : `${to} is in the EEA: no transfer tool needed.`,
      EEA_MEMBERSHIP,
    );
    return { status: 'valid', regime: input.regime, adequacy: null, reasons: reasons.list };
  }
  const normalised: TransferCheckInput = {
    exporterCountry: uk ? 'GB' : 'EU',
    importerCountry: to,
    mechanism: 'adequacy',
    importerDpfCertified: input.importerDpfCertified,
    importerInScope: input.importerInScope,
    on: input.on,
  };
  const match =
    uk && isInEea(to) ? ukEeaMatch(to) : matchAdequacy(uk ? UK_ADEQUACY : EU_ADEQUACY, normalised, on);
  explainAdequacy(match, uk ? UK_ADEQUACY_LIST : EU_ADEQUACY_LIST, reasons, true, on);
  const adequacy = match?.period
    ? { decision: match.period.decision, from: match.period.from, to: match.period.to }
    : null;
  return { status: reasons.status(), regime: input.regime, adequacy, reasons: reasons.list };
}

/**
 * The first day after `input.on` on which the verdict of `checkTransfer` may change for the same facts, or null
 * when no date ahead can change it. The verdict depends on the date only through the dates of the reference
 * data (adequacy periods and their last 180 days, the old SCCs' end, the IDTA's start) and the signing date;
 * the wording of a reason ("ends in 37 days") may change daily, the status does not. Stored verdicts are
 * re-judged from this day.
 */
export function verdictChangesOn(input: TransferCheckInput): IsoDate | null {
  const on = toDay(input.on, 'on');
  const candidates: number[] = [];
  const add = (iso: string | null | undefined, shift = 0) => {
    if (iso) candidates.push(toDay(iso) + shift);
  };
  const regime = regimeOf(input.exporterCountry);
  const list = regime === 'UK GDPR' ? UK_ADEQUACY : EU_ADEQUACY;
  const decision = findAdequacy(list, input.importerCountry.toUpperCase());
  for (const p of decision?.periods ?? []) {
    add(p.from);
    // Last day in force is `to`; the warning starts 180 days before it and the decision ends the day after.
    add(p.to, -180);
    add(p.to, 1);
  }
  add(UK_IDTA.inForce);
  add(SCC_2021.inForce);
  add(OLD_SCC_EU.validUntil, 1);
  add(OLD_SCC_UK.validUntil, 1);
  add(input.signedOn);
  const next = candidates.filter((d) => d > on).sort((a, b) => a - b)[0];
  return next === undefined ? null : fromDay(next);
}

function ukEeaMatch(to: string): AdequacyMatch {
  return {
    decision: {
      destination: to,
      name: `${countryName(to)} (EEA)`,
      periods: [
        { decision: 'UK adequacy regulations for the EEA', from: '2021-01-01', to: null, ...UK_EEA_ADEQUACY },
      ],
      scope: null,
      notes: [],
    },
    period: {
      decision: 'UK adequacy regulations for the EEA',
      from: '2021-01-01',
      to: null,
      ...UK_EEA_ADEQUACY,
    },
    coverage: 'covered',
  };
}

function judgeMechanism(
  input: TransferCheckInput,
  regime: 'EU GDPR' | 'UK GDPR',
  match: AdequacyMatch | null,
  on: number,
  reasons: Reasons,
): void {
  const fullyAdequate = match?.coverage === 'covered';
  const uk = regime === 'UK GDPR';
  const list = uk ? UK_ADEQUACY_LIST : EU_ADEQUACY_LIST;
  switch (input.mechanism) {
    case 'none': {
      if (explainAdequacy(match, list, reasons, false, on)) {
        reasons.add(
          'ok',
          'No transfer tool is recorded; the adequacy decision covers it: record “adequacy”.',
          list,
        );
      } else {
        reasons.add(
          'invalid',
          'No transfer tool is recorded and no adequacy decision covers the transfer.',
          list,
        );
      }
      return;
    }
    case 'adequacy':
      explainAdequacy(match, list, reasons, true, on);
      return;
    case 'dpf': {
      if (input.importerCountry !== 'US') {
        reasons.add(
          'invalid',
          'The Data Privacy Framework covers only transfers to the United States.',
          DPF_FACT,
        );
        return;
      }
      explainAdequacy(match, list, reasons, true, on);
      return;
    }
    case 'scc-2021': {
      if (uk) {
        reasons.add('invalid', UK_NEEDS_ADDENDUM.text, UK_NEEDS_ADDENDUM);
        return;
      }
      if (on < toDay(SCC_2021.inForce)) {
        reasons.add(
          'invalid',
          `The 2021 SCCs apply only from ${longDate(toDay(SCC_2021.inForce))}, the twentieth day after their publication.`,
          SCC_2021,
        );
        return;
      }
      signedCheck(input, on, SCC_2021.adopted, SCC_2021, reasons);
      if (input.signedOn && toDay(input.signedOn) < toDay(SCC_2021.inForce)) {
        reasons.add(
          'warning',
          `Signed on ${longDate(toDay(input.signedOn))}, before the Decision entered into force ` +
            `(${longDate(toDay(SCC_2021.inForce))}): the clauses serve as standard contractual clauses only from ` +
            'that day; check that the contract took effect on or after it.',
          { source: SCC_2021.source, confidence: 'R' },
        );
      }
      const module = input.sccModule;
      reasons.add(
        module ? 'ok' : 'warning',
        module ? `2021 SCCs, ${SCC_MODULES[module]}.` : '2021 SCCs: record which module (1–4) applies.',
        SCC_2021,
      );
      tiaRule(input, fullyAdequate, reasons);
      return;
    }
    case 'scc-2010':
      oldScc(input, uk, on, fullyAdequate, reasons);
      return;
    case 'bcr':
      reasons.add('ok', BCR.text, BCR);
      tiaRule(input, fullyAdequate, reasons);
      return;
    case 'idta':
    case 'uk-addendum': {
      const name = input.mechanism === 'idta' ? 'The IDTA' : 'The UK Addendum';
      if (!uk) {
        reasons.add(
          'invalid',
          `${name} is a UK instrument; it does not cover transfers under the EU GDPR.`,
          UK_IDTA,
        );
        return;
      }
      if (on < toDay(UK_IDTA.inForce)) {
        reasons.add('invalid', `${name} is in force only from ${longDate(toDay(UK_IDTA.inForce))}.`, UK_IDTA);
        return;
      }
      signedCheck(input, on, UK_IDTA.inForce, UK_IDTA, reasons);
      reasons.add('ok', `${name} (ICO, s.119A DPA 2018).`, UK_IDTA);
      tiaRule(input, fullyAdequate, reasons);
      return;
    }
    case 'derogation':
      if (fullyAdequate) explainAdequacy(match, list, reasons, false, on);
      reasons.add(
        'warning',
        fullyAdequate
          ? `An adequacy decision covers this destination, so no derogation is needed. ${DEROGATION.text}`
          : DEROGATION.text,
        DEROGATION,
      );
      return;
  }
}

const DPF_FACT: Sourced = { source: 'Commission Implementing Decision (EU) 2023/1795', confidence: 'V' };

function oldScc(
  input: TransferCheckInput,
  uk: boolean,
  on: number,
  adequate: boolean,
  reasons: Reasons,
): void {
  const rule = uk ? OLD_SCC_UK : OLD_SCC_EU;
  const validUntil = toDay(rule.validUntil);
  // EU: contracts concluded before 27 Sep 2021; UK: on or before 21 Sep 2022.
  const lastSigning = uk ? toDay(OLD_SCC_UK.newContractsUntil) : toDay(OLD_SCC_EU.repealed) - 1;
  if (on > validUntil) {
    reasons.add(
      'invalid',
      `The old SCCs give no valid safeguard after ${longDate(validUntil)}. ${rule.text}`,
      rule,
    );
    return;
  }
  if (!input.signedOn) {
    reasons.add(
      'warning',
      `Record the signing date: only contracts signed by ${longDate(lastSigning)} stay valid.`,
      rule,
    );
  } else {
    const signed = toDay(input.signedOn, 'signedOn');
    if (signed > on) {
      reasons.add('invalid', `Not yet signed on ${longDate(on)} (signed ${longDate(signed)}).`, rule);
      return;
    }
    if (signed > lastSigning) {
      reasons.add(
        'invalid',
        `Signed on ${longDate(signed)}: the old SCCs could no longer be used for new contracts after ` +
          `${longDate(lastSigning)}.`,
        rule,
      );
      return;
    }
  }
  reasons.add(
    'ok',
    `Old SCCs in their transition period until ${longDate(validUntil)}, provided the processing is unchanged.`,
    rule,
  );
  tiaRule(input, adequate, reasons);
}
