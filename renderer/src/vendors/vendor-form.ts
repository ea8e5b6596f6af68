import type { FieldIssue } from '../../../shared/errors';
import { issuesFromZod } from '../../../shared/errors';
import type { Vendor, VendorFields, VendorInput } from '../../../shared/domain/vendor';
import { VendorInputSchema } from '../../../shared/domain/vendor';

/**
 * What the form holds while the user edits: the stored fields, with free text as strings and numbers as
 * `number | ''` the way Mantine inputs report them. `toVendorInput` turns it back into schema input.
 */
export type VendorFormValues = Omit<
  VendorFields,
  | 'legalEntity'
  | 'contractReference'
  | 'internalOwner'
  | 'website'
  | 'contact'
  | 'notes'
  | 'sourceDetail'
  | 'objectionPeriodDays'
  | 'breachNoticeHours'
> & {
  legalEntity: string;
  contractReference: string;
  internalOwner: string;
  website: string;
  contact: string;
  notes: string;
  sourceDetail: string;
  objectionPeriodDays: number | string;
  breachNoticeHours: number | string;
};

export type VendorField = keyof VendorFormValues;
export type FieldErrors = Partial<Record<VendorField, string>>;

export const blankVendor: VendorFormValues = {
  name: '',
  legalEntity: '',
  role: 'processor',
  services: [],
  dataCategories: [],
  dataSubjectCategories: [],
  specialCategoryData: false,
  processingCountries: [],
  headquartersCountry: null,
  dpaStatus: 'none',
  dpaSignedAt: null,
  dpaExpiresAt: null,
  contractReference: '',
  certifications: [],
  riskRating: null,
  internalOwner: '',
  nextReviewAt: null,
  status: 'active',
  parentId: null,
  website: '',
  contact: '',
  notes: '',
  subprocessorAuthorisation: null,
  objectionPeriodDays: '',
  breachNoticeHours: '',
  auditRights: null,
  endOfContractData: null,
  sourceKind: 'manual',
  sourceDetail: '',
};

/** The form's starting point for a stored vendor. */
export function formValuesFrom(v: Vendor): VendorFormValues {
  return {
    name: v.name,
    legalEntity: v.legalEntity ?? '',
    role: v.role,
    services: v.services,
    dataCategories: v.dataCategories,
    dataSubjectCategories: v.dataSubjectCategories,
    specialCategoryData: v.specialCategoryData,
    processingCountries: v.processingCountries,
    headquartersCountry: v.headquartersCountry,
    dpaStatus: v.dpaStatus,
    dpaSignedAt: v.dpaSignedAt,
    dpaExpiresAt: v.dpaExpiresAt,
    contractReference: v.contractReference ?? '',
    certifications: v.certifications,
    riskRating: v.riskRating,
    internalOwner: v.internalOwner ?? '',
    nextReviewAt: v.nextReviewAt,
    status: v.status,
    parentId: v.parentId,
    website: v.website ?? '',
    contact: v.contact ?? '',
    notes: v.notes ?? '',
    subprocessorAuthorisation: v.subprocessorAuthorisation,
    objectionPeriodDays: v.objectionPeriodDays ?? '',
    breachNoticeHours: v.breachNoticeHours ?? '',
    auditRights: v.auditRights,
    endOfContractData: v.endOfContractData,
    sourceKind: v.sourceKind,
    sourceDetail: v.sourceDetail ?? '',
  };
}

function numberOrNull(value: number | string): number | null {
  if (typeof value === 'number') return value;
  return value.trim() === '' ? null : Number(value);
}

/** Schema input from the form; blanks become null through the schema itself. */
export function toVendorInput(values: VendorFormValues): VendorInput {
  return {
    ...values,
    objectionPeriodDays: numberOrNull(values.objectionPeriodDays),
    breachNoticeHours: numberOrNull(values.breachNoticeHours),
  };
}

const formFields = new Set<string>(Object.keys(blankVendor));

/**
 * Places each issue under its field: `processingCountries.2` belongs to `processingCountries`; the update
 * channel nests the record under `values.`. Issues that name no field of the form come back as `general`.
 */
export function errorsFromIssues(issues: readonly FieldIssue[]): { fields: FieldErrors; general: string[] } {
  const fields: FieldErrors = {};
  const general: string[] = [];
  for (const issue of issues) {
    const path = issue.path.replace(/^values\.?/, '');
    const field = path.split('.')[0] ?? '';
    if (formFields.has(field)) {
      const key = field as VendorField;
      fields[key] = fields[key] ? `${fields[key]} ${issue.message}` : issue.message;
    } else {
      general.push(issue.message);
    }
  }
  return { fields, general };
}

export type Validation =
  { ok: true; data: VendorFields } | { ok: false; errors: FieldErrors; general: string[] };

/** Checks the form with the same schema the core uses, so a message here is the message the core would give. */
export function validateVendor(values: VendorFormValues): Validation {
  const parsed = VendorInputSchema.safeParse(toVendorInput(values));
  if (parsed.success) return { ok: true, data: parsed.data };
  const { fields, general } = errorsFromIssues(issuesFromZod(parsed.error));
  return { ok: false, errors: fields, general };
}

/** Field order on screen, so the first problem gets focus. */
export const fieldOrder: VendorField[] = [
  'name',
  'legalEntity',
  'role',
  'parentId',
  'status',
  'headquartersCountry',
  'website',
  'contact',
  'services',
  'dataCategories',
  'dataSubjectCategories',
  'specialCategoryData',
  'processingCountries',
  'dpaStatus',
  'dpaSignedAt',
  'dpaExpiresAt',
  'contractReference',
  'subprocessorAuthorisation',
  'objectionPeriodDays',
  'breachNoticeHours',
  'auditRights',
  'endOfContractData',
  'certifications',
  'riskRating',
  'internalOwner',
  'nextReviewAt',
  'notes',
  'sourceKind',
  'sourceDetail',
];
