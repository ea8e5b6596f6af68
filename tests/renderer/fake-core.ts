import { SettingsSchema, type Settings } from '../../shared/domain/settings';
import type { DpoBridge } from '../../shared/bridge';
import type { Channel, ChannelOutput, ChannelParsedInput } from '../../shared/contract';
import { contract } from '../../shared/contract';
import type { AuditEntry, Vendor, VendorDetail, VendorInput } from '../../shared/domain/vendor';
import type { Envelope } from '../../shared/errors';
import { AppError, issuesFromZod, toErrorShape } from '../../shared/errors';
import type { DeriveEnv, Register } from '../../shared/kit/define';
import { registerByName, registers } from '../../shared/registers/index';

export const TODAY = new Date().toISOString().slice(0, 10);

type Rec = Record<string, unknown> & { id: number; archived: boolean; updatedAt: string; createdAt: string };

const env = (related: Record<string, Rec[]> = {}): DeriveEnv => ({
  today: TODAY,
  now: new Date().toISOString(),
  organisation: { name: null, country: null, dpoContact: null, timeZone: null },
  settings: SettingsSchema.parse({ organisation: {} }),
  refs: {},
  related,
  linked: {},
});

/**
 * A stored record with its derived facts computed by the register's own declaration (the same functions the
 * core runs), so the fake never has a second copy of what a fact means.
 */
function makeRecord(
  reg: Register,
  id: number,
  input: Record<string, unknown>,
  extra: Partial<Rec> = {},
): Rec {
  const fields = reg.schemas.input.parse(input);
  const record: Rec = {
    ...fields,
    id,
    archived: false,
    createdAt: '2025-01-10T09:00:00.000Z',
    updatedAt: '2025-01-10T09:00:00.000Z',
    ...extra,
  };
  for (const f of reg.fieldList) {
    if (f.field.ref && !(f.field.ref.nameKey in record)) record[f.field.ref.nameKey] = null;
  }
  for (const [name, fact] of Object.entries(reg.derived)) {
    if (!(name in extra)) record[name] = fact.compute(record as never, env());
  }
  return record;
}

/** A stored vendor with the derived fields computed the way the core computes them. */
export function makeVendor(id: number, input: VendorInput, extra: Partial<Vendor> = {}): Vendor {
  return makeRecord(registerByName('vendors')!, id, input, extra as Partial<Rec>) as unknown as Vendor;
}

type Handler<C extends Channel> = (
  input: ChannelParsedInput<C>,
) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
type Overrides = { [C in Channel]?: Handler<C> };

export interface FakeCore {
  vendors: Vendor[];
  /** The records of every register by register name (vendors is the same list as `vendors`). */
  records: Record<string, Rec[]>;
  calls: { channel: Channel; input: unknown }[];
  /** Inputs of every call on one channel, oldest first. */
  callsTo<C extends Channel>(channel: C): ChannelParsedInput<C>[];
  lastCallTo<C extends Channel>(channel: C): ChannelParsedInput<C> | undefined;
  /** Replaces one channel's behaviour; throwing an AppError answers with its envelope. */
  override<C extends Channel>(channel: C, handler: Handler<C>): void;
  details: Map<number, Partial<Omit<VendorDetail, 'vendor'>>>;
  bridge: DpoBridge;
}

const demoVendors: VendorInput[] = [
  {
    name: 'Cloudhost Europe',
    role: 'processor',
    processingCountries: ['DE', 'US'],
    dpaStatus: 'signed',
    dpaSignedAt: '2024-02-01',
  },
  { name: 'Mailer Inc', role: 'sub-processor', processingCountries: ['US'], dpaStatus: 'draft' },
];

/** A channel the fake does not model; tests that need it install an override. */
const notFaked = (channel: Channel) => () => {
  throw new AppError('INTERNAL', `${channel} is not faked; override it in the test.`);
};

/** What a filter keeps, read from the record as the core returns it (stored or derived). */
function keeps(reg: Register, r: Rec, key: string, value: unknown): boolean {
  const f = reg.filters.find((x) => x.key === key);
  if (!f || value === null || value === undefined || (Array.isArray(value) && value.length === 0))
    return true;
  const v = r[f.source.name];
  if (f.kind === 'yes-no') return (Array.isArray(v) ? v.length > 0 : Boolean(v)) === value;
  const wanted = value as string[];
  return Array.isArray(v) ? v.some((x) => wanted.includes(String(x))) : wanted.includes(String(v));
}

