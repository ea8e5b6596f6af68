import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { invoke } from '../api/client';

type Option = { value: number; label: string };

/**
 * Picks the vendor that engaged this one (the parent in the sub-processor chain), searching the register in
 * the core as the user types. The vendor itself is never offered; the core refuses loops further down.
 */
export function ParentVendorSelect({
  value,
  initialLabel,
  excludeId,
  onChange,
  error,
}: {
  value: number | null;
  initialLabel: string | null;
  excludeId?: number;
  onChange: (value: number | null) => void;
  error?: string;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const [found, setFound] = useState<Option[]>([]);
  const [selectedLabel, setSelectedLabel] = useState(initialLabel);

  useEffect(() => {
    let cancelled = false;
    invoke('vendors:list', { search: debounced, limit: 30, sort: { key: 'name', direction: 'asc' } }).then(
      (page) => {
        if (cancelled) return;
        setFound(page.rows.filter((v) => v.id !== excludeId).map((v) => ({ value: v.id, label: v.name })));
      },
      () => {},
    );
    return () => {
      cancelled = true;
    };
  }, [debounced, excludeId]);

  const data =
    value !== null && !found.some((o) => o.value === value)
      ? [{ value, label: selectedLabel ?? `Vendor #${value}` }, ...found]
      : found;

  return (
    <Select<number>
      id="vendor-parentId"
      label="Parent vendor"
      description="For a sub-processor: the vendor that engaged it"
      placeholder="None: engaged by us directly"
      searchable
      clearable
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
      nothingFoundMessage="No vendor by that name"
      error={error}
    />
  );
}
