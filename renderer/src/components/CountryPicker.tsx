import type {
  ComboboxItem,
  ComboboxParsedItem,
  MultiSelectProps,
  OptionsFilter,
  SelectProps,
} from '@mantine/core';
import { MultiSelect, Select } from '@mantine/core';
import { memo } from 'react';
import { countryOptions, parseCountry } from '../../../shared/countries';

const countryData: ComboboxItem[] = countryOptions().map(({ code, name }) => ({
  value: code,
  label: `${name} (${code})`,
}));

/** Countries a DPO's vendor lists name most (where data centres and support teams are): ranked first. */
const COMMON = new Set([
  'US',
  'GB',
  'DE',
  'FR',
  'IE',
  'NL',
  'IN',
  'CN',
  'JP',
  'CA',
  'AU',
  'SG',
  'BR',
  'CH',
  'SE',
  'ES',
  'IT',
  'BE',
  'PL',
  'DK',
  'FI',
  'NO',
  'AT',
  'IL',
  'KR',
  'PH',
  'MX',
  'ZA',
  'AE',
  'HK',
  'NZ',
  'PT',
  'CZ',
  'RO',
  'UA',
]);

/**
 * Finds a country by its code ("DE"), its name or the start of it ("united st"), a word of it ("kingdom"), or the
 * way people write it ("USA", "UK", "Deutschland"). Ranked: the country the words name exactly, then names that
 * start with them, then names with a word that does, then any other match; within each, the countries vendor
 * lists name most come first, then the shorter name ("United States of America" before "United States Minor
 * Outlying Islands").
 */
export const countryFilter: OptionsFilter = ({ options, search, limit }) => {
  const query = search.trim().toLowerCase();
  const items = options as ComboboxItem[];
  if (!query) return items.slice(0, limit);
  const exact = parseCountry(search);
  const rank = (item: ComboboxItem): number => {
    const label = item.label.toLowerCase();
    if (item.value === exact || item.value.toLowerCase() === query) return 0;
    if (label.startsWith(query)) return 1;
    if (label.split(/[\s(),.-]+/).some((w) => w.startsWith(query))) return 2;
    return label.includes(query) ? 3 : -1;
  };
  const matches = items
    .map((item) => ({ item, rank: rank(item) }))
    .filter((m) => m.rank >= 0)
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        Number(COMMON.has(b.item.value)) - Number(COMMON.has(a.item.value)) ||
        a.item.label.length - b.item.label.length ||
        a.item.label.localeCompare(b.item.label),
    )
    .map((m) => m.item);
  return matches.slice(0, limit) as ComboboxParsedItem[];
};

/**
 * What both country pickers share. Some 250 options stay out of the page until the list opens (each picker
 * sets `keepMounted: false`; Mantine keeps them mounted by default).
 */
const countryPickerProps = {
  data: countryData,
  filter: countryFilter,
  searchable: true,
  clearable: true,
  nothingFoundMessage: 'No country by that name or code',
  maxDropdownHeight: 260,
};

type CountryMultiSelectProps = Omit<MultiSelectProps, 'data' | 'filter' | 'searchable'>;

/**
 * Several countries, searchable by name or code; shows "Name (CODE)" pills. Memoized: with some 250 options
 * it should re-render only when its own value changes, not on every keystroke elsewhere in a form.
 */
export const CountryMultiSelect = memo(function CountryMultiSelect(props: CountryMultiSelectProps) {
  return (
    <MultiSelect
      {...countryPickerProps}
      {...props}
      comboboxProps={{ keepMounted: false, ...props.comboboxProps }}
    />
  );
});

type CountrySelectProps = Omit<SelectProps, 'data' | 'filter' | 'searchable'>;

/** One country, searchable by name or code; memoized like CountryMultiSelect. */
export const CountrySelect = memo(function CountrySelect(props: CountrySelectProps) {
  return (
    <Select
      {...countryPickerProps}
      {...props}
      comboboxProps={{ keepMounted: false, ...props.comboboxProps }}
    />
  );
});
