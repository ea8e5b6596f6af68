import type { Channel } from '../../../shared/contract';
import type { AuditEntry, Register, TreeLink } from '../../../shared/kit/define';
import { invoke } from '../api/client';

/** A record as the generic pages hold it: the declaration says what else it carries. */
export type Rec = Record<string, unknown> & {
  id: number;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
};

/** A record with its history, place in the tree and the records pointing to it. */
export interface RecordDetail {
  record: Rec;
  history: AuditEntry[];
  parents?: TreeLink[];
  children?: TreeLink[];
  related: Record<string, Rec[]>;
}

export interface ListQuery {
  sort: { key: string; direction: 'asc' | 'desc' };
  search: string;
  filters: Record<string, unknown>;
  archived: 'exclude' | 'only' | 'include';
}

const callRegister = <T>(reg: Register, verb: string, input: unknown): Promise<T> =>
  invoke(`${reg.name}:${verb}` as Channel, input as never) as Promise<T>;

/** The channels of one register, for the pages every register shares. */
export function registerApi(reg: Register) {
  return {
    list: (input: Partial<ListQuery> & { offset?: number; limit?: number }) =>
      callRegister<{ rows: Rec[]; total: number; offset: number }>(reg, 'list', input),
    get: async (id: number): Promise<RecordDetail> => {
      const d = await callRegister<Record<string, unknown>>(reg, 'get', { id });
      return {
        record: d[reg.entity] as Rec,
        history: d.history as AuditEntry[],
        parents: d.parents as TreeLink[] | undefined,
        children: d.children as TreeLink[] | undefined,
        related: (d.related ?? {}) as Record<string, Rec[]>,
      };
    },
    create: (values: Record<string, unknown>) => callRegister<Rec>(reg, 'create', values),
    update: (id: number, values: Record<string, unknown>, expectedUpdatedAt?: string) =>
      callRegister<Rec>(reg, 'update', { id, values, expectedUpdatedAt }),
    archive: (id: number, withDescendants = false) =>
      callRegister<Rec>(reg, 'archive', withDescendants ? { id, withDescendants } : { id }),
    restore: (id: number, alsoIds: number[] = []) =>
      callRegister<Rec>(reg, 'restore', alsoIds.length > 0 ? { id, alsoIds } : { id }),
    duplicates: (identity: Record<string, unknown>, excludeId?: number) =>
      callRegister<{ id: number; name: string; reason: string }[]>(reg, 'duplicates', {
        ...identity,
        excludeId,
      }),
  };
}

/** "Vendor", "Transfer": a register's noun at the start of a sentence. */
export const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
