import { z } from 'zod';
import {
  CountryCodeSchema,
  CountryListSchema,
  IdSchema,
  IsoDateSchema,
  IsoDateTimeSchema,
  LabelListSchema,
  OptionalTextSchema,
  SortDirectionSchema,
} from './common';

export const VendorRoles = [
  'processor',
  'sub-processor',
  'joint-controller',
  'independent-controller',
] as const;
export const VendorRoleSchema = z.enum(VendorRoles);
export type VendorRole = z.infer<typeof VendorRoleSchema>;

export const DpaStatuses = ['none', 'requested', 'draft', 'signed', 'expired', 'not-required'] as const;
export const DpaStatusSchema = z.enum(DpaStatuses);
export type DpaStatus = z.infer<typeof DpaStatusSchema>;

export const VendorStatuses = ['onboarding', 'active', 'offboarded'] as const;
export const VendorStatusSchema = z.enum(VendorStatuses);

export const RiskRatings = ['low', 'medium', 'high', 'critical'] as const;
export const RiskRatingSchema = z.enum(RiskRatings);

/** Art 28(2): general or specific prior written authorisation for sub-processors. */
export const SubprocessorAuthorisations = ['general', 'specific'] as const;

export const VendorSourceKinds = ['manual', 'import', 'demo'] as const;

/** What a person may type or import for a vendor. The same schema validates the form, the doors and the core. */
export const VendorInputSchema = z
  .object({
    name: z.string().trim().min(1, 'A vendor needs a name.').max(300, 'Keep the name under 300 characters.'),
    legalEntity: OptionalTextSchema(300).default(null),
    role: VendorRoleSchema.default('processor'),
    services: LabelListSchema.default([]),
    dataCategories: LabelListSchema.default([]),
    dataSubjectCategories: LabelListSchema.default([]),
    specialCategoryData: z.boolean().default(false),
    processingCountries: CountryListSchema.default([]),
    headquartersCountry: CountryCodeSchema.nullable().default(null),
    dpaStatus: DpaStatusSchema.default('none'),
    dpaSignedAt: IsoDateSchema.nullable().default(null),
    dpaExpiresAt: IsoDateSchema.nullable().default(null),
    contractReference: OptionalTextSchema(300).default(null),
    certifications: LabelListSchema.default([]),
    riskRating: RiskRatingSchema.nullable().default(null),
    internalOwner: OptionalTextSchema(200).default(null),
    nextReviewAt: IsoDateSchema.nullable().default(null),
    status: VendorStatusSchema.default('active'),
    parentId: IdSchema.nullable().default(null),
    website: OptionalTextSchema(500).default(null),
    contact: OptionalTextSchema(500).default(null),
    notes: OptionalTextSchema(10_000).default(null),
    subprocessorAuthorisation: z.enum(SubprocessorAuthorisations).nullable().default(null),
    objectionPeriodDays: z.number().int().min(0).max(365).nullable().default(null),
    breachNoticeHours: z.number().int().min(0).max(8760).nullable().default(null),
    auditRights: z.boolean().nullable().default(null),
    endOfContractData: z.enum(['return', 'delete', 'return-then-delete']).nullable().default(null),
    sourceKind: z.enum(VendorSourceKinds).default('manual'),
    sourceDetail: OptionalTextSchema(500).default(null),
  })
  .superRefine((v, ctx) => {
    if (v.dpaSignedAt && v.dpaExpiresAt && v.dpaExpiresAt < v.dpaSignedAt) {
      ctx.addIssue({
        code: 'custom',
        path: ['dpaExpiresAt'],
        message: 'The DPA cannot expire before it was signed.',
      });
    }
    if (v.dpaStatus === 'signed' && !v.dpaSignedAt) {
      ctx.addIssue({ code: 'custom', path: ['dpaSignedAt'], message: 'Give the date the DPA was signed.' });
    }
  });
export type VendorInput = z.input<typeof VendorInputSchema>;
export type VendorFields = z.output<typeof VendorInputSchema>;

/** The stored fields of a vendor (what the audit log compares), in the order the form shows them. */
export const VendorFieldNames = [
  'name',
  'legalEntity',
  'role',
  'services',
  'dataCategories',
  'dataSubjectCategories',
  'specialCategoryData',
  'processingCountries',
  'headquartersCountry',
  'dpaStatus',
  'dpaSignedAt',
  'dpaExpiresAt',
  'contractReference',
  'certifications',
  'riskRating',
  'internalOwner',
  'nextReviewAt',
  'status',
  'parentId',
  'website',
  'contact',
  'notes',
  'subprocessorAuthorisation',
  'objectionPeriodDays',
  'breachNoticeHours',
  'auditRights',
  'endOfContractData',
  'sourceKind',
  'sourceDetail',
] as const satisfies readonly (keyof VendorFields)[];

