import { notifications } from '@mantine/notifications';
import { useCallback, useMemo, useState } from 'react';
import type { Register } from '../../../shared/kit/define';
import { toApiError } from '../api/client';
import type { Rec } from './api';
import { capitalised, registerApi } from './api';
import type { FieldErrors, FormValues } from './record-form';
import { errorsFromIssues, formFields, validateRecord } from './record-form';

export interface RecordFormOptions {
  reg: Register;
  initial: FormValues;
  /** Set when editing a stored record; absent when creating one. */
  recordId?: number;
  /** The `updatedAt` this window last saw; the core refuses the save if the record changed since. */
  expectedUpdatedAt?: string;
  onSaved: (record: Rec) => void;
}

export interface RecordFormState {
  values: FormValues;
  /** The values as stored (what the form started from, or last saved). */
  stored: FormValues;
  errors: FieldErrors;
  /** Problems the core reported that belong to no single field. */
  general: string[];
  dirty: boolean;
  saving: boolean;
  /** Set when the core refused the save because someone changed the record in the meantime. */
  conflict: string | null;
  setField: (field: string, value: unknown) => void;
  save: () => Promise<void>;
  /** Keeps the edits after a conflict, once the caller has fetched the latest `updatedAt`. */
  dismissConflict: () => void;
  /** Starts over from stored values, e.g. after a save or when the user takes the latest version. */
  reset: (values: FormValues) => void;
}

/** The id of a field's input, so a message can send the focus there. */
export const inputId = (reg: Register, field: string) => `${reg.entity}-${field}`;

function focusField(reg: Register, field: string | undefined): void {
  if (!field) return;
  // Wait for React to render the messages, so the screen reader reads the field with its error.
  setTimeout(() => document.getElementById(inputId(reg, field))?.focus(), 0);
}

function firstField(reg: Register, errors: FieldErrors): string | undefined {
  return formFields(reg).find((f) => errors[f.name])?.name;
}

/**
 * The create/edit form's state: values, validation with the shared schema (shown once the user first tries to
 * save, then live), the core's VALIDATION details mapped onto fields, optimistic locking and the save toast.
 */
export function useRecordForm({
  reg,
  initial,
  recordId,
  expectedUpdatedAt,
  onSaved,
}: RecordFormOptions): RecordFormState {
  const [values, setValues] = useState(initial);
  const [baseline, setBaseline] = useState(initial);
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);

  const validation = useMemo(() => validateRecord(reg, values), [reg, values]);
  const clientErrors = submitted && !validation.ok ? validation.errors : {};
  const errors = { ...serverErrors, ...clientErrors };
  const dirty = useMemo(() => JSON.stringify(values) !== JSON.stringify(baseline), [values, baseline]);

  const setField = useCallback((field: string, value: unknown) => {
    setValues((v) => ({ ...v, [field]: value }));
    setServerErrors((e) => {
      if (!(field in e)) return e;
      const next = { ...e };
      delete next[field];
      return next;
    });
  }, []);

  const reset = useCallback((next: FormValues) => {
    setValues(next);
    setBaseline(next);
    setSubmitted(false);
    setServerErrors({});
    setGeneral([]);
    setConflict(null);
  }, []);

  const save = async () => {
    setSubmitted(true);
    setGeneral([]);
    if (!validation.ok) {
      focusField(reg, firstField(reg, validation.errors));
      notifications.show({
        color: 'red',
        title: 'Not saved',
        message: 'Some fields need attention; each one says what to change.',
      });
      return;
    }
    setSaving(true);
    const api = registerApi(reg);
    const Noun = capitalised(reg.noun.one);
    try {
      const saved =
        recordId === undefined
          ? await api.create(validation.data)
          : await api.update(recordId, validation.data, expectedUpdatedAt);
      setServerErrors({});
      setConflict(null);
      const title = reg.titleOf(saved);
      notifications.show({
        color: 'green',
        title: recordId === undefined ? `${Noun} added` : `${Noun} saved`,
        message:
          recordId === undefined ? `${title} is now in the register.` : `Your changes to ${title} are saved.`,
      });
      onSaved(saved);
    } catch (err) {
      const error = toApiError(err);
      if (error.code === 'VALIDATION') {
        const mapped = errorsFromIssues(reg, error.fieldIssues);
        setServerErrors(mapped.fields);
        setGeneral(
          mapped.general.length || Object.keys(mapped.fields).length ? mapped.general : [error.message],
        );
        focusField(reg, firstField(reg, mapped.fields));
        notifications.show({ color: 'red', title: 'Not saved', message: error.message });
      } else if (error.code === 'CONFLICT') {
        setConflict(error.message);
        notifications.show({
          color: 'red',
          title: `Not saved: someone else changed this ${reg.noun.one}`,
          message: 'Your edits are still in the form. Choose how to continue above the form.',
        });
      } else {
        notifications.show({ color: 'red', title: 'Not saved', message: error.message });
      }
    } finally {
      setSaving(false);
    }
  };

  const dismissConflict = useCallback(() => setConflict(null), []);

  return {
    values,
    stored: baseline,
    errors,
    general,
    dirty,
    saving,
    conflict,
    setField,
    save,
    reset,
    dismissConflict,
  };
}
