import {
  Alert,
  Anchor,
  Checkbox,
  Code,
  Fieldset,
  List,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useMemo } from 'react';
import type { Register } from '../../../shared/kit/define';
import type { AnyField } from '../../../shared/kit/fields';
import { CountryMultiSelect, CountrySelect } from '../components/CountryPicker';
import { capitalised } from './api';
import { DateField } from './DateField';
import { InstantField } from './InstantField';
import { DuplicateWarning } from './DuplicateWarning';
import { formFields } from './record-form';
import type { RegisterUi } from '../registers/ui';
import { RefMultiSelect } from './RefMultiSelect';
import { RefSelect } from './RefSelect';
import { RowsEditor } from './RowsEditor';
import { outOfRange } from './number-range';
import type { RecordFormState } from './use-record-form';
import { inputId } from './use-record-form';

interface FieldProps {
  reg: Register;
  name: string;
  field: AnyField;
  form: RecordFormState;
  onChange: (value: unknown) => void;
  recordId?: number;
  refLabels: Record<string, string | null | readonly (string | null)[]>;
  autoFocus: boolean;
  editors: RegisterUi['editors'];
}

/** One field's input, chosen by its kind (or the register's own editor), with its label, help and message. */
function FieldInput({
  reg,
  name,
  field,
  form,
  onChange,
  recordId,
  refLabels,
  autoFocus,
  editors,
}: FieldProps) {
  const decl = field.form || undefined;
  const common = {
    id: inputId(reg, name),
    label: field.label,
    error: form.errors[name],
    description: decl?.description,
    placeholder: decl?.placeholder,
  };
  const value = form.values[name];
  const Own = editors?.[name];
  if (Own) {
    return (
      <Own
        id={common.id}
        label={field.label}
        description={decl?.description}
        value={value}
        onChange={onChange}
        error={common.error}
        values={form.values}
        recordId={recordId}
      />
    );
  }
  switch (field.kind) {
    case 'text':
      return (
        <TextInput
          {...common}
          required={field.required}
          autoComplete="off"
          data-autofocus={autoFocus || undefined}
          value={value as string}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'longText':
      return (
        <Textarea
          {...common}
          autosize
          minRows={decl?.wide ? 2 : 1}
          maxRows={10}
          value={value as string}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'labels':
      return (
        <TagsInput
          {...common}
          value={value as string[]}
          onChange={onChange}
          clearable
          splitChars={[',', ';']}
        />
      );
    case 'country':
      return (
        <CountrySelect
          {...common}
          required={field.required}
          value={value as string | null}
          onChange={onChange as (v: string | null) => void}
        />
      );
    case 'countries':
      return (
        <CountryMultiSelect
          {...common}
          placeholder={(value as string[]).length ? undefined : common.placeholder}
          value={value as string[]}
          onChange={onChange as (v: string[]) => void}
        />
      );
    case 'date':
      return <DateField {...common} value={value as string | null} onChange={onChange} />;
    case 'instant':
      return (
        <InstantField
          {...common}
          required={field.required}
          value={value as string | null}
          onChange={onChange}
        />
      );
    case 'bool':
      if (!field.yesNo) {
        return (
          <Checkbox
            id={common.id}
            label={field.label}
            description={common.description}
            checked={value as boolean}
            onChange={(e) => onChange(e.currentTarget.checked)}
            error={common.error}
          />
        );
      }
      return (
        <Select
          {...common}
          data={[
            { value: 'yes', label: field.yesNo.yes },
            { value: 'no', label: field.yesNo.no },
          ]}
          value={value === null ? null : value ? 'yes' : 'no'}
          clearable
          onChange={(v) => onChange(v === null ? null : v === 'yes')}
        />
      );
    case 'int':
      if (field.choices) {
        return (
          <Select
            {...common}
            data={field.choices.map((c) => ({ value: String(c.value), label: c.label }))}
            value={value === '' || value === null ? null : String(value)}
            clearable
            onChange={(v) => onChange(v === null ? '' : Number(v))}
          />
        );
      }
      return (
        <NumberInput
          {...common}
          // What was typed stays as typed: out of range is said on the field, never changed silently.
          error={common.error ?? outOfRange(value, field.min, field.max)}
          value={value as number | string}
          onChange={onChange}
          allowDecimal={false}
          clampBehavior="none"
          hideControls
        />
      );
    case 'enum':
      return (
        <Select
          {...common}
          data={(field.options ?? []).map((o) => ({ value: o.value, label: o.label }))}
          value={value as string | null}
          allowDeselect={false}
          clearable={!field.required}
          onChange={(v) => (field.required ? v && onChange(v) : onChange(v))}
        />
      );
    case 'ref':
      return (
        <RefSelect
          {...common}
          target={field.ref!.register}
          required={field.required}
          value={value as number | null}
          initialLabel={(refLabels[name] as string | null | undefined) ?? null}
          excludeId={field.ref!.register === reg.name ? recordId : undefined}
          onChange={onChange}
        />
      );
    case 'refs':
      return (
        <RefMultiSelect
          {...common}
          target={field.refs!.register}
          value={value as number[]}
          initialLabels={(refLabels[name] as readonly (string | null)[] | undefined) ?? []}
          onChange={onChange}
        />
      );
    case 'choices':
      return (
        <MultiSelect
          {...common}
          data={(field.options ?? []).map((o) => ({ value: o.value, label: o.label }))}
          value={value as string[]}
          onChange={onChange}
          clearable
          searchable
          hidePickedOptions
        />
      );
    case 'rows':
      return (
        <RowsEditor
          id={common.id}
          label={field.label}
          description={common.description}
          decl={field.rows!}
          value={value as Record<string, unknown>[]}
          onChange={onChange}
          error={common.error}
          // Entries already saved in an append-only list stay as they are.
          locked={
            field.rows!.appendOnly && recordId !== undefined
              ? ((form.stored[name] as unknown[] | undefined)?.length ?? 0)
              : 0
          }
        />
      );
    case 'struct':
      // A struct needs its register's own editor; without one it is shown, not edited.
      return (
        <Stack gap={2}>
          <Text size="sm" fw={500}>
            {field.label}
          </Text>
          <Code block>{JSON.stringify(value, null, 2)}</Code>
        </Stack>
      );
  }
}

/**
 * Every field of a register's record with its plain label, grouped in the sections of its declaration; fields
 * that are not wide share a grid row. Under a fuzzy identity (a vendor's name) the likely duplicates show.
 */
export function FormFields({
  reg,
  form,
  recordId,
  refLabels,
  onSubmit,
  editors,
}: {
  reg: Register;
  form: RecordFormState;
  recordId?: number;
  /** The titles of the records the references point to, for the pickers before they search. */
  refLabels: Record<string, string | null | readonly (string | null)[]>;
  onSubmit: () => void;
  /** The register's own editors for some fields. */
  editors?: RegisterUi['editors'];
}) {
  const { errors, setField } = form;
  const fields = useMemo(() => formFields(reg), [reg]);
  // Stable handlers let memoized inputs (the country pickers) skip re-rendering while other fields are typed in.
  const handlers = useMemo(
    () => Object.fromEntries(fields.map((f) => [f.name, (v: unknown) => setField(f.name, v)])),
    [fields, setField],
  );
  const problemFields = fields.filter((f) => errors[f.name]);
  const fuzzy = reg.identity.fuzzy ? reg.identity.fields[0] : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };

  const sections = reg.sections.map((section) => {
    const inSection = fields.filter((f) => f.field.form && f.field.form.section === section.id);
    const blocks: ReactNode[] = [];
    let grid: ReactNode[] = [];
    const flush = () => {
      if (grid.length === 0) return;
      blocks.push(
        <SimpleGrid
          key={`grid-${blocks.length}`}
          cols={{ base: 1, md: section.cols }}
          spacing="sm"
          verticalSpacing="sm"
        >
          {grid}
        </SimpleGrid>,
      );
      grid = [];
    };
    for (const { name, field } of inSection) {
      const input = (
        <FieldInput
          key={name}
          reg={reg}
          name={name}
          field={field}
          form={form}
          onChange={handlers[name]!}
          recordId={recordId}
          refLabels={refLabels}
          autoFocus={name === fields[0]?.name}
          editors={editors}
        />
      );
      if (field.form && (field.form.wide || field.kind === 'rows' || editors?.[name])) {
        flush();
        blocks.push(input);
        if (name === fuzzy) {
          blocks.push(
            <DuplicateWarning
              key={`${name}-duplicates`}
              reg={reg}
              identity={{ [name]: form.values[name] as string }}
              excludeId={recordId}
            />,
          );
        }
      } else grid.push(input);
    }
    flush();
    if (blocks.length === 0) return null;
    return (
      <Fieldset key={section.id} legend={section.legend} variant="filled">
        <Stack gap="sm">{blocks}</Stack>
      </Fieldset>
    );
  });

  return (
    <form
      id={`${reg.entity}-form`}
      onSubmit={submit}
      noValidate
      aria-label={capitalised(reg.noun.one)}
      onKeyDown={(e) => {
        // Enter picks options and adds tags here; saving a half-filled record by accident would be worse.
        if (e.key === 'Enter' && e.target instanceof HTMLInputElement) e.preventDefault();
      }}
    >
      <Stack gap="md">
        {problemFields.length > 0 && (
          <Alert color="red" title="Not saved yet" aria-live="polite">
            <Text size="sm">
              {problemFields.length === 1 ? 'One field needs' : `${problemFields.length} fields need`}{' '}
              attention:{' '}
              {problemFields.map((f, i) => (
                <span key={f.name}>
                  {i > 0 && ', '}
                  <Anchor
                    component="button"
                    type="button"
                    size="sm"
                    onClick={() => document.getElementById(inputId(reg, f.name))?.focus()}
                  >
                    {f.field.label}
                  </Anchor>
                </span>
              ))}
              .
            </Text>
          </Alert>
        )}
        {form.general.length > 0 && (
          <Alert color="red" title={`The core did not accept this ${reg.noun.one}`} role="alert">
            <List size="sm">
              {form.general.map((message) => (
                <List.Item key={message}>{message}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {sections}
      </Stack>
    </form>
  );
}
