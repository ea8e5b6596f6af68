import type { z } from 'zod';
import { transfers } from '../registers/transfers';

/** The transfer register's types, as its declaration gives them. */
export const TransferInputSchema = transfers.schemas.input;
export type TransferInput = z.input<typeof TransferInputSchema>;
export type Transfer = z.output<typeof transfers.schemas.record>;
export type TransferDetail = z.output<typeof transfers.schemas.detail>;
