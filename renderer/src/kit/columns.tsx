import type { ColumnDef } from '@tanstack/react-table';
import { orderByAfter } from '../../../shared/kit/order';
import type { ReactNode } from 'react';
import type { ListFilter, Register } from '../../../shared/kit/define';
import type { AnyField, ChipColor } from '../../../shared/kit/fields';
import { StatusChip } from '../components/StatusChip';
import { countryLabel, countryList, formatDate, formatDateTime, formatDay } from '../lib/format';
import type { Rec } from './api';

export type Filters = Record<string, unknown> & { text: Record<string, string | undefined> };

export interface ColumnMeta {
  label: string;
  sortKey?: string;
  filter?: ListFilter;
  hiddenByDefault?: boolean;
}

/** The register's own column facts; TanStack keeps `meta` untyped. */
export function columnMeta(column: { columnDef: { meta?: unknown } } | { meta?: unknown }): ColumnMeta {
  return ('columnDef' in column ? column.columnDef.meta : column.meta) as ColumnMeta;
}

/** True when the column's filter narrows the register now. */
export function isFilterActive(filters: Filters, filter: ListFilter): boolean {
  if (filter.kind === 'text') return Boolean(filters.text[filter.key]?.trim());
  const value = filters[filter.key];
  if (filter.kind === 'date-range') {
    const range = value as { from: string | null; to: string | null } | null | undefined;
    return Boolean(range?.from || range?.to);
  }
  return Array.isArray(value) ? value.length > 0 : value !== null && value !== undefined;
}

export function countActiveFilters(reg: Register, filters: Filters): number {
  return reg.filters.filter((f) => isFilterActive(filters, f)).length;
}

export const cellText = (value: string | null | undefined, title?: string) => (
  <span className="grid-cell-text" title={title}>
    {value ?? ''}
  </span>
);

/** An enum value as a chip with its label (the colour only repeats the words). */
export function enumChip(field: AnyField, value: unknown, title?: string): ReactNode {
  if (value === null || value === undefined) return null;
  const option = field.options?.find((o) => o.value === value);
  return (
    <StatusChip color={(option?.color ?? 'gray') as ChipColor} title={title}>
      {option?.label ?? String(value)}
    </StatusChip>
  );
}

/** How a field's value reads in a cell, by its kind. */
export function fieldCell(name: string, field: AnyField, r: Rec): ReactNode {
  const value = r[name];
  switch (field.kind) {
    case 'enum':
      return enumChip(field, value);
    case 'labels':
      return cellText((value as string[]).join(', '));
    case 'countries': {
      const text = countryList(value as string[]);
      return cellText(text, text);
    }
    case 'country':
      return cellText(value ? countryLabel(value as string) : null);
    case 'date':
      return cellText(formatDate(value as string | null));
    case 'instant':
      return cellText(value ? formatDateTime(value as string) : null);
    case 'bool':
      if (value === null) return null;
      return value ? (
        <StatusChip color="teal">{field.yesNo?.yes ?? field.short ?? 'Yes'}</StatusChip>
      ) : field.yesNo ? (
        cellText(field.yesNo.no)
      ) : null;
    case 'int':
      return cellText(
        value === null ? null : (field.choices?.find((c) => c.value === value)?.label ?? String(value)),
      );
    case 'ref':
      return cellText(r[field.ref!.nameKey] as string | null);
    case 'refs': {
      const names = ((r[field.refs!.nameKey] as (string | null)[] | undefined) ?? [])
        .filter(Boolean)
        .join(', ');
      return cellText(names, names);
    }
    case 'choices': {
      const text = (value as string[])
        .map((v) => field.options?.find((o) => o.value === v)?.label ?? v)
        .join(', ');
      return cellText(text, text);
    }
    case 'rows': {
      const n = (value as unknown[]).length;
      return cellText(n === 0 ? '' : `${n} ${n === 1 ? field.rows!.noun.one : field.rows!.noun.other}`);
    }
    case 'struct':
      return cellText(field.describe ? field.describe(value) : null);
    default:
      return cellText(value as string | null);
  }
}

