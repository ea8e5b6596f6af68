import type { Register } from '../../../shared/kit/define';
import { importProfile } from '../../../shared/import/profile';
import type { DuplicatePolicy, RowAction } from '../../../shared/import/types';

/** The value the field picker uses for "do not import this column". */
export const IGNORE = 'ignore';

/** The field picker's choices: ignore, then every field the register's import fills, in declaration order. */
export function fieldOptions(reg: Register): { value: string; label: string }[] {
  return [
    { value: IGNORE, label: 'Ignore this column' },
    ...importProfile(reg).fields.map((f) => ({ value: f.name, label: f.label })),
  ];
}

export function fieldLabel(reg: Register, field: string | null): string {
  if (!field) return 'Ignored';
  return reg.fields[field]?.label ?? field;
}

/** The duplicate policies in the register's words. */
export function duplicatePolicyLabels(
  reg: Register,
): Record<DuplicatePolicy, { label: string; help: string }> {
  const { one } = reg.noun;
  return {
    skip: {
      label: 'Skip',
      help: `A ${one} already in the register, or earlier in the file, is left as it is; the row is not imported.`,
    },
    update: {
      label: 'Update existing',
      help: `The ${one} already there takes the row’s values; lists gain its entries. Empty cells change nothing.`,
    },
    create: {
      label: 'Create new',
      help: `Every row becomes a ${one} of its own, even when it is already in the register.`,
    },
  };
}

export const rowActionLabels: Record<RowAction, string> = {
  create: 'New',
  update: 'Updates',
  merge: 'Merged',
  skip: 'Skipped',
  invalid: 'Invalid',
};
