import type { ComboboxItem, ComboboxParsedItem } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { countryOptions } from '../../../shared/countries';
import { countryFilter } from '../../../renderer/src/components/CountryPicker';

const options: ComboboxParsedItem[] = countryOptions().map(({ code, name }) => ({
  value: code,
  label: `${name} (${code})`,
}));
const top = (search: string, n = 3) =>
  (countryFilter({ options, search, limit: 10 }) as ComboboxItem[]).slice(0, n).map((o) => o.value);

describe('the country picker’s ranking', () => {
  it('puts the United States first for "United St", before the Minor Outlying Islands', () => {
    expect(top('United St', 2)).toEqual(['US', 'UM']);
  });

  it('puts the country an alias or code names first', () => {
    expect(top('USA', 1)).toEqual(['US']);
    expect(top('UK', 1)).toEqual(['GB']);
    expect(top('Deutschland', 1)).toEqual(['DE']);
    expect(top('in', 1)).toEqual(['IN']);
    expect(top('de', 1)).toEqual(['DE']);
  });

  it('ranks a name that starts with the words before one that only contains them', () => {
    expect(top('ire', 1)).toEqual(['IE']);
    expect(top('united', 3)).toEqual(expect.arrayContaining(['US', 'GB']));
    expect(top('kingdom', 1)).toEqual(['GB']);
  });
});
