import { describe, expect, it } from 'vitest';
import { parseCountryCell, regionCountries } from '../../../shared/import/countries-cell';
import { judgeDateOrder, parseDateCell, tallyDateOrder } from '../../../shared/import/dates';
import { cleanText, splitList, stripHtml } from '../../../shared/import/text';
import { parseBoolean, parseInteger } from '../../../shared/import/values';
import { importProfile } from '../../../shared/import/profile';
import { registerByName } from '../../../shared/registers/index';

// Each enum field's reader, as the vendor register's import profile builds it from the declaration.
const ENUM_READERS = Object.fromEntries(
  importProfile(registerByName('vendors')!).fields.flatMap((f) => (f.enumRead ? [[f.name, f.enumRead]] : [])),
) as Record<
  'role' | 'dpaStatus' | 'riskRating' | 'status',
  NonNullable<ReturnType<typeof importProfile>['fields'][number]['enumRead']>
>;

describe('text cleaning', () => {
  it('strips HTML fragments and decodes entities, keeping what is not markup', () => {
    expect(stripHtml('<p>Hosting<br/>Backups</p>')).toBe('\nHosting\nBackups\n');
    expect(cleanText('<li>Support&amp;Co&nbsp;Ltd</li>', true)).toBe('Support&Co Ltd');
    expect(cleanText('a < b and c > d')).toBe('a < b and c > d');
    expect(cleanText('&#8217;&#x2019;')).toBe('’’');
  });

  it('cleans tabs, non-breaking and zero-width spaces and blank lines', () => {
    expect(cleanText('  E-mail\t\tdelivery\u00a0 \u200b ')).toBe('E-mail delivery');
    expect(cleanText('one\r\n\r\n  two  \n')).toBe('one\ntwo');
    expect(cleanText('one\ntwo', true)).toBe('one two');
  });

  it('splits lists on lines, semicolons, bullets and (optionally) commas, not inside brackets', () => {
    expect(splitList('Name, e-mail; IP address\n• Device ID')).toEqual([
      'Name',
      'e-mail',
      'IP address',
      'Device ID',
    ]);
    expect(splitList('Cloud (AWS, Azure), CDN')).toEqual(['Cloud (AWS, Azure)', 'CDN']);
    expect(splitList('Hosting, incl. backups', false)).toEqual(['Hosting, incl. backups']);
  });
});

describe('countries in a cell', () => {
  it('reads several countries, abbreviations and names in three languages', () => {
    expect(parseCountryCell('United States, Germany, Iceland').countries).toEqual(['US', 'DE', 'IS']);
    expect(parseCountryCell('U.S.').countries).toEqual(['US']);
    expect(parseCountryCell('USA; UK').countries).toEqual(['US', 'GB']);
    expect(parseCountryCell('Allemagne / Royaume-Uni').countries).toEqual(['DE', 'GB']);
    expect(parseCountryCell('Deutschland und Österreich').countries).toEqual(['DE', 'AT']);
    expect(parseCountryCell('USA and Canada').countries).toEqual(['US', 'CA']);
    expect(parseCountryCell('United States (Virginia, Oregon)').countries).toEqual(['US']);
  });

  it('keeps country names that contain "and" or a comma whole', () => {
    expect(parseCountryCell('Bosnia and Herzegovina').countries).toEqual(['BA']);
    expect(parseCountryCell('Korea, Republic of, Japan').countries).toEqual(['KR', 'JP']);
  });

  it('classifies region words instead of guessing countries', () => {
    const eu = parseCountryCell('US/EU');
    expect(eu.countries).toEqual(['US']);
    expect(eu.regions).toEqual([{ text: 'EU', kind: 'eu' }]);
    expect(parseCountryCell('EEA').regions[0]?.kind).toBe('eea');
    expect(parseCountryCell('Worldwide').regions[0]?.kind).toBe('unbounded');
    expect(parseCountryCell('Global').regions[0]?.kind).toBe('unbounded');
    expect(parseCountryCell('Europe').regions[0]?.kind).toBe('unbounded');
  });

  it('reports what is not a country', () => {
    expect(parseCountryCell('Germany, Narnia').unknown).toEqual(['Narnia']);
  });

  it('expands EU and EEA by the stated rule, and never the unbounded regions', () => {
    expect(regionCountries('eu')).toHaveLength(27);
    expect(regionCountries('eea')).toEqual(expect.arrayContaining(['IS', 'LI', 'NO', 'DE']));
    expect(regionCountries('eea')).toHaveLength(30);
    expect(regionCountries('unbounded')).toBeNull();
  });
});

