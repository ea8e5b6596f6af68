import { describe, expect, it } from 'vitest';
import { headerCandidates, suggestMapping } from '../../../shared/import/header-match';
import { importProfile } from '../../../shared/import/profile';
import { registerByName } from '../../../shared/registers/index';

const profile = importProfile(registerByName('vendors')!);
const top = (h: string) => headerCandidates(profile, h)[0]?.field ?? null;

describe('the vendor import’s vocabulary, on headers found in real files', () => {
  it.each([
    // A German AVV list saved by LibreOffice, a French DPA register, security-questionnaire and OneTrust exports.
    ['AVV abgeschlossen am', 'dpaSignedAt'],
    ['Statut DPA', 'dpaStatus'],
    ['Data Shared with Subprocessor', 'dataCategories'],
    ['Data Elements', 'dataCategories'],
    ['Service Type', 'services'],
    ['Third Party', 'name'],
    ['Name of Subprocessor', 'name'],
    ['Entity Name', 'name'],
    ['Purpose/Services', 'services'],
    ['Location(s)', 'processingCountries'],
    ['Corporate Location', 'headquartersCountry'],
    // GitLab's published list: the entity's country beside its processing locations.
    ['Entity Country', 'headquartersCountry'],
    ['Country of establishment', 'headquartersCountry'],
    // A vendor-management export: the contract's end is the service contract's, the DPA's end is the DPA's.
    ['Contract Expiration Date', 'contractEndsOn'],
    ['Contract end date', 'contractEndsOn'],
    ['Vertragsende', 'contractEndsOn'],
    ['Fin du contrat', 'contractEndsOn'],
    ['DPA expiry date', 'dpaExpiresAt'],
    ['AVV gültig bis', 'dpaExpiresAt'],
    ['Inherent Risk Level', 'riskRating'],
    ['Risk tier', 'riskRating'],
  ])('reads "%s" as %s', (header, field) => {
    expect(top(header)).toBe(field);
  });

  it.each([
    // Sub-processor lists and processor registers in Spanish, Italian, Dutch, Swedish, Norwegian, Danish,
    // Portuguese, Polish and German, as published.
    ['Proveedor', 'name'],
    ['Subencargado', 'name'],
    ['Nombre de la Entidad', 'name'],
    ['Fornitore', 'name'],
    ['Sub-responsabile', 'name'],
    ['Subverwerker', 'name'],
    ['Underbiträde', 'name'],
    ['Underdatabehandler', 'name'],
    ['Leverandør', 'name'],
    ['Fornecedor', 'name'],
    ['Podwykonawca', 'name'],
    ['Subunternehmer', 'name'],
    ['Sous-traitant ultérieur', 'name'],
    ['Name des Unterauftragsverarbeiters', 'name'],
    ['NAVN', 'name'],
    ['Nombre', 'name'],
    ['Empresa', 'name'],
    ['Finalidad', 'services'],
    ['Servicio prestado', 'services'],
    ['Finalità', 'services'],
    ['Servizi Forniti', 'services'],
    ['Doel', 'services'],
    ['Aard van de verwerking', 'services'],
    ['Tjänst', 'services'],
    ['Formål', 'services'],
    ['Beskrivelse af behandling', 'services'],
    ['Finalidade', 'services'],
    ['Zakres przetwarzania', 'services'],
    ['Leistung/Zweck', 'services'],
    ['Categoría de datos', 'dataCategories'],
    ['Categorie di Dati', 'dataCategories'],
    ['Categorieën gegevens', 'dataCategories'],
    ['Uppgifter som behandlas', 'dataCategories'],
    ['Behandlede Data', 'dataCategories'],
    ['Verarbeitete Daten', 'dataCategories'],
    ['Kategorier av registrerte', 'dataSubjectCategories'],
    ['Categorieën betrokkenen', 'dataSubjectCategories'],
    ['Ubicación', 'processingCountries'],
    ['Localizzazione', 'processingCountries'],
    ['Sede del trattamento', 'processingCountries'],
    ['Locatie', 'processingCountries'],
    ['Land van verwerking (residency)', 'processingCountries'],
    ['Plats för behandling', 'processingCountries'],
    ['Lokasjon', 'processingCountries'],
    ['Datalokation', 'processingCountries'],
    ['Behandlingsregion', 'processingCountries'],
    ['Localização do tratamento', 'processingCountries'],
    ['Verarbeitungsstandort(e)', 'processingCountries'],
    ['Vestiging (land)', 'headquartersCountry'],
    ['Selskabsdomicil', 'headquartersCountry'],
    ['Siedziba', 'headquartersCountry'],
    ['País de origem', 'headquartersCountry'],
    ['DPA firmado', 'dpaStatus'],
    ['DPA Firmato', 'dpaStatus'],
    ['Verwerkersovereenkomst getekend', 'dpaStatus'],
    ['Avtale på plass', 'dpaStatus'],
    ['Umowa powierzenia (DPA)', 'dpaStatus'],
    ['AVV vorhanden?', 'dpaStatus'],
    ['AVV-Datum', 'dpaSignedAt'],
    ['DPA Signed Date', 'dpaSignedAt'],
    ['Scadenza DPA', 'dpaExpiresAt'],
    ['Certificazioni', 'certifications'],
  ])('reads "%s" as %s', (header, field) => {
    expect(top(header)).toBe(field);
  });

  it('takes "Third Party" as the vendor beside a business unit’s "Organization"', () => {
    const s = suggestMapping(profile, [
      { column: 1, header: 'Organization', samples: ['Finance', 'Marketing', 'IT'] },
      { column: 2, header: 'Third Party', samples: ['Acme Cloud Ltd', 'Beta GmbH', 'Gamma AS'] },
    ]);
    expect(s.map((x) => x.field)).toEqual([null, 'name']);
  });
});

