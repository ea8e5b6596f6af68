import { parseCountry } from '../countries';
import { EEA_EFTA_STATES, EU_MEMBER_STATES } from '../reference/eea';
import type { CellValue } from './types';
import { cellText, foldText } from './text';

/**
 * The region rule, stated once and shown in every preview.
 * Region words are not countries, and guessing would put wrong facts into the transfer analysis (a processing
 * country outside the EEA is a Chapter V transfer). So:
 * - "EU" and "EEA" (and their French and German forms) are flagged. When the user chooses to expand them,
 *   "EU" becomes the 27 member states and "EEA" those 27 plus Iceland, Liechtenstein and Norway
 *   (shared/reference/eea.ts, EEA Agreement; legal-reference §5.2). Both are inside the EEA, so expanding
 *   them adds no transfer.
 * - "Worldwide", "Global", "Europe", continents and trading blocs ("APAC", "EMEA") are flagged and never
 *   expanded: nobody can tell which countries they mean, and the DPO must ask the vendor.
 * Whatever was flagged is kept word for word in the vendor's notes, so nothing the file said is lost.
 */
export const REGION_RULE =
  'Regions are not countries. "EU" and "EEA" are flagged; if you choose to expand them, "EU" becomes the 27 EU member states and "EEA" those 27 plus Iceland, Liechtenstein and Norway. "Worldwide", "Global", "Europe" and continents are flagged and never expanded: ask the vendor which countries it means. Flagged cells are copied word for word into the vendor\'s notes.';

export type RegionKind = 'eu' | 'eea' | 'unbounded';

const REGION_WORDS: Record<string, RegionKind> = {};
const add = (kind: RegionKind, words: string[]) => {
  for (const w of words) REGION_WORDS[foldText(w)] = kind;
};
add('eu', [
  'EU',
  'E.U.',
  'European Union',
  'EU member states',
  'EU countries',
  'EU27',
  'EU-27',
  'Union européenne',
  'UE',
  'Europäische Union',
]);
add('eea', [
  'EEA',
  'E.E.A.',
  'European Economic Area',
  'EU/EEA',
  'EEA countries',
  'Espace économique européen',
  'EEE',
  'EWR',
  'Europäischer Wirtschaftsraum',
]);
add('unbounded', [
  'Worldwide',
  'World wide',
  'Global',
  'Globally',
  'International',
  'World',
  'All countries',
  'Multiple',
  'Various',
  'Multiple countries',
  'Rest of world',
  'ROW',
  'Weltweit',
  'Global (weltweit)',
  'International (weltweit)',
  'Monde',
  'Monde entier',
  'Mondial',
  'Europe',
  'Europa',
  'Asia',
  'Asia Pacific',
  'APAC',
  'EMEA',
  'Americas',
  'North America',
  'South America',
  'Latin America',
  'LATAM',
  'Africa',
  'Middle East',
  'Oceania',
  'Asie',
  'Amérique du Nord',
  'Nordamerika',
  'Asien',
]);

/** The countries a region expands to under the rule above; null for regions never expanded. */
export function regionCountries(kind: RegionKind): string[] | null {
  if (kind === 'eu') return [...EU_MEMBER_STATES];
  if (kind === 'eea') return [...EU_MEMBER_STATES, ...EEA_EFTA_STATES];
  return null;
}

/** Names the ISO lists and parseCountry miss but sub-processor lists write. */
const EXTRA_NAMES: Record<string, string> = {
  'republic of ireland': 'IE',
  'viet nam': 'VN',
  iran: 'IR',
  'royaume uni': 'GB',
  'hong kong sar': 'HK',
  brasil: 'BR',
  'south korea': 'KR',
  macedonia: 'MK',
  'czech rep': 'CZ',
  'u s a': 'US',
  'u s': 'US',
  'u k': 'GB',
  'united states of america usa': 'US',
};

const memo = new Map<string, string | null>();

/** One country name or code, with a few more spellings than parseCountry knows; memoised (lists repeat). */
export function readCountry(text: string): string | null {
  const cached = memo.get(text);
  if (cached !== undefined) return cached;
  let code = parseCountry(text);
  if (!code) {
    const folded = foldText(text);
    code = EXTRA_NAMES[folded] ?? parseCountry(folded) ?? parseCountry(folded.replace(/ /g, '-')) ?? null;
  }
  if (memo.size > 50_000) memo.clear();
  memo.set(text, code);
  return code;
}

export interface CountryCell {
  countries: string[];
  regions: { text: string; kind: RegionKind }[];
  unknown: string[];
}

function readPiece(piece: string, out: CountryCell): void {
  const text = piece
    .trim()
    .replace(/^[-–*]+\s*/, '')
    .replace(/:+$/, '')
    .trim();
  if (!text) return;
  const code = readCountry(text);
  if (code) {
    out.countries.push(code);
    return;
  }
  const region = REGION_WORDS[foldText(text)];
  if (region) {
    out.regions.push({ text, kind: region });
    return;
  }
  // "United States (Virginia, Oregon)", "Ireland [Dublin]": the bracket names a place inside the country.
  const outside = text.replace(/\s*[([].*?[)\]]\s*/g, ' ').trim();
  if (outside && outside !== text) {
    readPiece(outside, out);
    return;
  }
  // "USA and Canada", "France et Belgique", "Deutschland und Österreich"; tried only after the whole piece
  // failed, so "Bosnia and Herzegovina" stays one country.
  const parts = text.split(/\s+(?:and|und|et|&|\+|or|ou|oder)\s+|\s*&\s*/i);
  if (parts.length > 1) {
    const sub: CountryCell = { countries: [], regions: [], unknown: [] };
    for (const p of parts) readPiece(p, sub);
    if (sub.unknown.length === 0) {
      out.countries.push(...sub.countries);
      out.regions.push(...sub.regions);
      return;
    }
  }
  out.unknown.push(text);
}

/** Splits on any of `separators`, except inside brackets ("United States (Virginia, Oregon)"). */
function splitOutside(text: string, separators: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(' || ch === '[') depth++;
    else if ((ch === ')' || ch === ']') && depth > 0) depth--;
    if (depth === 0 && separators.includes(ch)) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.filter((p) => p.trim() !== '');
}

/**
 * Reads a cell of processing countries: several per cell ("United States, Germany, Iceland"; "US/EU";
 * "USA and Canada"), abbreviations ("U.S.", "USA", "UK"), names in English, French and German, and region
 * words (classified, never turned into countries here: see REGION_RULE).
 */
export function parseCountryCell(value: CellValue): CountryCell {
  const out: CountryCell = { countries: [], regions: [], unknown: [] };
  const text = cellText(value);
  if (!text) return out;
  const whole = readCountry(text);
  if (whole) {
    out.countries.push(whole);
    return out;
  }
  for (const part of splitOutside(text, '\n;/|•+')) {
    // Commas separate countries, except in ISO-style names such as "Korea, Republic of": try each comma
    // piece joined with the next one first.
    const pieces = splitOutside(part, ',');
    for (let i = 0; i < pieces.length; i++) {
      const next = pieces[i + 1];
      if (next !== undefined) {
        const joined = `${pieces[i]!.trim()}, ${next.trim()}`;
        const code = readCountry(joined);
        if (code) {
          out.countries.push(code);
          i++;
          continue;
        }
      }
      readPiece(pieces[i]!, out);
    }
  }
  out.countries = [...new Set(out.countries)];
  return out;
}
