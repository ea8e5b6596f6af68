import type { DpoBridge } from '../../shared/bridge';
import type { Channel, ChannelOutput, ChannelParsedInput } from '../../shared/contract';
import { contract } from '../../shared/contract';
import type { AuditEntry, Vendor, VendorDetail, VendorFields, VendorInput } from '../../shared/domain/vendor';
import { VendorInputSchema } from '../../shared/domain/vendor';
import type { Envelope } from '../../shared/errors';
import { AppError, issuesFromZod, toErrorShape } from '../../shared/errors';
import { isInEea } from '../../shared/reference/eea';

export const TODAY = new Date().toISOString().slice(0, 10);

/** A stored vendor with the derived fields computed the way the core documents them. */
export function makeVendor(id: number, input: VendorInput, extra: Partial<Vendor> = {}): Vendor {
  const fields: VendorFields = VendorInputSchema.parse(input);
  const expired =
    fields.dpaStatus === 'signed' && fields.dpaExpiresAt !== null && fields.dpaExpiresAt < TODAY;
  return {
    ...fields,
    id,
    parentName: null,
    archived: false,
    createdAt: '2025-01-10T09:00:00.000Z',
    updatedAt: '2025-01-10T09:00:00.000Z',
    effectiveDpaStatus: expired ? 'expired' : fields.dpaStatus,
    reviewOverdue: fields.nextReviewAt !== null && fields.nextReviewAt < TODAY,
    thirdCountries: fields.processingCountries.filter((c) => !isInEea(c)),
    ...extra,
  };
}

type Handler<C extends Channel> = (
  input: ChannelParsedInput<C>,
) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
type Overrides = { [C in Channel]?: Handler<C> };

export interface FakeCore {
  vendors: Vendor[];
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

/**
 * An in-memory stand-in for the core behind `window.dpo`: it parses inputs with the contract's schemas, keeps
 * vendors in a list, and answers with envelopes, so the UI is tested through the same door the app uses.
 */
export function installFakeCore(initial: Vendor[] = []): FakeCore {
  const vendors = [...initial];
  const calls: FakeCore['calls'] = [];
  const overrides: Overrides = {};
  const details: FakeCore['details'] = new Map();
  let nextId = Math.max(0, ...vendors.map((v) => v.id)) + 1;
  let clock = Date.parse('2025-06-01T10:00:00.000Z');
  const tick = () => new Date((clock += 60_000)).toISOString();

  const find = (id: number) => {
    const vendor = vendors.find((v) => v.id === id);
    if (!vendor) throw new AppError('NOT_FOUND', `There is no vendor ${id}.`);
    return vendor;
  };

  const handlers: { [C in Channel]: Handler<C> } = {
    'app:info': () => ({ version: '0.1.0', schemaVersion: 3, dbPath: '/tmp/test.sqlite', door: 'desktop' }),
    'vendors:list': (q) => {
      let rows = vendors.filter((v) =>
        q.archived === 'only' ? v.archived : q.archived === 'exclude' ? !v.archived : true,
      );
      if (q.search)
        rows = rows.filter((v) => JSON.stringify(v).toLowerCase().includes(q.search.toLowerCase()));
      for (const [key, value] of Object.entries(q.filters.text)) {
        if (value)
          rows = rows.filter((v) =>
            String(v[key as keyof Vendor] ?? '')
              .toLowerCase()
              .includes(value.toLowerCase()),
          );
      }
      if (q.filters.role.length) rows = rows.filter((v) => q.filters.role.includes(v.role));
      if (q.filters.dpaStatus.length)
        rows = rows.filter((v) => q.filters.dpaStatus.includes(v.effectiveDpaStatus));
      if (q.filters.processingCountry.length) {
        rows = rows.filter((v) => v.processingCountries.some((c) => q.filters.processingCountry.includes(c)));
      }
      const { key, direction } = q.sort;
      rows = [...rows].sort((a, b) => {
        const cmp = String(a[key] ?? '').localeCompare(String(b[key] ?? ''));
        return direction === 'asc' ? cmp : -cmp;
      });
      return { rows: rows.slice(q.offset, q.offset + q.limit), total: rows.length, offset: q.offset };
    },
    'vendors:get': ({ id }) => {
      const vendor = find(id);
      const extra = details.get(id) ?? {};
      return {
        vendor,
        parents: extra.parents ?? [],
        children: extra.children ?? [],
        history: extra.history ?? [],
      };
    },
    'vendors:create': (values) => {
      const at = tick();
      const vendor = makeVendor(nextId++, values, { createdAt: at, updatedAt: at });
      vendors.push(vendor);
      return vendor;
    },
    'vendors:update': ({ id, values, expectedUpdatedAt }) => {
      const current = find(id);
      if (expectedUpdatedAt && expectedUpdatedAt !== current.updatedAt) {
        throw new AppError('CONFLICT', 'This vendor was changed by someone else.');
      }
      const updated = makeVendor(id, values, { createdAt: current.createdAt, updatedAt: tick() });
      vendors[vendors.indexOf(current)] = updated;
      return updated;
    },
    'vendors:archive': ({ id }) => {
      const vendor = Object.assign(find(id), { archived: true, updatedAt: tick() });
      return vendor;
    },
    'vendors:restore': ({ id }) => Object.assign(find(id), { archived: false, updatedAt: tick() }),
    'vendors:duplicates': ({ name, excludeId }) =>
      vendors
        .filter((v) => v.id !== excludeId && v.name.toLowerCase() === name.toLowerCase())
        .map((v) => ({ id: v.id, name: v.name, reason: 'Same name' })),
    'audit:history': () => [] as AuditEntry[],
    'audit:verify': () => ({ ok: true, entries: 0, firstBadId: null, reason: null }),
    'search:records': ({ query, limit }) =>
      vendors
        .filter((v) => v.name.toLowerCase().includes(query.toLowerCase()))
        .slice(0, limit)
        .map((v) => ({ register: 'vendors', id: v.id, title: v.name, detail: v.role, archived: v.archived })),
    'demo:load': () => {
      for (const input of demoVendors) vendors.push(makeVendor(nextId++, { ...input, sourceKind: 'demo' }));
      return { created: demoVendors.length, skipped: 0 };
    },
    'import:list': ({ offset }) => ({ rows: [], total: 0, offset }),
    'import:presets:list': () => [],
    'import:cancel': () => ({ cancelled: false }),
    'import:inspect': notFaked('import:inspect'),
    'import:preview': notFaked('import:preview'),
    'import:commit': notFaked('import:commit'),
    'import:undo': notFaked('import:undo'),
    'import:presets:save': notFaked('import:presets:save'),
    'import:presets:delete': notFaked('import:presets:delete'),
  };

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
        const handler = (overrides[channel as Channel] ?? handlers[channel as Channel]) as Handler<Channel>;
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

  const parsedCalls = <C extends Channel>(channel: C) =>
    calls
      .filter((c) => c.channel === channel)
      .map((c) => contract[channel].input.parse(c.input) as ChannelParsedInput<C>);

  return {
    vendors,
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
