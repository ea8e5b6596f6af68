import { z } from 'zod';
import { IdSchema, PageSchema } from './domain/common';
import {
  AuditEntrySchema,
  DuplicateCandidateSchema,
  VendorDetailSchema,
  VendorInputSchema,
  VendorQuerySchema,
  VendorSchema,
} from './domain/vendor';

const IdInput = z.object({ id: IdSchema });

/** The only place a channel name is written. Every door (Electron IPC, web, CLI) goes through `dispatch`. */
export const contract = {
  'app:info': {
    input: z.object({}).default({}),
    output: z.object({
      version: z.string(),
      schemaVersion: z.number().int(),
      dbPath: z.string(),
      door: z.enum(['desktop', 'web', 'cli']),
    }),
  },
  'vendors:list': { input: VendorQuerySchema, output: PageSchema(VendorSchema) },
  'vendors:get': { input: IdInput, output: VendorDetailSchema },
  'vendors:create': { input: VendorInputSchema, output: VendorSchema },
  'vendors:update': {
    input: z.object({
      id: IdSchema,
      /** The whole record as the form holds it; only changed fields reach the audit log. */
      values: VendorInputSchema,
      /** Optimistic lock: the `updatedAt` the editor started from. */
      expectedUpdatedAt: z.string().optional(),
    }),
    output: VendorSchema,
  },
  'vendors:archive': { input: IdInput, output: VendorSchema },
  'vendors:restore': { input: IdInput, output: VendorSchema },
  'vendors:duplicates': {
    input: z.object({ name: z.string().trim().min(1), excludeId: IdSchema.optional() }),
    output: z.array(DuplicateCandidateSchema),
  },
  'audit:history': {
    input: z.object({ entity: z.string(), entityId: z.number().int() }),
    output: z.array(AuditEntrySchema),
  },
  'audit:verify': {
    input: z.object({}).default({}),
    output: z.object({
      ok: z.boolean(),
      entries: z.number().int(),
      firstBadId: z.number().int().nullable(),
      reason: z.string().nullable(),
    }),
  },
  'demo:load': {
    input: z.object({}).default({}),
    output: z.object({ created: z.number().int(), skipped: z.number().int() }),
  },
} as const satisfies Record<`${string}:${string}`, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export const channels = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

/** Progress events that long jobs (import, export, backup) emit, named here beside the channels. */
export const progressEvents = {
  'job:progress': z.object({
    jobId: z.string(),
    kind: z.string(),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative().nullable(),
    message: z.string().optional(),
  }),
} as const;
export type ProgressEventName = keyof typeof progressEvents;
export type ProgressEvent = z.infer<(typeof progressEvents)['job:progress']>;