describe('a column of yes and no', () => {
  it('never fills a list field, even under its exact header ("Personal data processed?" answered Yes)', () => {
    const s = suggestMapping(profile, [
      { column: 1, header: 'Supplier', samples: ['Acme', 'Beta', 'Gamma'] },
      { column: 2, header: 'Personal data processed?', samples: ['Yes', 'Yes', 'No'] },
      {
        column: 3,
        header: 'Personal data processed',
        samples: ['Name, email', 'Payroll data', 'IP address'],
      },
    ]);
    expect(s.map((x) => x.field)).toEqual(['name', null, 'dataCategories']);
  });

  it('leaves yes and no out when values prove a field, and keeps a list of mostly "None"', () => {
    const fields = (header: string, samples: string[]) =>
      suggestMapping(profile, [
        { column: 1, header: 'Vendor', samples: ['Acme', 'Beta', 'Gamma'] },
        { column: 2, header, samples },
      ])[1]!.field;
    expect(fields('Status', ['Signed', 'In place', 'Not in place', 'Signed', 'Yes'])).toBe('dpaStatus');
    // "NO" is Norway here, not a no.
    expect(fields('Where is data hosted?', ['NO', 'SE', 'DK', 'FI'])).toBe('processingCountries');
    expect(
      fields('Personal data shared', ['Contact details', 'None', 'None', 'None', 'Name, email', 'None']),
    ).toBe('dataCategories');
  });
});

describe('two columns headed as the name', () => {
  it('takes the second as the legal entity when it holds company names ("Subencargado" and "Empresa")', () => {
    const fields = (headers: [string, string], second: string[]) =>
      suggestMapping(profile, [
        { column: 1, header: headers[0], samples: ['Zendesk', 'AWS', 'Stripe'] },
        { column: 2, header: headers[1], samples: second },
      ]).map((x) => x.field);
    const entities = ['Zendesk, Inc.', 'Amazon Web Services EMEA SARL', 'Stripe Payments Europe Ltd'];
    expect(fields(['Subencargado', 'Empresa'], entities)).toEqual(['name', 'legalEntity']);
    expect(fields(['Sub-processor', 'Company'], entities)).toEqual(['name', 'legalEntity']);
    // A copy of the names, or names without a legal form, are not an entity.
    expect(fields(['Sub-processor', 'Company'], ['Zendesk', 'AWS', 'Stripe'])[1]).toBeNull();
  });
});

describe('a header two fields share, settled by its values', () => {
  it('takes "Rolle", "Role" or "Type" as the role only when it holds roles ("Rolle" else as the services)', () => {
    const field = (header: string, samples: string[]) =>
      suggestMapping(profile, [
        { column: 1, header: 'Vendor', samples: ['Acme', 'Beta', 'Gamma'] },
        { column: 2, header, samples },
      ])[1]!.field;
    expect(field('Rolle', ['Hosting', 'E-Mail-Versand', 'Lohnabrechnung'])).toBe('services');
    expect(field('Rolle', ['Auftragsverarbeiter', 'Unterauftragsverarbeiter', 'Auftragsverarbeiter'])).toBe(
      'role',
    );
    expect(field('Role', ['Processor', 'Sub-processor', 'Independent controller'])).toBe('role');
    expect(field('Type', ['Processor', 'Sub-processor', 'Processor'])).toBe('role');
    expect(field('Type', ['SaaS', 'Hosting', 'Payroll'])).toBeNull();
  });

  it('takes "DPA signé le" holding dates as the signing date', () => {
    const s = suggestMapping(profile, [
      { column: 1, header: 'Sous-traitant', samples: ['OVH SAS', 'Brevo', 'Scaleway'] },
      { column: 2, header: 'DPA signé le', samples: ['12/03/2023', '2022-09-01', '25/05/2018'] },
    ]);
    expect(s[1]!.field).toBe('dpaSignedAt');
  });
});

