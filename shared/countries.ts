import countries from 'i18n-iso-countries';
import da from 'i18n-iso-countries/langs/da.json';
import de from 'i18n-iso-countries/langs/de.json';
import en from 'i18n-iso-countries/langs/en.json';
import es from 'i18n-iso-countries/langs/es.json';
import fi from 'i18n-iso-countries/langs/fi.json';
import fr from 'i18n-iso-countries/langs/fr.json';
import it from 'i18n-iso-countries/langs/it.json';
import nb from 'i18n-iso-countries/langs/nb.json';
import nl from 'i18n-iso-countries/langs/nl.json';
import pl from 'i18n-iso-countries/langs/pl.json';
import pt from 'i18n-iso-countries/langs/pt.json';
import sv from 'i18n-iso-countries/langs/sv.json';

/**
 * The languages country names are read in: English, French and German first, then the other languages of the
 * registers European DPOs keep and receive ("Tyskland", "Estados Unidos", "Verenigde Staten", "Niemcy").
 */
const LOCALES = [en, fr, de, es, it, nl, pt, pl, sv, da, nb, fi];
for (const locale of LOCALES) countries.registerLocale(locale);
const LANGUAGES = LOCALES.map((l) => l.locale);

let names: Map<string, string> | null = null;
/**
 * Every country name of every language above, cleaned as an input is, to its code: one look-up instead of a scan of each
 * language's names (a cell that names no country would otherwise cost a scan per language). Where two languages
 * give one name to different countries, the earlier language wins. Made on first use.
 */
function byName(): Map<string, string> {
  if (names) return names;
  names = new Map();
  for (const lang of LANGUAGES) {
    for (const [code, list] of Object.entries(countries.getNames(lang, { select: 'all' }))) {
      for (const name of list) {
        const key = clean(name);
        if (!names.has(key)) names.set(key, code);
      }
    }
  }
  return names;
}

/**
 * Common forms that the ISO names do not cover. "EL" is the EU style guide's code for Greece
 * (legal-reference §5.2 [R]: map both EL and GR).
 */
const ALIASES: Record<string, string> = {
  usa: 'US',
  us: 'US',
  'u.s.': 'US',
  'u.s.a.': 'US',
  'u.s': 'US',
  'united states of america': 'US',
  america: 'US',
  'etats-unis': 'US',
  'états-unis': 'US',
  uk: 'GB',
  'u.k.': 'GB',
  'great britain': 'GB',
  britain: 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  'royaume-uni': 'GB',
  'vereinigtes königreich': 'GB',
  el: 'GR',
  holland: 'NL',
  'the netherlands': 'NL',
  'south korea': 'KR',
  korea: 'KR',
  'republic of korea': 'KR',
  russia: 'RU',
  'czech republic': 'CZ',
  schweiz: 'CH',
  suisse: 'CH',
  deutschland: 'DE',
  uae: 'AE',
};

function clean(input: string): string {
  return input.normalize('NFC').replace(/\s+/g, ' ').trim().replace(/^the /i, '').toLowerCase();
}

/** True when `code` is an assigned ISO 3166-1 alpha-2 code. */
export function isCountryCode(code: string): boolean {
  return countries.isValid(code) && code.length === 2 && code === code.toUpperCase();
}

/**
 * Reads one country as a user or a spreadsheet writes it ("USA", "U.S.", "UK", "Germany", "Allemagne", "DEU", "de")
 * and returns its ISO 3166-1 alpha-2 code, or null when it is not a country.
 */
export function parseCountry(input: string): string | null {
  const raw = clean(input);
  if (!raw) return null;
  const alias = ALIASES[raw];
  if (alias) return alias;
  if (/^[a-z]{2}$/.test(raw)) return countries.isValid(raw.toUpperCase()) ? raw.toUpperCase() : null;
  if (/^[a-z]{3}$/.test(raw)) {
    const a2 = countries.alpha3ToAlpha2(raw.toUpperCase());
    if (a2) return a2;
  }
  return byName().get(raw) ?? null;
}

/** The English name of a country code, e.g. `US` → "United States of America"; the code itself when unknown. */
export function countryName(code: string): string {
  return countries.getName(code, 'en', { select: 'official' }) ?? code;
}

/** Every country as `{code, name}`, sorted by name, for pickers. */
export function countryOptions(): { code: string; name: string }[] {
  const names = countries.getNames('en', { select: 'official' });
  return Object.entries(names)
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Every assigned ISO 3166-1 alpha-2 code. */
export function countryCodes(): string[] {
  return Object.keys(countries.getAlpha2Codes());
}
