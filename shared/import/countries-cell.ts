import { parseCountry } from '../countries';
import { EEA_EFTA_STATES, EU_MEMBER_STATES } from '../reference/eea';
import type { CellValue } from './types';
import { placeCountry } from './places';
import { cellText, foldText, FOOTNOTE_SIGNS } from './text';

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
  'Unión Europea',
  'Unione europea',
  'Europese Unie',
  'Europeiska unionen',
  'Den Europæiske Union',
  'Den europeiske union',
  'Unia Europejska',
  'União Europeia',
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
  'EER',
  'EES',
  'EØS',
  'EOG',
  'EEE',
  'Espacio Económico Europeo',
  'Spazio economico europeo',
  'Europese Economische Ruimte',
  'Europeiska ekonomiska samarbetsområdet',
  'Det Europæiske Økonomiske Samarbejdsområde',
  'Det europeiske økonomiske samarbeidsområdet',
  'Europejski Obszar Gospodarczy',
  'Espaço Económico Europeu',
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
  'Mundial',
  'Mondiale',
  'Wereldwijd',
  'Globalt',
  'Världen',
  'Hele verden',
  'Cały świat',
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
  'Southeast Asia',
  'South East Asia',
  'Western Europe',
  'Northern Europe',
  'Central Europe',
  'Eastern Europe',
  'Southern Europe',
  'Nordics',
  'Nordic countries',
  'Scandinavia',
  'DACH',
  'Benelux',
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
  'stati uniti': 'US',
  eau: 'AE',
  'ee uu': 'US',
  eeuu: 'US',
  eua: 'US',
  vs: 'US',
  'regno unito': 'GB',
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

/** Footnote marks after a place: "USA¹", "Ireland†", "Germany*". */
const FOOTNOTE = new RegExp(`[*${FOOTNOTE_SIGNS}§]+$`, 'u');
/** Compass words and numbers around a country or place: "UK South", "East US 2", "US-West-2", "Northern Virginia". */
const COMPASS_WORDS =
  'north|south|east|west|central|northern|southern|eastern|western|northeast|northwest|southeast|southwest';
const COMPASS = new RegExp(`\\b(?:${COMPASS_WORDS}|mid|\\d+)\\b`, 'g');
const COMPASS_WORD = new RegExp(`\\b(?:${COMPASS_WORDS})\\b`);

/** The words around a cloud region's code: "AWS region eu-west-1", "Google Cloud europe-west3". */
const CLOUD_WORDS = new Set(
  'aws amazon web services gcp google cloud platform azure microsoft oci oracle region regions hosted in data centre center'.split(
    ' ',
  ),
);

/** Pieces read on their own, into a cell of their own: what they name, and whether anything was not read. */
function readAlone(...pieces: string[]): CountryCell {
  const sub: CountryCell = { countries: [], regions: [], unknown: [] };
  for (const p of pieces) readPiece(p, sub);
  return sub;
}

/** Adds what a cell read on its own names to `out` (its countries and regions; its unread pieces when asked). */
function take(out: CountryCell, sub: CountryCell, unknown = false): void {
  out.countries.push(...sub.countries);
  out.regions.push(...sub.regions);
  if (unknown) out.unknown.push(...sub.unknown);
}

/** The longest piece read as a place: a longer one is a sentence, reported as it is without the regular expressions below (whose backtracking grows with the square of the length). */
const MAX_PIECE = 200;

