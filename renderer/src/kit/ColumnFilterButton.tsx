import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  Popover,
  SegmentedControl,
  Stack,
  TextInput,
} from '@mantine/core';
import { IconFilter, IconFilterFilled } from '@tabler/icons-react';
import type { DateRange, ListFilter } from '../../../shared/kit/define';
import { DateField } from './DateField';
import { CountryMultiSelect } from '../components/CountryPicker';
import type { Filters } from './columns';
import { isFilterActive } from './columns';

function clearFilter(filters: Filters, filter: ListFilter): Filters {
  switch (filter.kind) {
    case 'text': {
      const text = { ...filters.text };
      delete text[filter.key];
      return { ...filters, text };
    }
    case 'choice':
    case 'country':
      return { ...filters, [filter.key]: [] };
    case 'yes-no':
    case 'date-range':
      return { ...filters, [filter.key]: null };
  }
}

interface FilterProps {
  label: string;
  filter: ListFilter;
  filters: Filters;
  onChange: (filters: Filters) => void;
}

function FilterControl({ label, filter, filters, onChange }: FilterProps) {
  switch (filter.kind) {
    case 'text':
      return (
        <TextInput
          label={`${label} contains`}
          data-autofocus
          value={filters.text[filter.key] ?? ''}
          onChange={(e) =>
            onChange({ ...filters, text: { ...filters.text, [filter.key]: e.currentTarget.value } })
          }
        />
      );
    case 'choice':
      return (
        <Checkbox.Group
          label={`${label} is any of`}
          value={(filters[filter.key] as string[] | undefined) ?? []}
          onChange={(value) => onChange({ ...filters, [filter.key]: value })}
        >
          <Stack gap={6} mt={6}>
            {filter.options.map((o, i) => (
              <Checkbox key={o.value} value={o.value} label={o.label} data-autofocus={i === 0 || undefined} />
            ))}
          </Stack>
        </Checkbox.Group>
      );
    case 'country':
      return (
        <CountryMultiSelect
          label={`${label} is any of`}
          data-autofocus
          value={(filters[filter.key] as string[] | undefined) ?? []}
          onChange={(value) => onChange({ ...filters, [filter.key]: value })}
          comboboxProps={{ withinPortal: false }}
        />
      );
    case 'yes-no': {
      const value = (filters[filter.key] as boolean | null | undefined) ?? null;
      return (
        <SegmentedControl
          aria-label={`Filter ${label.toLowerCase()}`}
          orientation="vertical"
          fullWidth
          value={value === null ? 'any' : value ? 'yes' : 'no'}
          data={[
            { value: 'any', label: 'Any' },
            { value: 'yes', label: filter.yes },
            { value: 'no', label: filter.no },
          ]}
          onChange={(v) => onChange({ ...filters, [filter.key]: v === 'any' ? null : v === 'yes' })}
        />
      );
    }
    case 'date-range': {
      const range = (filters[filter.key] as DateRange | null | undefined) ?? { from: null, to: null };
      const set = (end: 'from' | 'to', day: string | null) => {
        const next = { ...range, [end]: day };
        onChange({ ...filters, [filter.key]: next.from || next.to ? next : null });
      };
      return (
        <Stack gap="xs">
          <DateField
            label={`${label} from`}
            data-autofocus
            value={range.from}
            maxDate={range.to ?? undefined}
            popoverProps={{ withinPortal: false }}
            onChange={(v) => set('from', v)}
          />
          <DateField
            label={`${label} to (included)`}
            value={range.to}
            minDate={range.from ?? undefined}
            popoverProps={{ withinPortal: false }}
            onChange={(v) => set('to', v)}
          />
        </Stack>
      );
    }
  }
}

/** The funnel in a column header: opens the column's filter; filled while the filter is active. */
export function ColumnFilterButton({
  label,
  filter,
  filters,
  onChange,
  control,
}: FilterProps & {
  /** The header's roving tab stop: its tab index, its place, and what focusing it tells the header. */
  control?: { tabIndex: number; 'data-header-control': number; onFocus: () => void };
}) {
  const active = isFilterActive(filters, filter);
  return (
    <Popover position="bottom-start" shadow="md" width={280} trapFocus returnFocus withinPortal>
      <Popover.Target>
        <ActionIcon
          {...control}
          className="grid-filter-button"
          variant={active ? 'light' : 'subtle'}
          color={active ? undefined : 'gray'}
          size="sm"
          aria-label={active ? `Filter ${label} (filtered)` : `Filter ${label}`}
          data-filtered={active || undefined}
        >
          {active ? <IconFilterFilled size={14} /> : <IconFilter size={14} />}
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="sm">
          <FilterControl label={label} filter={filter} filters={filters} onChange={onChange} />
          <Group justify="flex-end">
            <Button
              size="xs"
              variant="subtle"
              disabled={!active}
              onClick={() => onChange(clearFilter(filters, filter))}
            >
              Clear filter
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
