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
