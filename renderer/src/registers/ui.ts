import type { Icon } from '@tabler/icons-react';
import type { ComponentType, ReactNode } from 'react';
import type { Register } from '../../../shared/kit/define';
import type { Rec, RecordDetail } from '../kit/api';

/**
 * What a register's pages show beyond what the kit derives from its declaration: its icon, cells of its own
 * for some columns, the panel of derived facts beside the form, and the words beside a blank form.
 */
export interface RegisterUi {
  icon: Icon;
  cells?: Record<string, (record: Rec) => ReactNode>;
  /** `onChanged` reloads the record after the panel changed it (a review decided from its panel). */
  Facts?: ComponentType<{ reg: Register; detail: RecordDetail; onChanged?: () => void }>;
  /** Chips beside the record's title (a vendor's DPA status, a transfer's validity). */
  headerChips?: (record: Rec) => ReactNode;
  newAside: { title: string; text: string };
  /**
   * Counts the register's header shows until they are resolved (vendors whose location is unclear), each a
   * button that applies its filters.
   */
  attention?: { key: string; filters: Record<string, unknown>; label: (n: number) => string }[];
  /**
   * Editors of its own for some fields (a DPIA screening with its live conclusion, risks with their map); the
   * kit's input serves every other field.
   */
  editors?: Record<string, ComponentType<FieldEditorProps>>;
}

/** What a register's own field editor receives: the field's value and the whole form as it stands. */
export interface FieldEditorProps {
  id: string;
  label: string;
  description?: string;
  value: unknown;
  onChange: (value: unknown) => void;
  error?: string;
  /** Every field of the form as the user has it now (unsaved). */
  values: Record<string, unknown>;
  /** The record being edited; undefined on a new one. */
  recordId?: number;
}
