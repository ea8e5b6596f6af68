import type { ColumnDef } from '@tanstack/react-table';
import type { ChannelParsedInput } from '../../../shared/contract';
import type { Vendor, VendorSortKey } from '../../../shared/domain/vendor';
import { VendorTextFilterKeys, emptyVendorFilters } from '../../../shared/domain/vendor';
import { StatusChip } from '../components/StatusChip';
import { countryLabel, countryList, formatDate, formatDay } from '../lib/format';
import {
  dpaStatusLabels,
  dpaStatusOptions,
  riskLabels,
  riskOptions,
  roleLabels,
  roleOptions,
  statusLabels,
  statusOptions,
} from './labels';

export type VendorFilters = ChannelParsedInput<'vendors:list'>['filters'];
export type TextFilterKey = (typeof VendorTextFilterKeys)[number];
type ChoiceFilterKey = 'role' | 'dpaStatus' | 'status' | 'riskRating';
type CountryFilterKey = 'processingCountry' | 'headquartersCountry';
type YesNoFilterKey = 'specialCategoryData' | 'reviewOverdue';

/** How a column can be narrowed; each kind maps onto one part of the core's `filters`. */
export type ColumnFilter =
  | { kind: 'text'; key: TextFilterKey }
  | { kind: 'choice'; key: ChoiceFilterKey; options: { value: string; label: string }[] }
  | { kind: 'country'; key: CountryFilterKey }
  | { kind: 'yes-no'; key: YesNoFilterKey; yes: string; no: string };

export interface VendorColumnMeta {
  label: string;
  sortKey?: VendorSortKey;
  filter?: ColumnFilter;
  hiddenByDefault?: boolean;
}

/** The register's own column facts; TanStack keeps `meta` untyped. */
export function columnMeta(column: { columnDef: { meta?: unknown } } | { meta?: unknown }): VendorColumnMeta {
  return ('columnDef' in column ? column.columnDef.meta : column.meta) as VendorColumnMeta;
}

export const emptyFilters: VendorFilters = emptyVendorFilters();

/** True when the column's filter narrows the register now. */
export function isFilterActive(filters: VendorFilters, filter: ColumnFilter): boolean {
  switch (filter.kind) {
    case 'text':
      return Boolean(filters.text[filter.key]?.trim());
    case 'choice':
    case 'country':
      return filters[filter.key].length > 0;
    case 'yes-no':
      return filters[filter.key] !== null;
  }
}

export function countActiveFilters(filters: VendorFilters): number {
  return (
    Object.values(filters.text).filter((v) => v?.trim()).length +
    (
      ['role', 'dpaStatus', 'status', 'riskRating', 'processingCountry', 'headquartersCountry'] as const
    ).filter((k) => filters[k].length > 0).length +
    (['specialCategoryData', 'reviewOverdue'] as const).filter((k) => filters[k] !== null).length
  );
}

type Row = Vendor | null;

const text = (value: string | null | undefined) => <span className="grid-cell-text">{value ?? ''}</span>;
const list = (values: readonly string[]) => text(values.join(', '));

function dpaTitle(v: Vendor): string | undefined {
  if (v.effectiveDpaStatus === v.dpaStatus) return undefined;
  return `Recorded as ${dpaStatusLabels[v.dpaStatus].label.toLowerCase()}; ${
    v.dpaExpiresAt ? `expired on ${formatDate(v.dpaExpiresAt)}` : 'read from its dates'
  }`;
}

/**
 * The register's columns. Cells receive `null` for rows whose page has not arrived yet; the table draws a
 * placeholder for those, so each renderer here only sees a real vendor.
 */
