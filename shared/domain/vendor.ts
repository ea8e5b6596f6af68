import type { z } from 'zod';
import type { StoredFields } from '../kit/define';
import { vendors } from '../registers/vendors';

export { AuditEntrySchema, type AuditEntry } from '../kit/define';

/** The vendor register's types, as its declaration gives them. */
export const VendorInputSchema = vendors.schemas.input;
export type VendorInput = z.input<typeof VendorInputSchema>;
/** A vendor's stored fields, references resolved to ids. */
export type VendorFields = StoredFields<typeof vendors.fields>;
export type Vendor = z.output<typeof vendors.schemas.record>;
export type VendorDetail = z.output<typeof vendors.schemas.detail>;
export type VendorRole = Vendor['role'];
export type DpaStatus = Vendor['dpaStatus'];
