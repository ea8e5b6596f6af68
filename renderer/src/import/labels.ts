import type { DuplicatePolicy, RowAction, VendorImportField } from '../../../shared/import/types';
import { VendorImportFields } from '../../../shared/import/types';
import { VENDOR_FIELD_SPECS } from '../../../shared/import/vendor-fields';

/** The value the field picker uses for "do not import this column". */
export const IGNORE = 'ignore';

/** The field picker's choices: ignore, then every vendor field in the order the vendor form shows them. */
export const fieldOptions = [
  { value: IGNORE, label: 'Ignore this column' },
  ...VendorImportFields.map((f) => ({ value: f, label: VENDOR_FIELD_SPECS[f].label })),
];

export function fieldLabel(field: string | null): string {
  if (!field) return 'Ignored';
  return VENDOR_FIELD_SPECS[field as VendorImportField]?.label ?? field;
}

export const duplicatePolicyLabels: Record<DuplicatePolicy, { label: string; help: string }> = {
  skip: {
    label: 'Skip',
    help: 'A company already in the register, or earlier in the file, is left as it is; the row is not imported.',
  },
  update: {
    label: 'Update existing',
    help: 'The vendor already there takes the row’s values; lists such as services and countries gain its entries. Empty cells change nothing.',
  },
  create: {
    label: 'Create new',
    help: 'Every row becomes a vendor of its own, even when the name is already in the register.',
  },
};

export const rowActionLabels: Record<RowAction, string> = {
  create: 'New',
  update: 'Updates',
  merge: 'Merged',
  skip: 'Skipped',
  invalid: 'Invalid',
};
