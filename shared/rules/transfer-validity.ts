import { countryName, isCountryCode } from '../countries';
import {
  CH_ADEQUACY,
  CH_ADEQUACY_LIST,
  CH_EEA_ADEQUACY,
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
  CH_BCR,
  CH_DEROGATION,
  DEROGATION,
  OLD_SCC_CH,
  OLD_SCC_EU,
  OLD_SCC_UK,
  SCC_2021,
  SCC_2021_CH,
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
export type TransferRegime = 'EU GDPR' | 'UK GDPR' | 'Swiss FADP';
export const TRANSFER_REGIMES = ['EU GDPR', 'UK GDPR', 'Swiss FADP'] as const;

/** The regime of an exporter established in `country`: the EEA's, the UK's or Switzerland's; null elsewhere. */
export function regimeOf(country: string): TransferRegime | null {
  const code = country.toUpperCase();
  if (isInEea(code)) return 'EU GDPR';
  if (code === 'GB') return 'UK GDPR';
  if (code === 'CH') return 'Swiss FADP';
  return null;
}

/** True when the destination is inside the exporter's own area, where nothing is a transfer abroad. */
export function insideArea(regime: TransferRegime, country: string): boolean {
  if (regime === 'EU GDPR') return isInEea(country);
  return country === (regime === 'UK GDPR' ? 'GB' : 'CH');
}

/** A regime's adequacy decisions (outside the EEA) and the list as a whole, cited when none covers. */
function adequacyOf(regime: TransferRegime): { decisions: readonly AdequacyDecision[]; list: Sourced } {
  if (regime === 'UK GDPR') return { decisions: UK_ADEQUACY, list: UK_ADEQUACY_LIST };
  if (regime === 'Swiss FADP') return { decisions: CH_ADEQUACY, list: CH_ADEQUACY_LIST };
  return { decisions: EU_ADEQUACY, list: EU_ADEQUACY_LIST };
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
  /** The law the transfer is judged under, or null when the exporter is not in the EEA, the UK or Switzerland. */
  regime: TransferRegime | null;
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
 * exports under the EU GDPR (exporter in the EEA), the UK GDPR (exporter in the UK) and the Swiss FADP (exporter
 * in Switzerland: FADP Arts 16–17, FDPO Annex 1): EEA membership, adequacy decisions with their scope and dates,
 * the DPF, the 2021 SCCs and the old ones' end dates, BCRs, the UK IDTA and Addendum, the TIA rule and the
 * derogations. Fails with a VALIDATION AppError naming the field.
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
  const regime = regimeOf(from);
  if (regime === null) {
    reasons.add(
      'warning',
      `The exporter (${from}) is not in the EEA, the UK or Switzerland: judge this transfer under the exporter’s ` +
        'own law.',
      EEA_MEMBERSHIP,
    );
    return { status: reasons.status(), regime, adequacy: null, reasons: reasons.list };
  }
  for (const code of [from, to]) {
    if (isEeaTerritory(code))
      reasons.add('ok', `${code} is treated as part of the EEA.`, EEA_TERRITORY_MAPPING);
  }

  // Inside the exporter's own area (the EEA, the UK, Switzerland) there is no transfer abroad.
  if (insideArea(regime, to)) {
    reasons.add(
      'ok',
      regime === 'EU GDPR'
        ? `Both ${from} and ${to} are in the EEA: no transfer to a third country, no transfer tool needed.`
        : regime === 'UK GDPR'
          ? 'Both parties are in the UK: no restricted transfer.'
          : 'Both parties are in Switzerland: no disclosure abroad.',
      EEA_MEMBERSHIP,
    );
    return { status: reasons.status(), regime, adequacy: null, reasons: reasons.list };
  }

  const match = matchFor(regime, normalised, on);
  const adequacyShown = match?.period
    ? { decision: match.period.decision, from: match.period.from, to: match.period.to }
    : null;
  judgeMechanism(normalised, regime, match, on, reasons);
  return { status: reasons.status(), regime, adequacy: adequacyShown, reasons: reasons.list };
}

/** The adequacy match for a destination outside the exporter's area, under the exporter's regime. */
function matchFor(regime: TransferRegime, input: TransferCheckInput, on: number): AdequacyMatch | null {
  const to = input.importerCountry;
  if (regime === 'UK GDPR' && isInEea(to)) {
    // Before 2021 the UK applied EU law itself: an EEA destination was never a restricted transfer.
    return areaMatch(to, 'UK adequacy regulations for the EEA', '2021-01-01', UK_EEA_ADEQUACY, on, true);
  }
  if (regime === 'Swiss FADP' && isInEea(to)) {
    return areaMatch(to, 'FDPO Annex 1', CH_EEA_ADEQUACY.from, CH_EEA_ADEQUACY, on);
  }
  return matchAdequacy(adequacyOf(regime).decisions, input, on);
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
  const { regime } = input;
  if (insideArea(regime, to)) {
    reasons.add(
      'ok',
      regime === 'EU GDPR'
        ? `${to} is in the EEA: no transfer tool needed.`
        : regime === 'UK GDPR'
          ? 'The destination is in the UK: no restricted transfer.'
          : 'The destination is in Switzerland: no disclosure abroad.',
      EEA_MEMBERSHIP,
    );
    return { status: 'valid', regime, adequacy: null, reasons: reasons.list };
  }
  const normalised: TransferCheckInput = {
    exporterCountry: regime === 'UK GDPR' ? 'GB' : regime === 'Swiss FADP' ? 'CH' : 'EU',
    importerCountry: to,
    mechanism: 'adequacy',
    importerDpfCertified: input.importerDpfCertified,
    importerInScope: input.importerInScope,
    on: input.on,
  };
  const match = matchFor(regime, normalised, on);
  explainAdequacy(match, adequacyOf(regime).list, reasons, true, on);
  const adequacy = match?.period
    ? { decision: match.period.decision, from: match.period.from, to: match.period.to }
    : null;
  return { status: reasons.status(), regime, adequacy, reasons: reasons.list };
}

/**
 * The first day after `input.on` on which the verdict of `checkTransfer` may change for the same facts, or null
 * when no date ahead can change it. The verdict depends on the date only through the dates of the reference
 * data (adequacy periods and their last 180 days, the old SCCs' end, the IDTA's start, Switzerland's list and
 * recognition dates) and the signing date; the wording of a reason ("ends in 37 days") may change daily, the
 * status does not. Stored verdicts are re-judged from this day.
 */
export function verdictChangesOn(input: TransferCheckInput): IsoDate | null {
  const on = toDay(input.on, 'on');
  const candidates: number[] = [];
  const add = (iso: string | null | undefined, shift = 0) => {
    if (iso) candidates.push(toDay(iso) + shift);
  };
  const regime = regimeOf(input.exporterCountry) ?? 'EU GDPR';
  const decision = findAdequacy(adequacyOf(regime).decisions, input.importerCountry.toUpperCase());
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
  add(CH_EEA_ADEQUACY.from);
  add(SCC_2021_CH.recognised);
  add(OLD_SCC_CH.validUntil, 1);
  add(input.signedOn);
  const next = candidates.filter((d) => d > on).sort((a, b) => a - b)[0];
  return next === undefined ? null : fromDay(next);
}

/** An EEA destination on the exporter's list as a whole (the UK's EEA regulations, Switzerland's Annex 1). */
function areaMatch(
  to: string,
  decision: string,
  from: string,
  fact: Sourced,
  on: number,
  coveredBefore = false,
): AdequacyMatch {
  const period: AdequacyPeriod = { decision, from, to: null, ...fact };
  const covered = coveredBefore || on >= toDay(from);
  return {
    decision: {
      destination: to,
      name: `${countryName(to)} (EEA)`,
      periods: [period],
      scope: null,
      notes: [],
    },
    period: covered ? period : null,
    coverage: covered ? 'covered' : 'not-yet',
  };
}

function judgeMechanism(
  input: TransferCheckInput,
  regime: TransferRegime,
  match: AdequacyMatch | null,
  on: number,
  reasons: Reasons,
): void {
  const fullyAdequate = match?.coverage === 'covered';
  const uk = regime === 'UK GDPR';
  const swiss = regime === 'Swiss FADP';
  const { list } = adequacyOf(regime);
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
      if (swiss) {
        swissScc(input, on, fullyAdequate, reasons);
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
      if (swiss) {
        if (on > toDay(OLD_SCC_CH.validUntil)) {
          reasons.add(
            'invalid',
            `No valid safeguard after ${longDate(toDay(OLD_SCC_CH.validUntil))}. ${OLD_SCC_CH.text}`,
            OLD_SCC_CH,
          );
          return;
        }
        reasons.add('warning', OLD_SCC_CH.text, OLD_SCC_CH);
        tiaRule(input, fullyAdequate, reasons);
        return;
      }
      oldScc(input, uk, on, fullyAdequate, reasons);
      return;
    case 'bcr':
      reasons.add('ok', swiss ? CH_BCR.text : BCR.text, swiss ? CH_BCR : BCR);
      tiaRule(input, fullyAdequate, reasons);
      return;
    case 'idta':
    case 'uk-addendum': {
      const name = input.mechanism === 'idta' ? 'The IDTA' : 'The UK Addendum';
      if (!uk) {
        reasons.add(
          'invalid',
          `${name} is a UK instrument; it does not cover transfers under the ${regime}.`,
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
    case 'derogation': {
      const rule = swiss ? CH_DEROGATION : DEROGATION;
      if (fullyAdequate) explainAdequacy(match, list, reasons, false, on);
      reasons.add(
        'warning',
        fullyAdequate
          ? `An adequacy decision covers this destination, so no derogation is needed. ${rule.text}`
          : rule.text,
        rule,
      );
      return;
    }
  }
}

/** The 2021 SCCs for a Swiss exporter: usable from the FDPIC's recognition, with the Swiss adaptations. */
function swissScc(input: TransferCheckInput, on: number, adequate: boolean, reasons: Reasons): void {
  const recognised = toDay(SCC_2021_CH.recognised);
  if (on < recognised) {
    reasons.add(
      'invalid',
      `The FDPIC recognised the 2021 SCCs only on ${longDate(recognised)}.`,
      SCC_2021_CH,
    );
    return;
  }
  signedCheck(input, on, SCC_2021.adopted, SCC_2021_CH, reasons);
  const module = input.sccModule;
  reasons.add(
    module ? 'ok' : 'warning',
    module
      ? `2021 SCCs, ${SCC_MODULES[module]}, under Swiss law. ${SCC_2021_CH.text}`
      : `2021 SCCs under Swiss law: record which module (1–4) applies. ${SCC_2021_CH.text}`,
    SCC_2021_CH,
  );
  tiaRule(input, adequate, reasons);
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