describe('dates', () => {
  it('reads Excel serials, date cells, ISO and dotted day-first dates', () => {
    expect(parseDateCell(45292)).toEqual({ ok: true, value: '2024-01-01' });
    expect(parseDateCell('45292')).toEqual({ ok: true, value: '2024-01-01' });
    expect(parseDateCell(new Date(Date.UTC(2024, 4, 3)))).toEqual({ ok: true, value: '2024-05-03' });
    expect(parseDateCell('2024-05-03')).toEqual({ ok: true, value: '2024-05-03' });
    expect(parseDateCell('2024-05-03T10:00:00Z')).toEqual({ ok: true, value: '2024-05-03' });
    expect(parseDateCell('03.05.2024')).toEqual({ ok: true, value: '2024-05-03' });
  });

  it('reads written months in English, French and German', () => {
    expect(parseDateCell('15 March 2024')).toEqual({ ok: true, value: '2024-03-15' });
    expect(parseDateCell('March 15, 2024')).toEqual({ ok: true, value: '2024-03-15' });
    expect(parseDateCell('15 mars 2024')).toEqual({ ok: true, value: '2024-03-15' });
    expect(parseDateCell('15. März 2024')).toEqual({ ok: true, value: '2024-03-15' });
  });

  it('settles day or month first by a value above 12, else by the order chosen, else asks', () => {
    expect(parseDateCell('25/04/2024')).toEqual({ ok: true, value: '2024-04-25' });
    expect(parseDateCell('04/25/2024')).toEqual({ ok: true, value: '2024-04-25' });
    const ambiguous = parseDateCell('03/04/2024');
    expect(ambiguous.ok).toBe(false);
    expect(ambiguous).toMatchObject({ ambiguous: true });
    expect(parseDateCell('03/04/2024', 'dmy')).toEqual({ ok: true, value: '2024-04-03' });
    expect(parseDateCell('03/04/2024', 'mdy')).toEqual({ ok: true, value: '2024-03-04' });
    expect(parseDateCell('25/04/2024', 'mdy')).toMatchObject({ ok: false, ambiguous: false });
  });

  it('refuses dates that do not exist and values that are not dates', () => {
    expect(parseDateCell('2024-02-30').ok).toBe(false);
    expect(parseDateCell('31/02/2024', 'dmy').ok).toBe(false);
    expect(parseDateCell('soon').ok).toBe(false);
    expect(parseDateCell(12).ok).toBe(false);
  });

  it('judges a whole column', () => {
    const t = { dayFirst: 0, monthFirst: 0, ambiguous: 0 };
    for (const v of ['03/04/2024', '05/06/2024']) tallyDateOrder(t, v);
    expect(judgeDateOrder(t)).toBe('ambiguous');
    tallyDateOrder(t, '25/04/2024');
    expect(judgeDateOrder(t)).toBe('dmy');
    tallyDateOrder(t, '04/25/2024');
    expect(judgeDateOrder(t)).toBe('mixed');
    expect(judgeDateOrder({ dayFirst: 0, monthFirst: 0, ambiguous: 0 })).toBeNull();
  });
});

describe('yes/no, numbers and enums', () => {
  it('reads yes and no in several languages, ticks and crosses', () => {
    for (const yes of ['Yes', 'oui', 'Ja', 'TRUE', 'x', '✓', '✔', '☑', 1, true])
      expect(parseBoolean(yes)).toEqual({ ok: true, value: true });
    for (const no of ['No', 'non', 'Nein', 'false', '✗', '☐', 0, false])
      expect(parseBoolean(no)).toEqual({ ok: true, value: false });
    expect(parseBoolean('maybe').ok).toBe(false);
  });

  it('reads whole numbers with their unit', () => {
    expect(parseInteger('30 days', 'days')).toEqual({ ok: true, value: 30 });
    expect(parseInteger('72h', 'hours')).toEqual({ ok: true, value: 72 });
    expect(parseInteger('2 Tage', 'hours')).toEqual({ ok: true, value: 48 });
    expect(parseInteger('without undue delay', 'hours').ok).toBe(false);
    expect(parseInteger(2.5, 'days').ok).toBe(false);
  });

  it('reads enum words in English, French and German', () => {
    expect(ENUM_READERS.role('Sub-processor')).toEqual({ ok: true, value: 'sub-processor' });
    expect(ENUM_READERS.role('Unterauftragsverarbeiter')).toEqual({ ok: true, value: 'sub-processor' });
    expect(ENUM_READERS.dpaStatus('Signé')).toEqual({ ok: true, value: 'signed' });
    expect(ENUM_READERS.dpaStatus('n/a')).toEqual({ ok: true, value: 'not-required' });
    expect(ENUM_READERS.riskRating('Élevé')).toEqual({ ok: true, value: 'high' });
    expect(ENUM_READERS.status('Beendet')).toEqual({ ok: true, value: 'offboarded' });
    expect(ENUM_READERS.riskRating('spicy')).toMatchObject({ ok: false });
  });
});
