import { z } from 'zod';
import { IdSchema, PageSchema } from '../domain/common';
import { DuplicateCandidateSchema } from './define';

const IdInput = z.object({ id: IdSchema });
/**
 * Archiving a record of a tree register (a vendor) may take the records below it along (its sub-processors), in
 * the same transaction; restoring may bring back the ones archived with it, by id.
 */
const ArchiveInput = z.object({
  id: IdSchema,
  withDescendants: z.boolean().default(false),
});
const RestoreInput = z.object({ id: IdSchema, alsoIds: z.array(IdSchema).max(10_000).default([]) });

interface RegisterSchemas {
  input: z.ZodType;
  record: z.ZodType;
  query: z.ZodType;
  detail: z.ZodType;
  update: z.ZodType;
  duplicates: z.ZodType;
}

type Spec<I extends z.ZodType, O extends z.ZodType> = { input: I; output: O };

/** The channels of one register, named `<register>:<verb>`. */
export type RegisterChannels<N extends string, S extends RegisterSchemas> = {
  [K in `${N}:list`]: Spec<S['query'], ReturnType<typeof PageSchema<S['record']>>>;
} & { [K in `${N}:get`]: Spec<typeof IdInput, S['detail']> } & {
  [K in `${N}:create`]: Spec<S['input'], S['record']>;
} & { [K in `${N}:update`]: Spec<S['update'], S['record']> } & {
  [K in `${N}:archive`]: Spec<typeof ArchiveInput, S['record']>;
} & {
  [K in `${N}:restore`]: Spec<typeof RestoreInput, S['record']>;
} & { [K in `${N}:duplicates`]: Spec<S['duplicates'], z.ZodArray<typeof DuplicateCandidateSchema>> };

/**
 * The contract channels every register gets from its declaration: list (sort, filter, search, page), get (with
 * history and linked records), create, update (optimistic lock), archive, restore, and likely duplicates.
 */
export function registerChannels<const N extends string, S extends RegisterSchemas>(reg: {
  name: N;
  schemas: S;
}): RegisterChannels<N, S> {
  const n = reg.name;
  const s = reg.schemas;
  return {
    [`${n}:list`]: { input: s.query, output: PageSchema(s.record) },
    [`${n}:get`]: { input: IdInput, output: s.detail },
    [`${n}:create`]: { input: s.input, output: s.record },
    [`${n}:update`]: { input: s.update, output: s.record },
    [`${n}:archive`]: { input: ArchiveInput, output: s.record },
    [`${n}:restore`]: { input: RestoreInput, output: s.record },
    [`${n}:duplicates`]: { input: s.duplicates, output: z.array(DuplicateCandidateSchema) },
  } as RegisterChannels<N, S>;
}

/** The verbs of a register's channels. */
export const REGISTER_VERBS = [
  'list',
  'get',
  'create',
  'update',
  'archive',
  'restore',
  'duplicates',
] as const;
