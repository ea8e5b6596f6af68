import { foldText } from '../import/text';
import { FORM_SPELLINGS, joinLetterRuns, normaliseLegalName } from '../legal-name';

/** One sub-processor as a vendor's published list gives it (one or more rows of the list, merged). */
export interface ListEntry {
  name: string;
  /** ISO 3166-1 alpha-2 codes, in the list's order. */
  countries: string[];
  /** What it does for the vendor: the list's purpose or service cells. */
  purposes: string[];
  /** Places the list gave that name no country ("EU", "Worldwide"). */
  unclear: string[];
  /** The rows of the list it came from (1-based, as the spreadsheet numbers them). */
  rows: number[];
}

/** One of the vendor's sub-processors as the register holds it. */
export interface CurrentSub {
  id: number;
  name: string;
  processingCountries: string[];
  services: string[];
  status: string;
}

export type ChangedField = 'processingCountries' | 'services';

export interface Added {
  name: string;
  countries: string[];
  purposes: string[];
  unclear: string[];
  rows: number[];
  /** An offboarded sub-processor of the vendor by the same legal name: it is engaged again. */
  returningId: number | null;
}

export interface Changed {
  id: number;
  name: string;
  field: ChangedField;
  old: string[];
  new: string[];
}

export interface ListDiff {
  added: Added[];
  removed: { id: number; name: string }[];
  changed: Changed[];
  unchanged: { id: number; name: string }[];
  /**
   * Countries outside the organisation's area that the list brings to the vendor's chain: a new sub-processor's,
   * or a country added to one, that none of its current sub-processors (nor the vendor itself) processed in.
   */
  newThirdCountries: string[];
}

const nameKey = (name: string) => normaliseLegalName(name) || foldText(name);
const textKey = (values: readonly string[]) => [...new Set(values.map(foldText))].filter(Boolean).sort();
const sameSet = (a: readonly string[], b: readonly string[]) => {
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
};

/**
 * A company's full name, its legal form kept ("slack technologies llc"): two entities of a group (an LLC in the
 * US, a Limited in Ireland) are two sub-processors. Punctuation, case, accents and the spelling of a legal form
 * ("Ltd" or "Limited", "B.V." or "BV") do not count.
 */
const entityKey = (name: string) =>
  joinLetterRuns(foldText(name).split(' ').filter(Boolean))
    .map((w) => FORM_SPELLINGS[w] ?? w)
    .join(' ');

/**
 * Merges the rows of a list that name the same legal entity: published lists give a company one row per service
 * or per region. Countries, purposes and places keep their first order; nothing of the rows given is changed.
 */
export function mergeEntries(rows: readonly ListEntry[]): ListEntry[] {
  const byKey = new Map<string, ListEntry>();
  for (const r of rows) {
    const key = entityKey(r.name);
    if (!key) continue;
    const known = byKey.get(key);
    if (!known) {
      byKey.set(key, {
        ...r,
        countries: [...r.countries],
        purposes: [...r.purposes],
        unclear: [...r.unclear],
        rows: [...r.rows],
      });
      continue;
    }
    for (const c of r.countries) if (!known.countries.includes(c)) known.countries.push(c);
    for (const p of r.purposes)
      if (!known.purposes.some((q) => foldText(q) === foldText(p))) known.purposes.push(p);
    for (const u of r.unclear) if (!known.unclear.includes(u)) known.unclear.push(u);
    known.rows.push(...r.rows);
  }
  return [...byKey.values()];
}

/**
 * What a vendor's new sub-processor list changes against the sub-processors the register holds for it (its
 * children), matched by full legal name, or by the name without its legal form where that names one record and
 * one company of the list. A sub-processor missing from the list is removed; one the list
 * names that the register holds as offboarded is added again. An empty cell changes nothing: a list without a
 * purpose column reports no purpose changes, a company with no country given keeps its countries.
 * `outside` says whether a country is outside the organisation's area (a third country).
 */
export function diffSubprocessorList(
  list: readonly ListEntry[],
  current: readonly CurrentSub[],
  options: { outside: (country: string) => boolean; vendorCountries: readonly string[] },
): ListDiff {
  const entries = mergeEntries(list);
  // The register's sub-processors by full name, and by name without its legal form ("Acme Ltd" = "Acme Limited"
  // = "ACME"), used only where it names one record and one entry of the list, never to join two entities.
  const byEntity = new Map<string, CurrentSub>();
  const byName = new Map<string, CurrentSub[]>();
  for (const c of current) {
    byEntity.set(entityKey(c.name), c);
    const k = nameKey(c.name);
    byName.set(k, [...(byName.get(k) ?? []), c]);
  }
  const listByName = new Map<string, number>();
  for (const e of entries) listByName.set(nameKey(e.name), (listByName.get(nameKey(e.name)) ?? 0) + 1);
  const matchOf = (e: ListEntry): CurrentSub | undefined => {
    const exact = byEntity.get(entityKey(e.name));
    if (exact) return exact;
    const k = nameKey(e.name);
    const candidates = byName.get(k) ?? [];
    return candidates.length === 1 && listByName.get(k) === 1 ? candidates[0] : undefined;
  };
  const diff: ListDiff = { added: [], removed: [], changed: [], unchanged: [], newThirdCountries: [] };
  const matched = new Set<number>();
  for (const e of entries) {
    const found = matchOf(e);
    const now = found && !matched.has(found.id) ? found : undefined;
    if (now) matched.add(now.id);
    if (!now || now.status === 'offboarded') {
      diff.added.push({
        name: e.name,
        countries: e.countries,
        purposes: e.purposes,
        unclear: e.unclear,
        rows: e.rows,
        returningId: now?.id ?? null,
      });
      continue;
    }
    let changed = false;
    if (e.countries.length > 0 && !sameSet(e.countries, now.processingCountries)) {
      diff.changed.push({
        id: now.id,
        name: now.name,
        field: 'processingCountries',
        old: [...now.processingCountries],
        new: [...e.countries],
      });
      changed = true;
    }
    if (e.purposes.length > 0 && !sameSet(textKey(e.purposes), textKey(now.services))) {
      diff.changed.push({
        id: now.id,
        name: now.name,
        field: 'services',
        old: [...now.services],
        new: [...e.purposes],
      });
      changed = true;
    }
    if (!changed) diff.unchanged.push({ id: now.id, name: now.name });
  }
  const active = current.filter((c) => c.status !== 'offboarded');
  for (const c of active) if (!matched.has(c.id)) diff.removed.push({ id: c.id, name: c.name });

  const before = new Set([
    ...options.vendorCountries,
    ...active.filter((c) => matched.has(c.id)).flatMap((c) => c.processingCountries),
  ]);
  const brought = [
    ...diff.added.flatMap((a) => a.countries),
    ...diff.changed.filter((c) => c.field === 'processingCountries').flatMap((c) => c.new),
  ];
  diff.newThirdCountries = [...new Set(brought)].filter((c) => options.outside(c) && !before.has(c)).sort();
  return diff;
}

/** True when the list changes nothing. */
export function isUnchanged(diff: ListDiff): boolean {
  return diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0;
}