/** A derived fact's value in a cell, when the register's UI has no cell of its own for it. */
function derivedCell(reg: Register, name: string, r: Rec): ReactNode {
  const fact = reg.derived[name]!;
  const value = r[name];
  if (fact.display === 'countries') return cellText(countryList(value as string[]));
  if (fact.display === 'date') return cellText(formatDate(value as string | null));
  if (fact.display && typeof fact.display === 'object')
    return enumChip(reg.fields[fact.display.enumOf]!, value);
  if (typeof value === 'boolean') return value ? <StatusChip color="red">{fact.label}</StatusChip> : null;
  return cellText(typeof value === 'string' ? value : null);
}

/**
 * The register's columns, from its declaration: each field and derived fact with a table entry, in declaration
 * order (or right after the column named by `after`), then when the record was last changed and added. Cells
 * receive `null` for rows whose page has not arrived; the table draws a placeholder for those. A register's UI
 * may draw some cells itself (`cells`).
 */
export function registerColumns(
  reg: Register,
  cells: Record<string, (r: Rec) => ReactNode> = {},
): ColumnDef<Rec | null>[] {
  const filterFor = (column: string) => reg.filters.find((f) => f.column === column);
  const entries: { id: string; after?: string; def: ColumnDef<Rec | null> }[] = [];
  const titleColumn = reg.fieldList.find((f) => f.field.table !== false)!.name;
  for (const { name, field } of reg.fieldList) {
    if (field.table === false) continue;
    const table = field.table ?? {};
    const shown = table.shows;
    const own = cells[name];
    entries.push({
      id: name,
      after: table.after,
      def: {
        id: name,
        accessorFn: (r) => r?.[shown ?? name],
        size: table.size ?? 160,
        meta: {
          label: field.short ?? field.label,
          sortKey: field.sort ? name : undefined,
          filter: filterFor(name),
          hiddenByDefault: table.hidden,
        } satisfies ColumnMeta,
        cell: ({ row }) => {
          const r = row.original!;
          if (name === titleColumn) {
            const title = field.ref ? (r[field.ref.nameKey] as string | null) : (r[name] as string);
            return (
              <>
                <a href={`#/${reg.name}/${r.id}`} tabIndex={-1} className="grid-cell-text">
                  {own ? own(r) : (title ?? reg.titleOf(r))}
                </a>
                {r.archived && <StatusChip color="gray">Archived</StatusChip>}
              </>
            );
          }
          if (own) return own(r);
          return shown ? enumChip(field, r[shown]) : fieldCell(name, field, r);
        },
      },
    });
  }
  for (const [name, fact] of Object.entries(reg.derived)) {
    if (!fact.table) continue;
    entries.push({
      id: name,
      after: fact.table.after,
      def: {
        id: name,
        accessorFn: (r) => r?.[name],
        size: fact.table.size ?? 140,
        meta: {
          label: fact.table.short ?? fact.label,
          filter: filterFor(name),
          hiddenByDefault: fact.table.hidden,
        } satisfies ColumnMeta,
        cell: ({ row }) => (cells[name] ? cells[name](row.original!) : derivedCell(reg, name, row.original!)),
      },
    });
  }
  const ordered = orderByAfter(entries);
  return [
    ...ordered.map((e) => e.def),
    {
      id: 'updatedAt',
      accessorFn: (r) => r?.updatedAt,
      size: 130,
      meta: { label: 'Last changed', sortKey: 'updatedAt', hiddenByDefault: true } satisfies ColumnMeta,
      cell: ({ row }) => cellText(formatDay(row.original!.updatedAt)),
    },
    {
      id: 'createdAt',
      accessorFn: (r) => r?.createdAt,
      size: 130,
      meta: { label: 'Added', sortKey: 'createdAt', hiddenByDefault: true } satisfies ColumnMeta,
      cell: ({ row }) => cellText(formatDay(row.original!.createdAt)),
    },
  ];
}
