import { MultiSelect } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { registerByName } from '../../../shared/registers/index';
import { registerApi } from './api';

/**
 * Picks several records of another register (an activity's vendors, a DPIA's activities), searching that
 * register in the core as the user types. Chosen records keep their names while other searches run.
 */
export function RefMultiSelect({
  id,
  label,
  description,
  placeholder,
  target,
  value,
  initialLabels,
  onChange,
  error,
}: {
  id: string;
  label: string;
  description?: string;
  placeholder?: string;
  target: string;
  value: number[];
  /** Names of the records already chosen, in the order of `value` (from the record as read). */
  initialLabels: readonly (string | null)[];
  onChange: (value: number[]) => void;
  error?: string;
}) {
  const reg = registerByName(target)!;
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const [found, setFound] = useState<{ value: number; label: string }[]>([]);
  const [names, setNames] = useState<Map<number, string>>(() => {
    const m = new Map<number, string>();
    value.forEach((v, i) => {
      const n = initialLabels[i];
      if (n) m.set(v, n);
    });
    return m;
  });

  useEffect(() => {
    let cancelled = false;
    registerApi(reg)
      .list({ search: debounced, limit: 30, sort: reg.defaultSort })
      .then(
        (page) => {
          if (cancelled) return;
          const rows = page.rows.map((r) => ({ value: r.id, label: reg.titleOf(r) }));
          setFound(rows);
          setNames((prev) => {
            const next = new Map(prev);
            for (const r of rows) next.set(r.value, r.label);
            return next;
          });
        },
        () => {},
      );
    return () => {
      cancelled = true;
    };
  }, [debounced, reg]);

  // Chosen records without a name yet (a prefilled link): fetch each once.
  const missing = value.filter((v) => !names.has(v));
  const missingKey = missing.join(',');
  useEffect(() => {
    if (missingKey === '') return;
    let cancelled = false;
    for (const v of missingKey.split(',').map(Number)) {
      registerApi(reg)
        .get(v)
        .then(
          (d) => !cancelled && setNames((prev) => new Map(prev).set(v, reg.titleOf(d.record as never))),
          () => {},
        );
    }
    return () => {
      cancelled = true;
    };
  }, [missingKey, reg]);

  const chosen = value.map((v) => ({ value: String(v), label: names.get(v) ?? `${reg.noun.one} #${v}` }));
  const data = [
    ...chosen,
    ...found.filter((f) => !value.includes(f.value)).map((f) => ({ value: String(f.value), label: f.label })),
  ];

  return (
    <MultiSelect
      id={id}
      label={label}
      description={description}
      placeholder={value.length === 0 ? placeholder : undefined}
      searchable
      clearable
      data={data}
      value={value.map(String)}
      searchValue={search}
      onSearchChange={setSearch}
      // The core already searched; filtering again here would hide matches on other fields.
      filter={({ options }) => options}
      onChange={(next) => onChange(next.map(Number))}
      nothingFoundMessage={`No ${reg.noun.one} by that name`}
      error={error}
      hidePickedOptions
    />
  );
}
