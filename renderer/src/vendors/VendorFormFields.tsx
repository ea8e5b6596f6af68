import {
  Alert,
  Anchor,
  Checkbox,
  Fieldset,
  List,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { DateInputProps } from '@mantine/dates';
import { DateInput } from '@mantine/dates';
import type { FormEvent } from 'react';
import { useCallback } from 'react';
import { VendorSourceKinds } from '../../../shared/domain/vendor';
import { CountryMultiSelect, CountrySelect } from '../components/CountryPicker';
import { formatDate, parseTypedDate } from '../lib/format';
import { DuplicateWarning } from './DuplicateWarning';
import {
  authorisationLabels,
  dpaStatusOptions,
  endOfContractLabels,
  fieldLabels,
  optionsOf,
  riskOptions,
  roleOptions,
  sourceLabels,
  statusOptions,
} from './labels';
import { ParentVendorSelect } from './ParentVendorSelect';
import type { VendorFormState } from './use-vendor-form';
import type { VendorField, VendorFormValues } from './vendor-form';
import { fieldOrder } from './vendor-form';

const authorisationOptions = optionsOf(['general', 'specific'] as const, authorisationLabels);
const endOfContractOptions = optionsOf(
  ['return', 'delete', 'return-then-delete'] as const,
  endOfContractLabels,
);
const sourceOptions = optionsOf(VendorSourceKinds, sourceLabels);
const auditOptions = [
  { value: 'yes', label: 'Yes, we may audit' },
  { value: 'no', label: 'No audit rights' },
];

function DateField(props: DateInputProps) {
  return (
    <DateInput
      valueFormat={(value) => formatDate(value)}
      dateParser={parseTypedDate}
      clearable
      placeholder="Pick or type a date"
      popoverProps={{ withinPortal: true }}
      {...props}
    />
  );
}

/**
 * Every field of a vendor with its plain label, grouped as a DPO reads a contract file: who they are, what
 * they process and where, the contract terms, and our oversight of them.
 */
export function VendorFormFields({
  form,
  vendorId,
  parentName,
  onSubmit,
}: {
  form: VendorFormState;
  vendorId?: number;
  parentName: string | null;
  onSubmit: () => void;
}) {
  const { values, errors, setField } = form;
  const problemFields = fieldOrder.filter((f) => errors[f]);
  // Common props for one field: its id (for focus on error), its label, its value's error.
  const field = (name: VendorField) => ({
    id: `vendor-${name}`,
    label: fieldLabels[name],
    error: errors[name],
  });
  const text = (name: VendorField & keyof VendorFormValues) => ({
    ...field(name),
    value: values[name] as string,
    onChange: (e: { currentTarget: { value: string } }) =>
      setField(name, e.currentTarget.value as VendorFormValues[typeof name]),
  });
  const labels = (name: 'services' | 'dataCategories' | 'dataSubjectCategories' | 'certifications') => ({
    ...field(name),
    value: values[name],
    onChange: (value: string[]) => setField(name, value),
    clearable: true,
    splitChars: [',', ';'],
  });

  // Stable handlers let the memoized country pickers skip re-rendering while other fields are typed in.
  const setHeadquarters = useCallback((v: string | null) => setField('headquartersCountry', v), [setField]);
  const setProcessingCountries = useCallback((v: string[]) => setField('processingCountries', v), [setField]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };

  return (
    <form
      id="vendor-form"
      onSubmit={submit}
      noValidate
      aria-label="Vendor"
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
                <span key={f}>
                  {i > 0 && ', '}
                  <Anchor
                    component="button"
                    type="button"
                    size="sm"
                    onClick={() => document.getElementById(`vendor-${f}`)?.focus()}
                  >
                    {fieldLabels[f]}
                  </Anchor>
                </span>
              ))}
              .
            </Text>
          </Alert>
        )}
        {form.general.length > 0 && (
          <Alert color="red" title="The core did not accept this vendor" role="alert">
            <List size="sm">
              {form.general.map((message) => (
                <List.Item key={message}>{message}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        <Fieldset legend="Who they are" variant="filled">
          <Stack gap="sm">
            <TextInput {...text('name')} required autoComplete="off" data-autofocus />
            <DuplicateWarning name={values.name} excludeId={vendorId} />
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm" verticalSpacing="sm">
              <TextInput
                {...text('legalEntity')}
                description="The contracting company, e.g. Acme Cloud Ireland Ltd"
              />
              <Select
                {...field('role')}
                data={roleOptions}
                value={values.role}
                allowDeselect={false}
                onChange={(v) => v && setField('role', v as VendorFormValues['role'])}
              />
              <ParentVendorSelect
                value={values.parentId}
                initialLabel={parentName}
                excludeId={vendorId}
                onChange={(v) => setField('parentId', v)}
                error={errors.parentId}
              />
              <Select
                {...field('status')}
                data={statusOptions}
                value={values.status}
                allowDeselect={false}
                onChange={(v) => v && setField('status', v as VendorFormValues['status'])}
              />
              <CountrySelect
                {...field('headquartersCountry')}
                value={values.headquartersCountry}
                onChange={setHeadquarters}
                placeholder="Search by name or code"
              />
              <TextInput {...text('website')} placeholder="https://" />
            </SimpleGrid>
            <Textarea
              {...text('contact')}
              autosize
              minRows={1}
              description="Privacy or DPO contact at the vendor"
            />
          </Stack>
        </Fieldset>

        <Fieldset legend="What they process, and where" variant="filled">
          <Stack gap="sm">
            <TagsInput {...labels('services')} description="Press Enter or comma after each one" />
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm" verticalSpacing="sm">
              <TagsInput {...labels('dataCategories')} description="e.g. contact details, payment data" />
              <TagsInput {...labels('dataSubjectCategories')} description="e.g. customers, employees" />
            </SimpleGrid>
            <Checkbox
              id="vendor-specialCategoryData"
              label={fieldLabels.specialCategoryData}
              description="Health, biometric, religious or other data listed in Art 9(1)"
              checked={values.specialCategoryData}
              onChange={(e) => setField('specialCategoryData', e.currentTarget.checked)}
              error={errors.specialCategoryData}
            />
            <CountryMultiSelect
              {...field('processingCountries')}
              description="Where the vendor stores or accesses the data. Countries outside the EEA need a transfer mechanism."
              placeholder={values.processingCountries.length ? undefined : 'Search by name or code'}
              value={values.processingCountries}
              onChange={setProcessingCountries}
            />
          </Stack>
        </Fieldset>

        <Fieldset legend="Contract (Art 28)" variant="filled">
          <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm" verticalSpacing="sm">
            <Select
              {...field('dpaStatus')}
              data={dpaStatusOptions}
              value={values.dpaStatus}
              allowDeselect={false}
              onChange={(v) => v && setField('dpaStatus', v as VendorFormValues['dpaStatus'])}
            />
            <DateField
              {...field('dpaSignedAt')}
              value={values.dpaSignedAt}
              onChange={(v) => setField('dpaSignedAt', v)}
            />
            <DateField
              {...field('dpaExpiresAt')}
              value={values.dpaExpiresAt}
              onChange={(v) => setField('dpaExpiresAt', v)}
            />
            <TextInput {...text('contractReference')} />
            <Select
              {...field('subprocessorAuthorisation')}
              data={authorisationOptions}
              value={values.subprocessorAuthorisation}
              clearable
              placeholder="Not recorded"
              onChange={(v) =>
                setField('subprocessorAuthorisation', v as VendorFormValues['subprocessorAuthorisation'])
              }
            />
            <NumberInput
              {...field('objectionPeriodDays')}
              description="Days to object to a new sub-processor"
              value={values.objectionPeriodDays}
              onChange={(v) => setField('objectionPeriodDays', v)}
              min={0}
              max={365}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="blur"
              hideControls
            />
            <NumberInput
              {...field('breachNoticeHours')}
              description="Hours the vendor has to tell us"
              value={values.breachNoticeHours}
              onChange={(v) => setField('breachNoticeHours', v)}
              min={0}
              max={8760}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="blur"
              hideControls
            />
            <Select
              {...field('auditRights')}
              data={auditOptions}
              value={values.auditRights === null ? null : values.auditRights ? 'yes' : 'no'}
              clearable
              placeholder="Not recorded"
              onChange={(v) => setField('auditRights', v === null ? null : v === 'yes')}
            />
            <Select
              {...field('endOfContractData')}
              data={endOfContractOptions}
              value={values.endOfContractData}
              clearable
              placeholder="Not recorded"
              onChange={(v) => setField('endOfContractData', v as VendorFormValues['endOfContractData'])}
            />
          </SimpleGrid>
          <TagsInput {...labels('certifications')} mt="sm" description="e.g. ISO 27001, SOC 2 Type II" />
        </Fieldset>

        <Fieldset legend="Our oversight" variant="filled">
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm" verticalSpacing="sm">
              <Select
                {...field('riskRating')}
                data={riskOptions}
                value={values.riskRating}
                clearable
                placeholder="Not rated"
                onChange={(v) => setField('riskRating', v as VendorFormValues['riskRating'])}
              />
              <TextInput {...text('internalOwner')} description="Who looks after this vendor" />
              <DateField
                {...field('nextReviewAt')}
                value={values.nextReviewAt}
                onChange={(v) => setField('nextReviewAt', v)}
              />
            </SimpleGrid>
            <Textarea {...text('notes')} autosize minRows={2} maxRows={10} />
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm" verticalSpacing="sm">
              <Select
                {...field('sourceKind')}
                data={sourceOptions}
                value={values.sourceKind}
                allowDeselect={false}
                onChange={(v) => v && setField('sourceKind', v as VendorFormValues['sourceKind'])}
              />
              <TextInput {...text('sourceDetail')} description="e.g. the file it was imported from" />
            </SimpleGrid>
          </Stack>
        </Fieldset>
      </Stack>
    </form>
  );
}
