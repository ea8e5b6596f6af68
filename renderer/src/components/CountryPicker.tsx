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

/**
 * Finds a country by its code ("DE"), any part of its name ("germ"), or the way people write it ("USA", "UK",
 * "Deutschland"); an exact code or alias match comes first.
 */
export const countryFilter: OptionsFilter = ({ options, search, limit }) => {
  const query = search.trim().toLowerCase();
  const items = options as ComboboxItem[];
  if (!query) return items.slice(0, limit);
  const exact = parseCountry(search);
  const matches = items.filter(
    (item) =>
      item.value === exact || item.label.toLowerCase().includes(query) || item.value.toLowerCase() === query,
  );
  matches.sort((a, b) => Number(b.value === exact) - Number(a.value === exact));
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
