import type { MantineColor } from '@mantine/core';
import type { DpaStatus, VendorFields, VendorRole } from '../../../shared/domain/vendor';
import {
  DpaStatuses,
  RiskRatings,
  SubprocessorAuthorisations,
  VendorRoles,
  VendorSourceKinds,
  VendorStatuses,
} from '../../../shared/domain/vendor';
import { countryList, formatDate } from '../lib/format';

type Labelled<K extends string> = Record<K, { label: string; color: MantineColor }>;

export const roleLabels: Labelled<VendorRole> = {
  processor: { label: 'Processor', color: 'indigo' },
  'sub-processor': { label: 'Sub-processor', color: 'violet' },
  'joint-controller': { label: 'Joint controller', color: 'cyan' },
  'independent-controller': { label: 'Independent controller', color: 'gray' },
};

export const dpaStatusLabels: Labelled<DpaStatus> = {
  none: { label: 'No DPA', color: 'red' },
  requested: { label: 'Requested', color: 'orange' },
  draft: { label: 'Draft', color: 'yellow' },
  signed: { label: 'Signed', color: 'green' },
  expired: { label: 'Expired', color: 'red' },
  'not-required': { label: 'Not required', color: 'gray' },
};

export const statusLabels: Labelled<(typeof VendorStatuses)[number]> = {
  onboarding: { label: 'Onboarding', color: 'blue' },
  active: { label: 'Active', color: 'green' },
  offboarded: { label: 'Offboarded', color: 'gray' },
};

export const riskLabels: Labelled<(typeof RiskRatings)[number]> = {
  low: { label: 'Low', color: 'green' },
  medium: { label: 'Medium', color: 'yellow' },
  high: { label: 'High', color: 'orange' },
  critical: { label: 'Critical', color: 'red' },
};

export const authorisationLabels: Record<(typeof SubprocessorAuthorisations)[number], string> = {
  general: 'General written authorisation',
  specific: 'Specific authorisation for each one',
};

export const endOfContractLabels: Record<NonNullable<VendorFields['endOfContractData']>, string> = {
  return: 'Return the data',
  delete: 'Delete the data',
  'return-then-delete': 'Return, then delete the data',
};

export const sourceLabels: Record<(typeof VendorSourceKinds)[number], string> = {
  manual: 'Typed in',
  import: 'Imported from a file',
  demo: 'Demo data',
};

/** Options for Mantine selects, in the order the schema lists them. */
export function optionsOf<K extends string>(
  keys: readonly K[],
  labels: Record<K, { label: string } | string>,
): { value: K; label: string }[] {
  return keys.map((value) => {
    const entry = labels[value];
    return { value, label: typeof entry === 'string' ? entry : entry.label };
  });
}

export const roleOptions = optionsOf(VendorRoles, roleLabels);
export const dpaStatusOptions = optionsOf(DpaStatuses, dpaStatusLabels);
export const statusOptions = optionsOf(VendorStatuses, statusLabels);
export const riskOptions = optionsOf(RiskRatings, riskLabels);

/** The plain label of every vendor field, shared by the form, the column headers and the change history. */
export const fieldLabels: Record<keyof VendorFields | 'archived' | 'parentName', string> = {
  name: 'Name',
  legalEntity: 'Legal entity',
  role: 'Role',
  services: 'Services and purposes',
  dataCategories: 'Personal data categories',
  dataSubjectCategories: 'Data subject categories',
  specialCategoryData: 'Special category data (Art 9)',
  processingCountries: 'Processing countries',
  headquartersCountry: 'Headquarters country',
  dpaStatus: 'DPA status',
  dpaSignedAt: 'DPA signed on',
  dpaExpiresAt: 'DPA expires on',
  contractReference: 'Contract reference',
  certifications: 'Certifications',
  riskRating: 'Risk rating',
  internalOwner: 'Internal owner',
  nextReviewAt: 'Next review',
  status: 'Status',
  parentId: 'Parent vendor',
  parentName: 'Parent vendor',
  website: 'Website',
  contact: 'Contact',
  notes: 'Notes',
  subprocessorAuthorisation: 'Sub-processor authorisation',
  objectionPeriodDays: 'Objection period (days)',
  breachNoticeHours: 'Breach notice to us (hours)',
  auditRights: 'Audit rights',
  endOfContractData: 'Data at end of contract',
  sourceKind: 'Source',
  sourceDetail: 'Source detail',
  archived: 'Archived',
};

export function fieldLabel(field: string): string {
  return (fieldLabels as Record<string, string>)[field] ?? field;
}

const enumLabels: Record<string, Record<string, { label: string } | string>> = {
  role: roleLabels,
  dpaStatus: dpaStatusLabels,
  status: statusLabels,
  riskRating: riskLabels,
  subprocessorAuthorisation: authorisationLabels,
  endOfContractData: endOfContractLabels,
  sourceKind: sourceLabels,
};

const countryFields = new Set(['processingCountries', 'headquartersCountry']);
const dateFields = new Set(['dpaSignedAt', 'dpaExpiresAt', 'nextReviewAt']);

/** A stored value as a DPO reads it in the change history: labels instead of codes, dates in their locale. */
export function readableValue(field: string | null, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    const strings = value.map(String);
    return field && countryFields.has(field) ? countryList(strings) : strings.join(', ');
  }
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string') {
    if (field && countryFields.has(field)) return countryList([value]);
    if (field && dateFields.has(field)) return formatDate(value);
    const labels = field ? enumLabels[field] : undefined;
    const entry = labels?.[value];
    if (entry) return typeof entry === 'string' ? entry : entry.label;
    return value;
  }
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}