export const vendorColumns: ColumnDef<Row>[] = [
  {
    id: 'name',
    accessorFn: (v) => v?.name,
    size: 200,
    meta: { label: 'Name', sortKey: 'name', filter: { kind: 'text', key: 'name' } },
    cell: ({ row }) => {
      const v = row.original!;
      return (
        <>
          <a href={`#/vendors/${v.id}`} tabIndex={-1} className="grid-cell-text">
            {v.name}
          </a>
          {v.archived && <StatusChip color="gray">Archived</StatusChip>}
        </>
      );
    },
  },
  {
    id: 'legalEntity',
    accessorFn: (v) => v?.legalEntity,
    size: 200,
    meta: {
      label: 'Legal entity',
      sortKey: 'legalEntity',
      filter: { kind: 'text', key: 'legalEntity' },
      hiddenByDefault: true,
    },
    cell: ({ row }) => text(row.original!.legalEntity),
  },
  {
    id: 'role',
    accessorFn: (v) => v?.role,
    size: 196,
    meta: { label: 'Role', sortKey: 'role', filter: { kind: 'choice', key: 'role', options: roleOptions } },
    cell: ({ row }) => {
      const { label, color } = roleLabels[row.original!.role];
      return <StatusChip color={color}>{label}</StatusChip>;
    },
  },
  {
    id: 'parentName',
    accessorFn: (v) => v?.parentName,
    size: 160,
    meta: { label: 'Parent vendor', hiddenByDefault: true },
    cell: ({ row }) => text(row.original!.parentName),
  },
  {
    id: 'services',
    accessorFn: (v) => v?.services,
    size: 160,
    meta: { label: 'Services', sortKey: 'services', filter: { kind: 'text', key: 'services' } },
    cell: ({ row }) => list(row.original!.services),
  },
  {
    id: 'dataCategories',
    accessorFn: (v) => v?.dataCategories,
    size: 200,
    meta: {
      label: 'Data categories',
      sortKey: 'dataCategories',
      filter: { kind: 'text', key: 'dataCategories' },
      hiddenByDefault: true,
    },
    cell: ({ row }) => list(row.original!.dataCategories),
  },
  {
    id: 'dataSubjectCategories',
    accessorFn: (v) => v?.dataSubjectCategories,
    size: 180,
    meta: { label: 'Data subjects', hiddenByDefault: true },
    cell: ({ row }) => list(row.original!.dataSubjectCategories),
  },
  {
    id: 'specialCategoryData',
    accessorFn: (v) => v?.specialCategoryData,
    size: 120,
    meta: {
      label: 'Special category',
      filter: {
        kind: 'yes-no',
        key: 'specialCategoryData',
        yes: 'Special category data',
        no: 'No special category',
      },
      hiddenByDefault: true,
    },
    cell: ({ row }) =>
      row.original!.specialCategoryData ? <StatusChip color="grape">Art 9</StatusChip> : null,
  },
  {
    id: 'processingCountries',
    accessorFn: (v) => v?.processingCountries,
    size: 200,
    meta: {
      label: 'Processing countries',
      sortKey: 'processingCountries',
      filter: { kind: 'country', key: 'processingCountry' },
    },
    cell: ({ row }) => {
      const value = countryList(row.original!.processingCountries);
      return (
        <span className="grid-cell-text" title={value}>
          {value}
        </span>
      );
    },
  },
  {
    id: 'thirdCountries',
    accessorFn: (v) => v?.thirdCountries,
    size: 96,
    meta: { label: 'Outside EEA' },
    cell: ({ row }) => {
      const countries = row.original!.thirdCountries;
      if (countries.length === 0) return null;
      return (
        <StatusChip color="orange" title={`Needs a transfer mechanism: ${countryList(countries)}`}>
          {countries.join(', ')}
        </StatusChip>
      );
    },
  },
  {
    id: 'headquartersCountry',
    accessorFn: (v) => v?.headquartersCountry,
    size: 170,
    meta: {
      label: 'HQ country',
      sortKey: 'headquartersCountry',
      filter: { kind: 'country', key: 'headquartersCountry' },
      hiddenByDefault: true,
    },
    cell: ({ row }) => {
      const code = row.original!.headquartersCountry;
      return text(code ? countryLabel(code) : null);
    },
  },
  {
    id: 'dpaStatus',
    accessorFn: (v) => v?.effectiveDpaStatus,
    size: 124,
    meta: {
      label: 'DPA',
      sortKey: 'dpaStatus',
      filter: { kind: 'choice', key: 'dpaStatus', options: dpaStatusOptions },
    },
    cell: ({ row }) => {
      const v = row.original!;
      const { label, color } = dpaStatusLabels[v.effectiveDpaStatus];
      return (
        <StatusChip color={color} title={dpaTitle(v)}>
          {label}
        </StatusChip>
      );
    },
  },
  {
    id: 'dpaExpiresAt',
    accessorFn: (v) => v?.dpaExpiresAt,
    size: 116,
    meta: { label: 'DPA expires', sortKey: 'dpaExpiresAt' },
    cell: ({ row }) => text(formatDate(row.original!.dpaExpiresAt)),
  },
  {
    id: 'riskRating',
    accessorFn: (v) => v?.riskRating,
    size: 96,
    meta: {
      label: 'Risk',
      sortKey: 'riskRating',
      filter: { kind: 'choice', key: 'riskRating', options: riskOptions },
    },
    cell: ({ row }) => {
      const risk = row.original!.riskRating;
      if (!risk) return null;
      return <StatusChip color={riskLabels[risk].color}>{riskLabels[risk].label}</StatusChip>;
    },
  },
  {
    id: 'internalOwner',
    accessorFn: (v) => v?.internalOwner,
    size: 140,
    meta: {
      label: 'Owner',
      sortKey: 'internalOwner',
      filter: { kind: 'text', key: 'internalOwner' },
      hiddenByDefault: true,
    },
    cell: ({ row }) => text(row.original!.internalOwner),
  },
  {
    id: 'nextReviewAt',
    accessorFn: (v) => v?.nextReviewAt,
    size: 140,
    meta: {
      label: 'Next review',
      sortKey: 'nextReviewAt',
      filter: { kind: 'yes-no', key: 'reviewOverdue', yes: 'Review overdue', no: 'Review not overdue' },
    },
    cell: ({ row }) => {
      const v = row.original!;
      // The marker comes first so a narrow column never hides it.
      return (
        <>
          {v.reviewOverdue && <StatusChip color="red">Overdue</StatusChip>}
          {text(formatDate(v.nextReviewAt))}
        </>
      );
    },
  },
  {
    id: 'status',
    accessorFn: (v) => v?.status,
    size: 112,
    meta: {
      label: 'Status',
      sortKey: 'status',
      filter: { kind: 'choice', key: 'status', options: statusOptions },
    },
    cell: ({ row }) => {
      const { label, color } = statusLabels[row.original!.status];
      return <StatusChip color={color}>{label}</StatusChip>;
    },
  },
  {
    id: 'certifications',
    accessorFn: (v) => v?.certifications,
    size: 160,
    meta: { label: 'Certifications', hiddenByDefault: true },
    cell: ({ row }) => list(row.original!.certifications),
  },
  {
    id: 'notes',
    accessorFn: (v) => v?.notes,
    size: 220,
    meta: { label: 'Notes', filter: { kind: 'text', key: 'notes' }, hiddenByDefault: true },
    cell: ({ row }) => text(row.original!.notes),
  },
  {
    id: 'updatedAt',
    accessorFn: (v) => v?.updatedAt,
    size: 130,
    meta: { label: 'Last changed', sortKey: 'updatedAt', hiddenByDefault: true },
    cell: ({ row }) => text(formatDay(row.original!.updatedAt)),
  },
  {
    id: 'createdAt',
    accessorFn: (v) => v?.createdAt,
    size: 130,
    meta: { label: 'Added', sortKey: 'createdAt', hiddenByDefault: true },
    cell: ({ row }) => text(formatDay(row.original!.createdAt)),
  },
];