function readPiece(piece: string, out: CountryCell): void {
  if (piece.length > MAX_PIECE) {
    out.unknown.push(`${piece.trim().slice(0, MAX_PIECE - 1)}…`);
    return;
  }
  const text = piece
    .trim()
    .replace(/^[-–*]+\s*/, '')
    .replace(FOOTNOTE, '')
    .replace(/:+$/, '')
    .trim();
  if (!text) return;
  const code = readCountry(text) ?? (text.endsWith('.') ? readCountry(text.slice(0, -1)) : null);
  if (code) {
    out.countries.push(code);
    return;
  }
  const region = REGION_WORDS[foldText(text)];
  if (region) {
    out.regions.push({ text, kind: region });
    return;
  }
  // A place inside one country: a cloud region ("eu-central-1"), a city ("Frankfurt"), a US state ("Oregon").
  const place = placeCountry(text);
  if (place) {
    out.countries.push(place);
    return;
  }
  // "AWS eu-central-1", "AWS region eu-west-1", "Azure westeurope": a cloud's name beside its region's code.
  const words = text.split(/\s+/);
  if (words.length > 1 && words.every((w) => CLOUD_WORDS.has(w.toLowerCase()) || placeCountry(w))) {
    const codes = words.flatMap((w) => (CLOUD_WORDS.has(w.toLowerCase()) ? [] : [placeCountry(w)!]));
    if (codes.length > 0) {
      out.countries.push(...codes);
      return;
    }
  }
  // "AWS Region: South America (Sao Paulo)", "Hosted in Ireland": a label, then the place.
  const labelled =
    /^[^:]{1,40}:\s*(.+)$/.exec(text) ??
    /^(?:(?:data\s+)?(?:hosted|located|based|stored|processed|held)|servers?)\s+in\s+(.+)$/i.exec(text);
  if (labelled) {
    const sub = readAlone(labelled[1]!);
    if (sub.unknown.length === 0) {
      take(out, sub);
      return;
    }
  }
  // "United States (Virginia, Oregon)", "Ireland [Dublin]": the bracket names a place inside the country. But
  // "EU (Frankfurt)", "West Europe (Netherlands)": where the outside names no country, a bracket naming one says
  // where the region is.
  const outside = text.replace(/\s*[([].*?[)\]]\s*/g, ' ').trim();
  if (outside && outside !== text) {
    const sub = readAlone(outside);
    if (sub.countries.length === 0) {
      const inside = [...text.matchAll(/[([](.*?)[)\]]/g)].map((m) => m[1]!).join(', ');
      const within = parseCountryCell(inside);
      if (within.countries.length > 0 && within.unknown.length === 0 && within.regions.length === 0) {
        out.countries.push(...within.countries);
        return;
      }
    }
    take(out, sub, true);
    return;
  }
  // "USA and Canada", "France et Belgique", "Deutschland und Österreich", "Belgien och Tyskland"; tried only after
  // the whole piece failed, so "Bosnia and Herzegovina" stays one country.
  const parts = text.split(/\s+(?:and|und|et|&|\+|or|ou|oder|och|og|en|y|e|i|eller|o|oppure)\s+|\s*&\s*/i);
  if (parts.length > 1) {
    const sub = readAlone(...parts);
    if (sub.unknown.length === 0) {
      take(out, sub);
      return;
    }
  }
  // "EU region", "EØS-region": the region itself.
  const regionWord = /[\s-]+regions?$/i.exec(text);
  if (regionWord) {
    const kind = REGION_WORDS[foldText(text.slice(0, regionWord.index))];
    if (kind) {
      out.regions.push({ text, kind });
      return;
    }
  }
  // "US-Oregon", "France — Gravelines (Nord)": a country and a place in it, joined by a dash.
  const dashed = text.split(/\s*[—–]\s*|\s+-\s+|-/);
  if (dashed.length > 1) {
    const sub = readAlone(...dashed);
    if (sub.unknown.length === 0 && sub.countries.length > 0) {
      take(out, sub);
      return;
    }
  }
  // "UK South", "East US 2", "US-West-2", "Northern Virginia": the country or place without its compass words (a
  // compass word must go: "CA 94105" in an address is not Canada; and "Korea North" is no reading of a Korea).
  const folded = foldText(text);
  if (COMPASS_WORD.test(folded)) {
    const bare = folded.replace(COMPASS, ' ').replace(/\s+/g, ' ').trim();
    const plain = bare && bare !== 'korea' ? (readCountry(bare) ?? placeCountry(bare)) : null;
    if (plain) {
      out.countries.push(plain);
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
  for (const part of splitOutside(text, '\n;/|•·+')) {
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
