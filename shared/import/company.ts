import type { CellRead } from '../kit/fields';
import { legalFormOf } from '../legal-name';
import { parseCountryCell } from './countries-cell';
import { nameWithoutFootnote } from './text';

/** Words that open brackets saying something of the company, not its other name ("formerly Tableau"). */
const NOT_A_NAME =
  /^(?:formerly|previously|former|f\/k\/a|fka|aka|a\/k\/a|dba|d\/b\/a|t\/a|trading|including|incl|excluding|part of|via|see|for|on behalf|acting|affiliates?|subsidiar|group compan|and |or |as |an? |the |ex\b|ehemals|anciennement|anc\.|filiale|tochter)/i;

/**
 * A vendor's name cell that gives the brand and the legal entity together, one of them in brackets:
 * "Atlassian (Atlassian Pty Ltd)", "Zendesk, Inc. (Zendesk)", "AWS (Amazon Web Services EMEA SARL)". The part
 * with a legal form is the legal entity, the other the name. Only when exactly one part has a legal form, and the
 * other is a name: not a place ("Stripe Payments Europe, Ltd. (Ireland)"), not a remark ("(formerly Heroku)"),
 * not a number. Otherwise the whole cell is the name, as before (a footnote mark dropped); and so it is when the
 * legal entity has a column of its own, or is not read (a sub-processor list compared by name).
 */
export function brandAndEntity(text: string): CellRead | null {
  const plain = nameWithoutFootnote(text);
  const cell = plain ? plain.value : text.trim();
  const split = cell.length <= 300 && cell.endsWith(')') ? /^(.+?)\s*\(([^()]+)\)$/.exec(cell) : null;
  if (split) {
    const outer = split[1]!.replace(/[\s,;:–-]+$/, '');
    const inner = split[2]!.trim();
    const outerForm = legalFormOf(outer);
    const innerForm = legalFormOf(inner);
    const other = outerForm ? inner : outer;
    if (
      outer !== '' &&
      (outerForm === null) !== (innerForm === null) &&
      /^[\p{Lu}\d]/u.test(inner) &&
      !NOT_A_NAME.test(inner) &&
      other.split(/\s+/).length <= 6 &&
      related(outerForm ? inner : outer, outerForm ? outer : inner) &&
      !isPlace(other)
    ) {
      return outerForm
        ? { ok: true, value: inner, also: { legalEntity: outer }, whole: cell }
        : { ok: true, value: outer, also: { legalEntity: inner }, whole: cell };
    }
  }
  return plain;
}

/** Words of a name, lower-cased, three letters or more. */
const words = (text: string) => (text.toLowerCase().match(/\p{L}[\p{L}\d]{2,}/gu) ?? []) as string[];

/**
 * The name and the entity name one company: a word in common ("Atlassian", "Atlassian Pty Ltd") or the name is the
 * entity's initials ("AWS", "Amazon Web Services EMEA SARL"). "Cloudflare, Inc. (CDN)" names a service instead.
 */
function related(name: string, entity: string): boolean {
  const theirs = new Set(words(entity));
  if (words(name).some((w) => theirs.has(w))) return true;
  const initials = (entity.match(/\p{Lu}\p{Ll}*/gu) ?? []).map((w) => w[0]).join('');
  const abbr = name.replace(/[^\p{Lu}]/gu, '');
  return abbr.length >= 2 && abbr === name.replace(/[\s.]/g, '') && initials.startsWith(abbr);
}

/** "Ireland", "EU", "US & UK": a place in brackets says where, not who. */
function isPlace(text: string): boolean {
  const c = parseCountryCell(text);
  return c.unknown.length === 0 && c.countries.length + c.regions.length > 0;
}

/**
 * The name a company is known by, for its identity key: the brand of a name cell that gives the brand and the
 * legal entity together ("Zendesk, Inc. (Zendesk)" → "Zendesk"), so a record stored that way and a row naming the
 * brand with its entity apart are found as one; any other name as it is.
 */
export function brandOf(name: string): string {
  const split = name.includes('(') ? brandAndEntity(name) : null;
  return split?.ok && split.also ? String(split.value) : name;
}
