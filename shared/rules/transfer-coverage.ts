import { countryCodes } from '../countries';
import type { DeriveEnv } from '../kit/define';
import type { SqlEnv } from '../kit/fields';
import { sql, sqlInList, type Sql } from '../kit/sql';
import { checkAdequacy, insideArea, regimeOf, type TransferRegime } from './transfer-validity';

/** How one processing country of a vendor is covered for a transfer out of the organisation's area. */
export interface CoverageEntry {
  country: string;
  /** adequacy: a decision covers it; transfer: a transfer record judged valid or warning does; gap: nothing does. */
  covered: 'adequacy' | 'transfer' | 'gap';
  /** Why, in words: the decision, or the transfer record's mechanism and verdict. */
  detail: string;
  transferId: number | null;
}

/**
 * The regime the organisation exports under: the UK GDPR for an organisation established in the UK, the Swiss
 * FADP for one in Switzerland, the EU GDPR otherwise (in the EEA, or not yet recorded in Settings: the
 * workbench's default law).
 */
export function organisationRegime(country: string | null): TransferRegime {
  return (country ? regimeOf(country) : null) ?? 'EU GDPR';
}

const memo = new Map<string, ReturnType<typeof checkAdequacy>>();

/** checkAdequacy, remembered per question: a register asks the same few questions for every vendor. */
function adequacy(regime: TransferRegime, country: string, dpf: boolean, on: string) {
  const key = `${regime}|${country}|${dpf ? 1 : 0}|${on}`;
  let verdict = memo.get(key);
  if (!verdict) {
    if (memo.size > 5_000) memo.clear();
    verdict = checkAdequacy({ regime, importerCountry: country, importerDpfCertified: dpf, on });
    memo.set(key, verdict);
  }
  return verdict;
}

interface TransferSeen {
  id: number;
  destinationCountry: string;
  mechanism: string;
  validity: { status: 'valid' | 'warning' | 'invalid' };
}

/**
 * A vendor's processing countries outside the organisation's area, each judged: covered by an adequacy decision
 * (the US only for a vendor on the DPF List), by one of its transfer records judged valid or warning, or a gap.
 */
export function transferCoverage(
  vendor: { processingCountries: readonly string[]; dpfCertified: boolean },
  ctx: { env: DeriveEnv; transfers: readonly TransferSeen[] },
): CoverageEntry[] {
  const regime = organisationRegime(ctx.env.organisation.country);
  const on = ctx.env.today;
  const out: CoverageEntry[] = [];
  for (const country of new Set(vendor.processingCountries)) {
    if (insideArea(regime, country)) continue;
    const verdict = adequacy(regime, country, vendor.dpfCertified, on);
    if (verdict.status !== 'invalid') {
      out.push({
        country,
        covered: 'adequacy',
        detail: verdict.reasons.find((r) => r.level === 'ok')?.text ?? 'Adequacy decision.',
        transferId: null,
      });
      continue;
    }
    const record = ctx.transfers.find(
      (t) => t.destinationCountry === country && t.validity.status !== 'invalid',
    );
    if (record) {
      out.push({
        country,
        covered: 'transfer',
        detail: `Covered by transfer record ${record.id}, judged ${record.validity.status} today.`,
        transferId: record.id,
      });
    } else {
      out.push({
        country,
        covered: 'gap',
        detail: verdict.reasons.find((r) => r.level === 'invalid')?.text ?? 'No transfer tool covers it.',
        transferId: null,
      });
    }
  }
  return out;
}

const coveredSets = new Map<string, { always: string[]; withDpf: string[] }>();

/** The destinations needing no transfer record on a day: inside the area or adequate, with and without DPF. */
function covered(regime: TransferRegime, on: string) {
  const key = `${regime}|${on}`;
  let sets = coveredSets.get(key);
  if (!sets) {
    if (coveredSets.size > 50) coveredSets.clear();
    const always: string[] = [];
    const withDpf: string[] = [];
    for (const code of countryCodes()) {
      if (adequacy(regime, code, false, on).status !== 'invalid') always.push(code);
      else if (adequacy(regime, code, true, on).status !== 'invalid') withDpf.push(code);
    }
    sets = { always, withDpf };
    coveredSets.set(key, sets);
  }
  return sets;
}

/**
 * The SQL twin of "has transfer gaps" (row alias `r`, a vendor; the activities' filter asks it of their vendors):
 * a processing country of a vendor not offboarded that is neither covered on the day (inside the area, adequate, or adequate through the DPF for a certified vendor) nor by a
 * current transfer record to the vendor judged valid or warning (the stored verdict, kept fresh by the kit).
 */
export function transferGapSql(env: SqlEnv): Sql {
  const { always, withDpf } = covered(organisationRegime(env.organisation.country), env.today);
  const dpf =
    withDpf.length > 0
      ? sql` AND NOT (r.dpf_certified = 1 AND ${sqlInList(sql`c.country`, withDpf)})`
      : sql``;
  // An offboarded vendor receives no data: none of its countries is a gap (as its facts say).
  return sql`(r.status IS NOT 'offboarded' AND EXISTS (SELECT 1 FROM vendor_countries c WHERE c.vendor_id = r.id
    AND NOT ${sqlInList(sql`c.country`, always)}${dpf}
    AND NOT EXISTS (SELECT 1 FROM transfers t WHERE t.importer_id = r.id AND t.destination_country = c.country
      AND t.archived_at IS NULL AND t.validity_status IN ('valid', 'warning'))))`;
}