/**
 * An in-memory stand-in for the core behind `window.dpo`: it parses inputs with the contract's schemas, keeps
 * the records of every register in lists, and answers with envelopes, so the UI is tested through the same door
 * the app uses.
 */
export function installFakeCore(initial: Vendor[] = []): FakeCore {
  const records: Record<string, Rec[]> = {};
  for (const reg of registers) records[reg.name] = [];
  records.vendors = [...initial] as unknown as Rec[];
  const vendors = records.vendors as unknown as Vendor[];
  const calls: FakeCore['calls'] = [];
  let settings: Settings = SettingsSchema.parse({ organisation: {} });
  const overrides: Overrides = {};
  const details: FakeCore['details'] = new Map();
  const nextIds = new Map<string, number>();
  const nextId = (name: string) => {
    const id = nextIds.get(name) ?? Math.max(0, ...records[name]!.map((v) => v.id)) + 1;
    nextIds.set(name, id + 1);
    return id;
  };
  let clock = Date.parse('2025-06-01T10:00:00.000Z');
  const tick = () => new Date((clock += 60_000)).toISOString();

  const handlers: Record<string, (input: never) => unknown> = {};
  for (const r of registers) {
    const reg = r as unknown as Register;
    const list = () => records[reg.name]!;
    const find = (id: number) => {
      const record = list().find((v) => v.id === id);
      if (!record) throw new AppError('NOT_FOUND', `There is no ${reg.noun.one} ${id}.`);
      return record;
    };
    Object.assign(handlers, {
      [`${reg.name}:list`]: (q: ChannelParsedInput<'vendors:list'>) => {
        let rows = list().filter((v) =>
          q.archived === 'only' ? v.archived : q.archived === 'exclude' ? !v.archived : true,
        );
        if (q.search)
          rows = rows.filter((v) => JSON.stringify(v).toLowerCase().includes(q.search.toLowerCase()));
        for (const [key, value] of Object.entries((q.filters.text ?? {}) as Record<string, string>)) {
          if (value)
            rows = rows.filter((v) =>
              String(v[key] ?? '')
                .toLowerCase()
                .includes(value.toLowerCase()),
            );
        }
        for (const [key, value] of Object.entries(q.filters)) {
          if (key !== 'text') rows = rows.filter((v) => keeps(reg, v, key, value));
        }
        const { key, direction } = q.sort;
        rows = [...rows].sort((a, b) => {
          const cmp = String(a[key] ?? '').localeCompare(String(b[key] ?? ''));
          return direction === 'asc' ? cmp : -cmp;
        });
        return { rows: rows.slice(q.offset, q.offset + q.limit), total: rows.length, offset: q.offset };
      },
      [`${reg.name}:get`]: ({ id }: { id: number }) => {
        const record = find(id);
        const extra = reg.name === 'vendors' ? (details.get(id) ?? {}) : {};
        return {
          [reg.entity]: record,
          ...(reg.tree ? { parents: extra.parents ?? [], children: extra.children ?? [] } : {}),
          history: extra.history ?? [],
          related: Object.fromEntries(Object.keys(reg.relations).map((name) => [name, []])),
        };
      },
      [`${reg.name}:create`]: (values: Record<string, unknown>) => {
        const at = tick();
        const record = makeRecord(reg, nextId(reg.name), values, { createdAt: at, updatedAt: at });
        list().push(record);
        return record;
      },
      [`${reg.name}:update`]: ({
        id,
        values,
        expectedUpdatedAt,
      }: {
        id: number;
        values: Record<string, unknown>;
        expectedUpdatedAt?: string;
      }) => {
        const current = find(id);
        if (expectedUpdatedAt && expectedUpdatedAt !== current.updatedAt) {
          throw new AppError('CONFLICT', `This ${reg.noun.one} was changed by someone else.`);
        }
        const updated = makeRecord(reg, id, values, { createdAt: current.createdAt, updatedAt: tick() });
        list()[list().indexOf(current)] = updated;
        return updated;
      },
      [`${reg.name}:archive`]: ({ id }: { id: number }) =>
        Object.assign(find(id), { archived: true, updatedAt: tick() }),
      [`${reg.name}:restore`]: ({ id }: { id: number }) =>
        Object.assign(find(id), { archived: false, updatedAt: tick() }),
      [`${reg.name}:duplicates`]: ({ excludeId, ...identity }: { excludeId?: number; name?: string }) =>
        identity.name === undefined
          ? []
          : list()
              .filter(
                (v) => v.id !== excludeId && String(v.name).toLowerCase() === identity.name!.toLowerCase(),
              )
              .map((v) => ({ id: v.id, name: String(v.name), reason: 'Same name' })),
    });
  }

  Object.assign(handlers, {
    'app:info': () => ({ version: '0.1.0', schemaVersion: 3, dbPath: '/tmp/test.sqlite', door: 'desktop' }),
    'settings:get': () => settings,
    'settings:update': (s: Partial<typeof settings>) => {
      settings = { ...settings, ...s };
      return settings;
    },
    'audit:history': () => [] as AuditEntry[],
    'audit:verify': () => ({ ok: true, entries: 0, firstBadId: null, reason: null }),
    'search:records': ({ query, limit }: { query: string; limit: number }) =>
      vendors
        .filter((v) => v.name.toLowerCase().includes(query.toLowerCase()))
        .slice(0, limit)
        .map((v) => ({ register: 'vendors', id: v.id, title: v.name, detail: v.role, archived: v.archived })),
    'demo:load': () => {
      for (const input of demoVendors)
        vendors.push(makeVendor(nextId('vendors'), { ...input, sourceKind: 'demo' }));
      return {
        created: demoVendors.length,
        skipped: 0,
        registers: { vendors: { created: demoVendors.length, skipped: 0 } },
      };
    },
    'import:list': ({ offset }: { offset: number }) => ({ rows: [], total: 0, offset }),
    'backups:list': () => [],
    'import:presets:list': () => [],
    'import:cancel': () => ({ cancelled: false }),
    'import:inspect': notFaked('import:inspect'),
    'import:preview': notFaked('import:preview'),
    'import:commit': notFaked('import:commit'),
    'import:undo': notFaked('import:undo'),
    'import:presets:save': notFaked('import:presets:save'),
    'import:presets:delete': notFaked('import:presets:delete'),
  });

  const bridge: DpoBridge = {
    async invoke(channel: string, input: unknown): Promise<Envelope<unknown>> {
      calls.push({ channel: channel as Channel, input });
      const spec = contract[channel as Channel];
      if (!spec) return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } };
      const parsed = spec.input.safeParse(input);
      if (!parsed.success) {
        return {
          ok: false,
          error: {
            code: 'VALIDATION',
            message: 'The input is not valid.',
            details: issuesFromZod(parsed.error),
          },
        };
      }
      try {
        const handler = (overrides[channel as Channel] ?? handlers[channel]) as Handler<Channel>;
        const value = await handler(parsed.data as never);
        // A copy, as over IPC: the UI must never hold the fake's own objects.
        return { ok: true, value: structuredClone(value) };
      } catch (err) {
        return { ok: false, error: toErrorShape(err) };
      }
    },
    onEvent: () => () => {},
  };
  (window as Window & { dpo?: DpoBridge }).dpo = bridge;

  // A list asked only for its count (limit 1: the header's counts, the empty-register check) is not a page the
  // user sees: tests of what the page asks for read the page queries alone.
  const parsedCalls = <C extends Channel>(channel: C) =>
    calls
      .filter((c) => c.channel === channel)
      .map((c) => contract[channel].input.parse(c.input) as ChannelParsedInput<C>)
      .filter((q) => !(channel.endsWith(':list') && (q as { limit?: number }).limit === 1));

  return {
    vendors,
    records,
    calls,
    details,
    bridge,
    callsTo: parsedCalls,
    lastCallTo: (channel) => parsedCalls(channel).at(-1),
    override: (channel, handler) => {
      (overrides as Record<string, unknown>)[channel] = handler;
    },
  };
}
