import { notifications } from '@mantine/notifications';
import { useCallback, useMemo, useState } from 'react';
import type { Vendor } from '../../../shared/domain/vendor';
import { invoke, toApiError } from '../api/client';
import type { FieldErrors, VendorField, VendorFormValues } from './vendor-form';
import { errorsFromIssues, fieldOrder, validateVendor } from './vendor-form';

export interface VendorFormOptions {
  initial: VendorFormValues;
  /** Set when editing a stored vendor; absent when creating one. */
  vendorId?: number;
  /** The `updatedAt` this window last saw; the core refuses the save if the record changed since. */
  expectedUpdatedAt?: string;
  onSaved: (vendor: Vendor) => void;
}

export interface VendorFormState {
  values: VendorFormValues;
  errors: FieldErrors;
  /** Problems the core reported that belong to no single field. */
  general: string[];
  dirty: boolean;
  saving: boolean;
  /** Set when the core refused the save because someone changed the vendor in the meantime. */
  conflict: string | null;
  setField: <K extends VendorField>(field: K, value: VendorFormValues[K]) => void;
  save: () => Promise<void>;
  /** Keeps the edits after a conflict, once the caller has fetched the latest `updatedAt`. */
  dismissConflict: () => void;
  /** Starts over from stored values, e.g. after a save or when the user takes the latest version. */
  reset: (values: VendorFormValues) => void;
}

function focusField(field: VendorField | undefined): void {
  if (!field) return;
  // Wait for React to render the messages, so the screen reader reads the field with its error.
  setTimeout(() => document.getElementById(`vendor-${field}`)?.focus(), 0);
}

function firstField(errors: FieldErrors): VendorField | undefined {
  return fieldOrder.find((f) => errors[f]);
}

/**
 * The create/edit form's state: values, validation with the shared schema (shown once the user first tries to
 * save, then live), the core's VALIDATION details mapped onto fields, optimistic locking and the save toast.
 */
export function useVendorForm({
  initial,
  vendorId,
  expectedUpdatedAt,
  onSaved,
}: VendorFormOptions): VendorFormState {
  const [values, setValues] = useState(initial);
  const [baseline, setBaseline] = useState(initial);
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);

  const validation = useMemo(() => validateVendor(values), [values]);
  const clientErrors = submitted && !validation.ok ? validation.errors : {};
  const errors = { ...serverErrors, ...clientErrors };
  const dirty = useMemo(() => JSON.stringify(values) !== JSON.stringify(baseline), [values, baseline]);

  const setField = useCallback(<K extends VendorField>(field: K, value: VendorFormValues[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setServerErrors((e) => {
      if (!(field in e)) return e;
      const next = { ...e };
      delete next[field];
      return next;
    });
  }, []);

  const reset = useCallback((next: VendorFormValues) => {
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
      focusField(firstField(validation.errors));
      notifications.show({
        color: 'red',
        title: 'Not saved',
        message: 'Some fields need attention; each one says what to change.',
      });
      return;
    }
    setSaving(true);
    try {
      const saved =
        vendorId === undefined
          ? await invoke('vendors:create', validation.data)
          : await invoke('vendors:update', { id: vendorId, values: validation.data, expectedUpdatedAt });
      setServerErrors({});
      setConflict(null);
      notifications.show({
        color: 'green',
        title: vendorId === undefined ? 'Vendor added' : 'Vendor saved',
        message:
          vendorId === undefined
            ? `${saved.name} is now in the register.`
            : `Your changes to ${saved.name} are saved.`,
      });
      onSaved(saved);
    } catch (err) {
      const error = toApiError(err);
      if (error.code === 'VALIDATION') {
        const mapped = errorsFromIssues(error.fieldIssues);
        setServerErrors(mapped.fields);
        setGeneral(
          mapped.general.length || Object.keys(mapped.fields).length ? mapped.general : [error.message],
        );
        focusField(firstField(mapped.fields));
        notifications.show({ color: 'red', title: 'Not saved', message: error.message });
      } else if (error.code === 'CONFLICT') {
        setConflict(error.message);
        notifications.show({
          color: 'red',
          title: 'Not saved: someone else changed this vendor',
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

  return { values, errors, general, dirty, saving, conflict, setField, save, reset, dismissConflict };
}
