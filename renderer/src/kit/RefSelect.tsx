import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { registerByName } from '../../../shared/registers/index';
import { registerApi } from './api';

type Option = { value: number; label: string };

/**
 * Picks a record of another register (a transfer's importer) or of the same one (a vendor's parent in the
 * sub-processor chain), searching that register in the core as the user types. The record itself is never
 * offered; the core refuses loops further down.
 */
export function RefSelect({
  id,
  label,
  description,
  placeholder,
  target,
  required,
  value,
  initialLabel,
  excludeId,
  onChange,
  error,
}: {
  id: string;
  label: string;
  description?: string;
  placeholder?: string;
  target: string;
  required?: boolean;
  value: number | null;
  initialLabel: string | null;
  excludeId?: number;
  onChange: (value: number | null) => void;
  error?: string;
}) {
  const reg = registerByName(target)!;
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const [found, setFound] = useState<Option[]>([]);
  const [selectedLabel, setSelectedLabel] = useState(initialLabel);

  useEffect(() => {
    let cancelled = false;
    registerApi(reg)
      .list({ search: debounced, limit: 30, sort: reg.defaultSort })
      .then(
        (page) => {
          if (cancelled) return;
          setFound(
            page.rows.filter((r) => r.id !== excludeId).map((r) => ({ value: r.id, label: reg.titleOf(r) })),
          );
        },
        () => {},
      );
    return () => {
      cancelled = true;
    };
  }, [debounced, excludeId, reg]);

  // A value given without its name (a prefilled link, "Record a transfer"): fetch the name once.
  const known = value !== null && (selectedLabel !== null || found.some((o) => o.value === value));
  useEffect(() => {
    if (value === null || known) return;
    let cancelled = false;
    registerApi(reg)
      .get(value)
      .then(
        (d) => !cancelled && setSelectedLabel(reg.titleOf(d.record as never)),
        () => {},
      );
    return () => {
      cancelled = true;
    };
  }, [value, known, reg]);

  const data =
    value !== null && !found.some((o) => o.value === value)
      ? [{ value, label: selectedLabel ?? `${reg.noun.one} #${value}` }, ...found]
      : found;

  return (
    <Select<number>
      id={id}
      label={label}
      description={description}
      placeholder={placeholder}
      required={required}
      searchable
      clearable={!required}
      data={data}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      // The core already searched; filtering again here would hide matches on other fields.
      filter={({ options }) => options}
      onChange={(next, option) => {
        setSelectedLabel(option?.label ?? null);
        onChange(next);
      }}
      nothingFoundMessage={`No ${reg.noun.one} by that name`}
      error={error}
    />
  );
}