describe('a plain "Country" beside a column of processing locations', () => {
  it('is where the company is, in English, French and German', () => {
    for (const [country, location] of [
      ['Country', 'Location of Processing'],
      ['Pays', 'Localisation des données'],
      ['Land', 'Ort der Verarbeitung'],
    ] as const) {
      const s = suggestMapping(profile, [
        { column: 1, header: 'Vendor', samples: ['Acme', 'Beta', 'Gamma'] },
        { column: 2, header: country, samples: ['France', 'Ireland', 'Germany'] },
        { column: 3, header: location, samples: ['France, Germany', 'United States', 'EU'] },
      ]);
      expect(s.map((x) => x.field)).toEqual(['name', 'headquartersCountry', 'processingCountries']);
    }
  });

  it('stays the processing countries alone, or when the headquarters has its own column, or holds lists', () => {
    const alone = suggestMapping(profile, [
      { column: 1, header: 'Vendor', samples: ['Acme', 'Beta', 'Gamma'] },
      { column: 2, header: 'Country', samples: ['France', 'Ireland', 'Germany'] },
    ]);
    expect(alone[1]!.field).toBe('processingCountries');
    const hq = suggestMapping(profile, [
      { column: 1, header: 'Vendor', samples: ['Acme', 'Beta', 'Gamma'] },
      { column: 2, header: 'Headquarters', samples: ['France', 'Ireland', 'Germany'] },
      { column: 3, header: 'Country', samples: ['France', 'Ireland', 'Germany'] },
      { column: 4, header: 'Processing location', samples: ['France', 'Ireland', 'Germany'] },
    ]);
    expect(hq.map((x) => x.field)).toEqual([
      'name',
      'headquartersCountry',
      'processingCountries',
      'processingCountries',
    ]);
    const lists = suggestMapping(profile, [
      { column: 1, header: 'Vendor', samples: ['Acme', 'Beta', 'Gamma'] },
      { column: 2, header: 'Country', samples: ['France, Germany', 'Ireland; Spain', 'US/EU'] },
      { column: 3, header: 'Processing location', samples: ['France', 'Ireland', 'Germany'] },
    ]);
    expect(lists[1]!.field).toBe('processingCountries');
  });
});

describe('the values overrule a header they contradict', () => {
  it('maps a "Status" column full of DPA statuses to the DPA status', () => {
    const s = suggestMapping(profile, [
      { column: 1, header: 'Vendor', samples: ['Acme', 'Beta', 'Gamma'] },
      { column: 2, header: 'Status', samples: ['Signed', 'Not signed', 'Signed', 'Expired', 'Signed'] },
    ]);
    expect(s[1]!.field).toBe('dpaStatus');
  });

  it('maps a question whose answers are countries to the processing countries, not the data categories', () => {
    const s = suggestMapping(profile, [
      { column: 1, header: 'Vendor', samples: ['Acme', 'Beta', 'Gamma'] },
      {
        column: 2,
        header: 'In which countries will personal data be stored or accessed?',
        samples: ['United States', 'Germany, Ireland', 'India', 'USA'],
      },
    ]);
    expect(s[1]!.field).toBe('processingCountries');
  });

  it('keeps a header whose values agree with it', () => {
    const s = suggestMapping(profile, [
      { column: 1, header: 'Vendor', samples: ['Acme', 'Beta', 'Gamma'] },
      { column: 2, header: 'Headquarters', samples: ['United States', 'Germany', 'India'] },
      { column: 3, header: 'Personal data', samples: ['Name, email', 'IP address', 'Payment details'] },
    ]);
    expect(s.map((x) => x.field)).toEqual(['name', 'headquartersCountry', 'dataCategories']);
  });
});

describe('the transfer import’s vocabulary in the other languages of European registers', () => {
  const transfers = importProfile(registerByName('transfers')!);
  it.each([
    ['Mecanismo de transferencia', 'mechanism'],
    ['Garanzia per il trasferimento', 'mechanism'],
    ['Doorgiftegrondslag (indien buiten EER)', 'mechanism'],
    ['Överföringsmekanism', 'mechanism'],
    ['Overførselsgrundlag', 'mechanism'],
    ['Base de transferência (se país terceiro)', 'mechanism'],
    ['Übermittlungsgrundlage bei Drittland', 'mechanism'],
    ['Proveedor', 'importer'],
    ['Underdatabehandler', 'importer'],
    ['País de destino', 'destinationCountry'],
    ['Tredjeland', 'destinationCountry'],
  ])('reads "%s" as %s', (header, field) => {
    expect(headerCandidates(transfers, header)[0]?.field).toBe(field);
  });
});
