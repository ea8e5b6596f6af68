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

  it('reads places inside one country as that country: cloud regions, data-centre cities, US states', () => {
    const read = (v: string) => parseCountryCell(v);
    // As published sub-processor lists write them.
    expect(read('EU (Frankfurt)')).toEqual({ countries: ['DE'], regions: [], unknown: [] });
    expect(read('EU (Amsterdam)').countries).toEqual(['NL']);
    expect(read('US-West-2 (Oregon)').countries).toEqual(['US']);
    expect(read('EU-Central-1 (Frankfurt)').countries).toEqual(['DE']);
    expect(read('AWS Region: South America (Sao Paulo)').countries).toEqual(['BR']);
    expect(read('AWS region eu-west-1')).toEqual({ countries: ['IE'], regions: [], unknown: [] });
    expect(read('ap-southeast-2, us-central1, westeurope').countries).toEqual(['AU', 'US', 'NL']);
    expect(read('Dublin, Ireland')).toEqual({ countries: ['IE'], regions: [], unknown: [] });
    expect(read('N. Virginia, USA').countries).toEqual(['US']);
    expect(read('UK South; East US 2').countries).toEqual(['GB', 'US']);
    expect(read('Hosted in Ireland').countries).toEqual(['IE']);
    // The outside still counts where it names a country, and a bracket that names no place is not read.
    expect(read('Germany (EU/EEA)')).toEqual({ countries: ['DE'], regions: [], unknown: [] });
    expect(read('USA (Americas customers only)').countries).toEqual(['US']);
    expect(read('Europe (AWS)').regions).toEqual([{ text: 'Europe', kind: 'unbounded' }]);
    // A country's name wins over a place of that name, and an address's state code is no country.
    expect(read('Georgia').countries).toEqual(['GE']);
    expect(read('San Francisco, CA 94105')).toEqual({
      countries: ['US'],
      regions: [],
      unknown: ['CA 94105'],
    });
    expect(read('Southeast Asia').regions).toEqual([{ text: 'Southeast Asia', kind: 'unbounded' }]);
  });

  it('reports a hostile cell (a long run of dashes, stars or brackets) as one unknown piece, cut short', () => {
    for (const cell of ['-'.repeat(100_000) + 'x', '*'.repeat(100_000) + 'x', '('.repeat(100_000)]) {
      const r = parseCountryCell(cell);
      expect(r.countries).toEqual([]);
      expect(r.unknown.every((u) => u.length <= 200)).toBe(true);
    }
  });

  it('reads country names in the languages of European registers, and footnote marks after them', () => {
    expect(parseCountryCell('Frankfurt, Tyskland').countries).toEqual(['DE']);
    expect(parseCountryCell('Estados Unidos, Irlanda').countries).toEqual(['US', 'IE']);
    expect(parseCountryCell('Verenigde Staten; Niemcy; Storbritannia; Stati Uniti').countries).toEqual([
      'US',
      'DE',
      'GB',
    ]);
    expect(parseCountryCell('USA¹, Ireland†, Germany*, United States.').countries).toEqual([
      'US',
      'IE',
      'DE',
    ]);
    expect(parseCountryCell('EU · Germany, Belgium').countries).toEqual(['DE', 'BE']);
    // As registers in Swedish, Italian, Spanish, Dutch, French and German write them.
    expect(parseCountryCell('Belgien och Tyskland').countries).toEqual(['BE', 'DE']);
    expect(parseCountryCell('Paesi Bassi / EAU').countries).toEqual(['NL', 'AE']);
    expect(parseCountryCell('EE. UU.').countries).toEqual(['US']);
    expect(parseCountryCell('EU/VS (SCC)')).toMatchObject({ countries: ['US'], unknown: [] });
    expect(parseCountryCell('UE (Francfort)').countries).toEqual(['DE']);
    expect(parseCountryCell('France — Gravelines (Nord)').countries).toEqual(['FR']);
    expect(parseCountryCell('US-Oregon').countries).toEqual(['US']);
    expect(parseCountryCell('Lausanne, CH')).toEqual({ countries: ['CH'], regions: [], unknown: [] });
    expect(parseCountryCell('EØS-region').regions).toEqual([{ text: 'EØS-region', kind: 'eea' }]);
    expect(parseCountryCell('Unión Europea').regions).toEqual([{ text: 'Unión Europea', kind: 'eu' }]);
    expect(parseCountryCell('Wereldwijd').regions).toEqual([{ text: 'Wereldwijd', kind: 'unbounded' }]);
    // Names with "and", "y" or a hyphen in them stay one country.
    for (const [name, code] of [
      ['Guinea-Bissau', 'GW'],
      ['Antigua y Barbuda', 'AG'],
      ['Bosnia and Herzegovina', 'BA'],
    ])
      expect(parseCountryCell(name!).countries).toEqual([code]);
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

  it('reads written months in the other languages of European registers, and days with ordinal endings', () => {
    const cases: [string, string][] = [
      ['8 luglio 2026', '2026-07-08'],
      ['21 augustus 2026', '2026-08-21'],
      ['31 de diciembre de 2024', '2024-12-31'],
      ['12 março 2024', '2024-03-12'],
      ['1 września 2025', '2025-09-01'],
      ['7. august 2026', '2026-08-07'],
      ['3 desember 2025', '2025-12-03'],
      ['December 31st, 2025', '2025-12-31'],
      ['Sept 25th, 2025', '2025-09-25'],
      ['7th April 2023', '2023-04-07'],
      ['2nd of March 2024', '2024-03-02'],
      ['1er janvier 2024', '2024-01-01'],
    ];
    for (const [text, value] of cases) expect(parseDateCell(text)).toEqual({ ok: true, value });
    expect(parseDateCell('31st February 2024').ok).toBe(false);
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
    for (const yes of ['Sí', 'Sì', 'Sim', 'Tak', 'Kyllä', '✅'])
      expect(parseBoolean(yes)).toEqual({ ok: true, value: true });
    for (const no of ['Nee', 'Nej', 'Nei', 'Não', 'Nie', 'Ei', '❌'])
      expect(parseBoolean(no)).toEqual({ ok: true, value: false });
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

  it('reads a cross as no DPA and a tick as signed: signs are not all one word', () => {
    for (const no of ['✗', '✘', '❌', '❌ Fehlend'])
      expect(ENUM_READERS.dpaStatus(no)).toEqual({ ok: true, value: 'none' });
    for (const yes of ['✓', '✔', '☑', '✅', '✅ Unterzeichnet', 'x'])
      expect(ENUM_READERS.dpaStatus(yes)).toEqual({ ok: true, value: 'signed' });
    // A dash or a stray sign says nothing: it is reported, never read as some status.
    for (const unclear of ['-', '—', '?', '•'])
      expect(ENUM_READERS.dpaStatus(unclear)).toMatchObject({ ok: false });
  });

  it('reads the words English-language supplier lists use for a DPA, a role, a status and a rating', () => {
    const cases: [keyof typeof ENUM_READERS, string, string][] = [
      ['dpaStatus', 'Countersigned', 'signed'],
      ['dpaStatus', 'Included in T&Cs', 'signed'],
      ['dpaStatus', 'Part of MSA', 'signed'],
      ['dpaStatus', 'Standard DPA (online)', 'signed'],
      ['dpaStatus', 'Click-through', 'signed'],
      ['dpaStatus', 'Sent for signature', 'draft'],
      ['dpaStatus', 'Awaiting vendor', 'requested'],
      ['dpaStatus', 'Pending review', 'draft'],
      ['dpaStatus', 'N', 'none'],
      ['dpaStatus', 'Y', 'signed'],
      ['dpaStatus', 'Pending signature', 'draft'],
      ['dpaStatus', 'Pending vendor response', 'requested'],
      ['dpaStatus', 'Not needed', 'not-required'],
      ['dpaStatus', 'Not in place', 'none'],
      ['role', 'Service provider', 'processor'],
      ['role', 'Fourth party', 'sub-processor'],
      ['status', 'Decommissioned', 'offboarded'],
      ['status', 'In procurement', 'onboarding'],
      ['riskRating', 'Red', 'high'],
      ['riskRating', 'Amber', 'medium'],
      ['riskRating', 'Green', 'low'],
    ];
    for (const [field, word, value] of cases) expect(ENUM_READERS[field](word)).toEqual({ ok: true, value });
    // Words a vendor's own status uses are not read as a DPA's.
    for (const word of ['Active', 'Current'])
      expect(ENUM_READERS.dpaStatus(word)).toMatchObject({ ok: false });
  });

  it('reads DPA statuses and roles as registers in other European languages write them', () => {
    const dpa: [string, string][] = [
      ['En cours', 'draft'],
      ['À signer', 'draft'],
      ['⏳ In Bearbeitung', 'draft'],
      ['In progress', 'draft'],
      ['Firmado', 'signed'],
      ['Firmato', 'signed'],
      ['Getekend', 'signed'],
      ['Signert', 'signed'],
      ['Undertecknat', 'signed'],
      ['Pendiente', 'requested'],
      ['Scaduto', 'expired'],
      ['n.v.t.', 'not-required'],
      ['Nie dotyczy', 'not-required'],
    ];
    for (const [word, value] of dpa) expect(ENUM_READERS.dpaStatus(word)).toEqual({ ok: true, value });
    const roles: [string, string][] = [
      ['Encargado del tratamiento', 'processor'],
      ['Responsabile del trattamento', 'processor'],
      ['Sub-responsabile', 'sub-processor'],
      ['Subencargado', 'sub-processor'],
      ['Underdatabehandler', 'sub-processor'],
      ['Underbiträde', 'sub-processor'],
      ['Titolare autonomo', 'independent-controller'],
      ['Verwerkingsverantwoordelijke', 'independent-controller'],
      ['Contitolare', 'joint-controller'],
    ];
    for (const [word, value] of roles) expect(ENUM_READERS.role(word)).toEqual({ ok: true, value });
  });
});

describe('transfer mechanisms as registers in other European languages name them', () => {
  const spec = importProfile(registerByName('transfers')!).byName.get('mechanism')!;
  const read = (text: string) => spec.read?.(text) ?? spec.enumRead!(text);

  it('reads the clauses, adequacy, BCRs and derogations', () => {
    for (const [text, value] of [
      ['Standardavtalsklausuler', 'scc-2021'],
      ['Clausole Contrattuali Standard', 'scc-2021'],
      ['Cláusulas contractuales tipo', 'scc-2021'],
      ['Standardkontraktsbestemmelser', 'scc-2021'],
      ['Adequaatheidsbesluit', 'adequacy'],
      ['Decisione di adeguatezza', 'adequacy'],
      ['Normas corporativas vinculantes', 'bcr'],
      ['Excepción', 'derogation'],
    ] as const)
      expect(read(text)).toMatchObject({ ok: true, value });
    expect(read('Standaardcontractbepalingen (module 2)')).toMatchObject({
      ok: true,
      value: 'scc-2021',
      also: { sccModule: 2 },
    });
  });

  it('reads "UK SCCs" as the UK Addendum and says so; the old clauses and the IDTA named are kept', () => {
    expect(read('UK SCCs')).toMatchObject({ ok: true, value: 'uk-addendum' });
    expect((read('UK SCCs') as { warning?: string }).warning).toContain('read as the UK Addendum');
    expect(read('UK SCCs (Module 2)')).toMatchObject({ value: 'uk-addendum', also: { sccModule: 2 } });
    expect(read('EU SCCs + UK Addendum')).toMatchObject({ value: 'uk-addendum' });
    expect(read('UK SCCs (2010)')).toMatchObject({ value: 'scc-2010' });
    expect(read('EU SCCs (2021) / UK IDTA')).toMatchObject({ value: 'scc-2021' });
    expect((read('SCC (EU) / IDTA (UK)') as { warning?: string }).warning).toContain(
      'names the EU SCCs and the UK IDTA',
    );
    expect(read('UK SCCs (IDTA)')).toMatchObject({ value: 'idta' });
    expect(read('SCCs (UK)')).toMatchObject({ value: 'uk-addendum' });
    // "UK" naming a party, not the clauses.
    expect(read('SCCs – Acme UK Ltd')).toMatchObject({ value: 'scc-2021' });
    expect(read('SCCs (UK entity)')).toMatchObject({ value: 'scc-2021' });
  });

  it('records no mechanism for Privacy Shield, invalidated in 2020, and says so; the DPF beside it is read', () => {
    expect(read('EU-US Privacy Shield')).toMatchObject({
      ok: true,
      value: 'none',
      warning: expect.stringMatching(/invalidated .* 16 July 2020 \(C-311\/18/),
    });
    expect(read('EU-US Data Privacy Framework (formerly Privacy Shield)')).toMatchObject({
      ok: true,
      value: 'dpf',
    });
  });
});