/** A stored vendor with what the workbench derives from it. */
export const VendorSchema = z.object({
  id: IdSchema,
  name: z.string(),
  legalEntity: z.string().nullable(),
  role: VendorRoleSchema,
  services: z.array(z.string()),
  dataCategories: z.array(z.string()),
  dataSubjectCategories: z.array(z.string()),
  specialCategoryData: z.boolean(),
  processingCountries: z.array(z.string()),
  headquartersCountry: z.string().nullable(),
  dpaStatus: DpaStatusSchema,
  dpaSignedAt: z.string().nullable(),
  dpaExpiresAt: z.string().nullable(),
  contractReference: z.string().nullable(),
  certifications: z.array(z.string()),
  riskRating: RiskRatingSchema.nullable(),
  internalOwner: z.string().nullable(),
  nextReviewAt: z.string().nullable(),
  status: VendorStatusSchema,
  parentId: IdSchema.nullable(),
  parentName: z.string().nullable(),
  website: z.string().nullable(),
  contact: z.string().nullable(),
  notes: z.string().nullable(),
  subprocessorAuthorisation: z.enum(SubprocessorAuthorisations).nullable(),
  objectionPeriodDays: z.number().int().nullable(),
  breachNoticeHours: z.number().int().nullable(),
  auditRights: z.boolean().nullable(),
  endOfContractData: z.enum(['return', 'delete', 'return-then-delete']).nullable(),
  sourceKind: z.enum(VendorSourceKinds),
  sourceDetail: z.string().nullable(),
  archived: z.boolean(),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  /** Derived: a signed DPA past its expiry date reads as expired without anyone editing it. */
  effectiveDpaStatus: DpaStatusSchema,
  /** Derived: next review date is before today. */
  reviewOverdue: z.boolean(),
  /** Derived: processing countries outside the EEA (each needs a Chapter V transfer mechanism). */
  thirdCountries: z.array(z.string()),
});
export type Vendor = z.infer<typeof VendorSchema>;

/** Columns the vendor list can sort on (each has an index). */
export const VendorSortKeys = [
  'name',
  'legalEntity',
  'role',
  'services',
  'dataCategories',
  'processingCountries',
  'headquartersCountry',
  'dpaStatus',
  'dpaExpiresAt',
  'riskRating',
  'internalOwner',
  'nextReviewAt',
  'status',
  'createdAt',
  'updatedAt',
] as const;
export type VendorSortKey = (typeof VendorSortKeys)[number];

/** Text columns that accept a per-column "contains word" filter. */
export const VendorTextFilterKeys = [
  'name',
  'legalEntity',
  'services',
  'dataCategories',
  'internalOwner',
  'notes',
] as const;

/** Filters that narrow nothing: the register as a whole. A fresh object each call. */
export function emptyVendorFilters() {
  return {
    text: {},
    role: [],
    dpaStatus: [],
    status: [],
    riskRating: [],
    processingCountry: [],
    headquartersCountry: [],
    specialCategoryData: null,
    reviewOverdue: null,
  };
}

export const VendorQuerySchema = z.object({
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
  sort: z
    .object({ key: z.enum(VendorSortKeys), direction: SortDirectionSchema.default('asc') })
    .default({ key: 'name', direction: 'asc' }),
  search: z.string().trim().max(200).default(''),
  filters: z
    .object({
      text: z.partialRecord(z.enum(VendorTextFilterKeys), z.string().trim().max(200)).default({}),
      role: z.array(VendorRoleSchema).default([]),
      dpaStatus: z.array(DpaStatusSchema).default([]),
      status: z.array(VendorStatusSchema).default([]),
      riskRating: z.array(RiskRatingSchema).default([]),
      processingCountry: z.array(CountryCodeSchema).default([]),
      headquartersCountry: z.array(CountryCodeSchema).default([]),
      specialCategoryData: z.boolean().nullable().default(null),
      reviewOverdue: z.boolean().nullable().default(null),
    })
    .default(emptyVendorFilters),
  archived: z.enum(['exclude', 'only', 'include']).default('exclude'),
});
export type VendorQuery = z.input<typeof VendorQuerySchema>;

/** One link in the sub-processor chain. */
export const VendorLinkSchema = z.object({
  id: IdSchema,
  name: z.string(),
  role: VendorRoleSchema,
  archived: z.boolean(),
  depth: z.number().int(),
});

export const AuditEntrySchema = z.object({
  id: IdSchema,
  at: IsoDateTimeSchema,
  actor: z.string(),
  entity: z.string(),
  entityId: z.number().int(),
  action: z.enum(['create', 'update', 'archive', 'restore', 'delete']),
  field: z.string().nullable(),
  oldValue: z.unknown(),
  newValue: z.unknown(),
  importId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const VendorDetailSchema = z.object({
  vendor: VendorSchema,
  /** From the direct parent up to the top of the chain. */
  parents: z.array(VendorLinkSchema),
  /** Every vendor below this one, depth 1 = direct sub-processors. */
  children: z.array(VendorLinkSchema),
  history: z.array(AuditEntrySchema),
});
export type VendorDetail = z.infer<typeof VendorDetailSchema>;

export const DuplicateCandidateSchema = z.object({ id: IdSchema, name: z.string(), reason: z.string() });
