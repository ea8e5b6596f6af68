import { countryName } from '../shared/countries';
import { editDistance, normaliseLegalName } from '../shared/legal-name';
import { isInEea } from '../shared/reference/eea';
import { AppError } from '../shared/errors';
import type { ChannelParsedInput, RecordHit } from '../shared/contract';
import {
  VendorFieldNames,
  VendorQuerySchema,
  type Vendor,
  type VendorDetail,
  type VendorFields,
  type VendorSortKey,
} from '../shared/domain/vendor';
import type { AuditContext, AuditLog, AuditRecord } from './audit';
import type Database from 'better-sqlite3';
import type { Db } from './open';

type VendorQueryParsed = ChannelParsedInput<'vendors:list'>;

interface VendorRow {
  id: number;
  name: string;
  name_key: string;
  legal_entity: string | null;
  role: Vendor['role'];
  services: string;
  data_categories: string;
  data_subject_categories: string;
  special_category_data: number;
  processing_countries: string;
  headquarters_country: string | null;
  dpa_status: Vendor['dpaStatus'];
  dpa_signed_at: string | null;
  dpa_expires_at: string | null;
  contract_reference: string | null;
  certifications: string;
  risk_rating: Vendor['riskRating'];
  internal_owner: string | null;
  next_review_at: string | null;
  status: Vendor['status'];
  parent_id: number | null;
  parent_name: string | null;
  website: string | null;
  contact: string | null;
  notes: string | null;
  subprocessor_authorisation: Vendor['subprocessorAuthorisation'];
  objection_period_days: number | null;
  breach_notice_hours: number | null;
  audit_rights: number | null;
  end_of_contract_data: Vendor['endOfContractData'];
  source_kind: Vendor['sourceKind'];
  source_detail: string | null;
  import_id: string | null;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

const SORT_COLUMNS: Record<VendorSortKey, string> = {
  name: 'v.name',
  legalEntity: 'v.legal_entity',
  role: 'v.role',
  services: 'v.services',
  dataCategories: 'v.data_categories',
  processingCountries: 'v.processing_countries',
  headquartersCountry: 'v.headquarters_country',
  dpaStatus: 'v.dpa_status',
  dpaExpiresAt: 'v.dpa_expires_at',
  riskRating: 'v.risk_rank',
  internalOwner: 'v.internal_owner',
  nextReviewAt: 'v.next_review_at',
  status: 'v.status',
  createdAt: 'v.created_at',
  updatedAt: 'v.updated_at',
};

/** The partial index (`vendors_<suffix>`, active rows) that serves each sort. */
const SORT_INDEX: Record<VendorSortKey, string> = {
  name: 'name',
  legalEntity: 'legal_entity',
  role: 'role',
  services: 'services',
  dataCategories: 'data_categories',
  processingCountries: 'processing_countries',
  headquartersCountry: 'headquarters_country',
  dpaStatus: 'dpa_status',
  dpaExpiresAt: 'dpa_expires_at',
  riskRating: 'risk_rank',
  internalOwner: 'internal_owner',
  nextReviewAt: 'next_review_at',
  status: 'status',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
};

/** A value from a closed set (enum, ISO country code, ISO date) as an SQL string literal. */
function sqlLiteral(value: string): string {
  if (!/^[A-Za-z0-9-]+$/.test(value)) throw new AppError('VALIDATION', `Unexpected filter value "${value}".`);
  return `'${value}'`;
}

/** Today's date where the user is, as YYYY-MM-DD. */
export function localIsoDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Turns what a person types into an FTS5 expression: every word must appear, each as a prefix. */
export function ftsTerms(text: string): string | null {
  const words = text.match(/[\p{L}\p{N}]+/gu);
  if (!words || words.length === 0) return null;
  return words.map((w) => `"${w}"*`).join(' ');
}

function searchExtra(v: VendorFields): string {
  const countries = [...v.processingCountries, ...(v.headquartersCountry ? [v.headquartersCountry] : [])];
  return [
    v.role,
    v.dpaStatus,
    ...countries.flatMap((c) => [c, countryName(c)]),
    ...v.certifications,
    ...v.dataSubjectCategories,
    v.contractReference ?? '',
    v.website ?? '',
    v.contact ?? '',
  ]
    .filter(Boolean)
    .join(' ');
}

function toParams(v: VendorFields) {
  return {
    name: v.name,
    name_key: normaliseLegalName(v.name),
    legal_entity: v.legalEntity,
    role: v.role,
    services: JSON.stringify(v.services),
    data_categories: JSON.stringify(v.dataCategories),
    data_subject_categories: JSON.stringify(v.dataSubjectCategories),
    special_category_data: v.specialCategoryData ? 1 : 0,
    processing_countries: JSON.stringify(v.processingCountries),
    headquarters_country: v.headquartersCountry,
    dpa_status: v.dpaStatus,
    dpa_signed_at: v.dpaSignedAt,
    dpa_expires_at: v.dpaExpiresAt,
    contract_reference: v.contractReference,
    certifications: JSON.stringify(v.certifications),
    risk_rating: v.riskRating,
    internal_owner: v.internalOwner,
    next_review_at: v.nextReviewAt,
    status: v.status,
    parent_id: v.parentId,
    website: v.website,
    contact: v.contact,
    notes: v.notes,
    subprocessor_authorisation: v.subprocessorAuthorisation,
    objection_period_days: v.objectionPeriodDays,
    breach_notice_hours: v.breachNoticeHours,
    audit_rights: v.auditRights === null ? null : v.auditRights ? 1 : 0,
    end_of_contract_data: v.endOfContractData,
    source_kind: v.sourceKind,
    source_detail: v.sourceDetail,
    search_extra: searchExtra(v),
  };
}

const COLUMNS = Object.keys(
  toParams({
    name: '',
    processingCountries: [],
    certifications: [],
    dataSubjectCategories: [],
  } as unknown as VendorFields),
);

/** Only the stored fields, for comparing and auditing. */
export function vendorFields(v: Vendor): VendorFields {
  const out: Record<string, unknown> = {};
  for (const k of VendorFieldNames) out[k] = v[k];
  return out as VendorFields;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function createVendorRepository(db: Db, audit: AuditLog) {
  const selectOne = db.prepare<[number], VendorRow>(
    'SELECT v.*, p.name AS parent_name FROM vendors v LEFT JOIN vendors p ON p.id = v.parent_id WHERE v.id = ?',
  );
  const insert = db.prepare(
    `INSERT INTO vendors (${COLUMNS.join(', ')}, import_id, created_at, updated_at)
     VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')}, @import_id, @now, @now)`,
  );
  const update = db.prepare(
    `UPDATE vendors SET ${COLUMNS.map((c) => `${c} = @${c}`).join(', ')}, updated_at = @now WHERE id = @id`,
  );
  const setArchived = db.prepare('UPDATE vendors SET archived_at = ?, updated_at = ? WHERE id = ?');
  const ftsDelete = db.prepare('DELETE FROM vendor_fts WHERE rowid = ?');
  const ftsInsert = db.prepare(
    `INSERT INTO vendor_fts (rowid, name, legalEntity, services, dataCategories, internalOwner, notes, other)
     VALUES (@id, @name, @legal_entity, @services, @data_categories, @internal_owner, @notes, @search_extra)`,
  );
  const countriesDelete = db.prepare('DELETE FROM vendor_countries WHERE vendor_id = ?');
  const countryInsert = db.prepare(
    'INSERT OR IGNORE INTO vendor_countries (country, vendor_id) VALUES (?, ?)',
  );

  /** Keeps the search index and the country table in step with one vendor row. */
  function index(
    id: number,
    p: ReturnType<typeof toParams>,
    countries: readonly string[],
    replace: boolean,
  ): void {
    if (replace) {
      ftsDelete.run(id);
      countriesDelete.run(id);
    }
    ftsInsert.run({ ...p, id });
    for (const c of countries) countryInsert.run(c, id);
  }
  const ancestors = db.prepare<
    [number],
    { id: number; name: string; role: Vendor['role']; archived: number; depth: number }
  >(
    `WITH RECURSIVE up(id, depth) AS (
       SELECT parent_id, 1 FROM vendors WHERE id = ? AND parent_id IS NOT NULL
       UNION ALL
       SELECT v.parent_id, up.depth + 1 FROM vendors v JOIN up ON v.id = up.id
       WHERE v.parent_id IS NOT NULL AND up.depth < 100
     )
     SELECT v.id, v.name, v.role, v.archived_at IS NOT NULL AS archived, up.depth
     FROM up JOIN vendors v ON v.id = up.id ORDER BY up.depth`,
  );
  const descendants = db.prepare<
    [number],
    { id: number; name: string; role: Vendor['role']; archived: number; depth: number }
  >(
    `WITH RECURSIVE down(id, depth) AS (
       SELECT id, 1 FROM vendors WHERE parent_id = ?
       UNION ALL
       SELECT v.id, down.depth + 1 FROM vendors v JOIN down ON v.parent_id = down.id WHERE down.depth < 100
     )
     SELECT v.id, v.name, v.role, v.archived_at IS NOT NULL AS archived, down.depth
     FROM down JOIN vendors v ON v.id = down.id ORDER BY down.depth, v.name`,
  );
  const byKeyPrefix = db.prepare<[string, string], { id: number; name: string; name_key: string }>(
    'SELECT id, name, name_key FROM vendors WHERE name_key >= ? AND name_key < ? AND archived_at IS NULL LIMIT 200',
  );

  const today = (ctx: { now: () => Date }) => localIsoDate(ctx.now());
  const statements = new Map<string, Database.Statement>();
  /** List queries vary with the filters; each shape is compiled once. */
  const cached = (sql: string): Database.Statement => {
    let stmt = statements.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      statements.set(sql, stmt);
    }
    return stmt;
  };

  function toVendor(r: VendorRow, todayIso: string): Vendor {
    const processingCountries = JSON.parse(r.processing_countries) as string[];
    const expired = r.dpa_status === 'signed' && r.dpa_expires_at !== null && r.dpa_expires_at < todayIso;
    return {
      id: r.id,
      name: r.name,
      legalEntity: r.legal_entity,
      role: r.role,
      services: JSON.parse(r.services) as string[],
      dataCategories: JSON.parse(r.data_categories) as string[],
      dataSubjectCategories: JSON.parse(r.data_subject_categories) as string[],
      specialCategoryData: r.special_category_data === 1,
      processingCountries,
      headquartersCountry: r.headquarters_country,
      dpaStatus: r.dpa_status,
      dpaSignedAt: r.dpa_signed_at,
      dpaExpiresAt: r.dpa_expires_at,
      contractReference: r.contract_reference,
      certifications: JSON.parse(r.certifications) as string[],
      riskRating: r.risk_rating,
      internalOwner: r.internal_owner,
      nextReviewAt: r.next_review_at,
      status: r.status,
      parentId: r.parent_id,
      parentName: r.parent_name,
      website: r.website,
      contact: r.contact,
      notes: r.notes,
      subprocessorAuthorisation: r.subprocessor_authorisation,
      objectionPeriodDays: r.objection_period_days,
      breachNoticeHours: r.breach_notice_hours,
      auditRights: r.audit_rights === null ? null : r.audit_rights === 1,
      endOfContractData: r.end_of_contract_data,
      sourceKind: r.source_kind,
      sourceDetail: r.source_detail,
      archived: r.archived_at !== null,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      effectiveDpaStatus: expired ? 'expired' : r.dpa_status,
      reviewOverdue:
        r.next_review_at !== null &&
        r.next_review_at < todayIso &&
        r.status !== 'offboarded' &&
        r.archived_at === null,
      thirdCountries: processingCountries.filter((c) => !isInEea(c)),
    };
  }

  function requireRow(id: number): VendorRow {
    const row = selectOne.get(id);
    if (!row) throw new AppError('NOT_FOUND', `There is no vendor with id ${id}.`, { id });
    return row;
  }

  /** Refuses a parent that does not exist, is the vendor itself, or sits below it in the chain. */
  function checkParent(id: number | null, parentId: number | null): void {
    if (parentId === null) return;
    const parent = selectOne.get(parentId);
    if (!parent) {
      throw new AppError('VALIDATION', 'The parent vendor does not exist.', [
        { path: 'parentId', message: `There is no vendor with id ${parentId}.` },
      ]);
    }
    if (id === null) return;
    if (parentId === id) {
      throw new AppError('VALIDATION', 'A vendor cannot be its own parent.', [
        { path: 'parentId', message: 'A vendor cannot be its own parent.' },
      ]);
    }
    const chain = [parent, ...ancestors.all(parentId)];
    if (chain.some((a) => a.id === id)) {
      const names = chain.slice(0, chain.findIndex((a) => a.id === id) + 1).map((a) => a.name);
      const self = requireRow(id).name;
      const loop = [self, ...names].join(' → ');
      throw new AppError('VALIDATION', `That parent would make a loop in the sub-processor chain: ${loop}.`, [
        { path: 'parentId', message: `This would make a loop: ${loop}.` },
      ]);
    }
  }

  const anyArchived = db.prepare(
    'SELECT EXISTS (SELECT 1 FROM vendors INDEXED BY vendors_archived WHERE archived_at IS NOT NULL) AS yes',
  );

  /**
   * Counts the vendors a list query matches without reading their rows where it can. With only set filters
   * (search, countries) on the current register, the first set is counted itself and the others tested on its
   * ids; the archived vendors among them (usually none, found through their small partial index) are taken off.
   */
  function countMatches(
    where: string[],
    whereSql: string,
    params: Record<string, unknown>,
    archived: VendorQueryParsed['archived'],
    onlyStateTouchesRow: boolean,
  ): number {
    const count = (sql: string) => (cached(sql).get(params) as { n: number }).n;
    const sets = where.filter((w) => w.startsWith('@@ID IN ('));
    if (onlyStateTouchesRow && archived === 'exclude' && sets.length > 0) {
      const [first, ...others] = where.filter((w) => !w.startsWith('v.archived_at'));
      const onSet = others.map((w) => w.replaceAll('@@ID', 's.id').replaceAll('v.id', 's.id'));
      const inSets = count(
        `SELECT count(*) AS n FROM ${first!.slice('@@ID IN '.length)} s ${onSet.length > 0 ? `WHERE ${onSet.join(' AND ')}` : ''}`,
      );
      if (!(anyArchived.get() as { yes: number }).yes) return inSets;
      const conditions = where
        .filter((w) => !w.startsWith('v.archived_at'))
        .map((w) => w.replaceAll('@@ID', 'v.id'));
      return (
        inSets -
        count(
          `SELECT count(*) AS n FROM vendors v INDEXED BY vendors_archived WHERE v.archived_at IS NOT NULL AND ${conditions.join(' AND ')}`,
        )
      );
    }
    const from =
      onlyStateTouchesRow && archived === 'exclude'
        ? 'vendors v INDEXED BY vendors_active'
        : onlyStateTouchesRow && archived === 'only'
          ? 'vendors v INDEXED BY vendors_archived'
          : 'vendors v';
    return count(`SELECT count(*) AS n FROM ${from} ${whereSql.replaceAll('@@ID', 'v.id')}`);
  }

  function list(q: VendorQueryParsed, ctx: { now: () => Date }) {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (q.archived === 'exclude') where.push('v.archived_at IS NULL');
    if (q.archived === 'only') where.push('v.archived_at IS NOT NULL');

    const fts: string[] = [];
    const search = ftsTerms(q.search);
    if (search) fts.push(`(${search})`);
    for (const [key, text] of Object.entries(q.filters.text)) {
      const terms = text ? ftsTerms(text) : null;
      if (terms) fts.push(`${key} : (${terms})`);
    }
    // Set filters (search, countries) are written `@@ID IN (…)`: see the page query below.
    if (fts.length > 0) {
      where.push('@@ID IN (SELECT rowid AS id FROM vendor_fts WHERE vendor_fts MATCH @fts)');
      params.fts = fts.join(' AND ');
    }
    // Enum values, country codes and today's date are written into the SQL as literals (each checked against a
    // closed pattern first): with bound parameters SQLite cannot use its statistics and may walk the sort index
    // across the whole table for a rare value.
    const inList = (column: string, values: readonly string[]) => {
      if (values.length > 0) where.push(`${column} IN (${values.map(sqlLiteral).join(', ')})`);
    };
    inList('v.role', q.filters.role);
    inList('v.status', q.filters.status);
    inList('v.risk_rating', q.filters.riskRating);
    inList('v.headquarters_country', q.filters.headquartersCountry);
    const todayLit = sqlLiteral(today(ctx));
    if (q.filters.dpaStatus.length > 0) {
      // Filter on the effective status: a signed DPA past its expiry counts as expired.
      const wanted = new Set(q.filters.dpaStatus);
      const parts: string[] = [];
      const plain = [...wanted].filter((s) => s !== 'signed' && s !== 'expired');
      if (plain.length > 0) parts.push(`v.dpa_status IN (${plain.map(sqlLiteral).join(', ')})`);
      if (wanted.has('signed'))
        parts.push(
          `(v.dpa_status = 'signed' AND (v.dpa_expires_at IS NULL OR v.dpa_expires_at >= ${todayLit}))`,
        );
      if (wanted.has('expired'))
        parts.push(
          `(v.dpa_status = 'expired' OR (v.dpa_status = 'signed' AND v.dpa_expires_at < ${todayLit}))`,
        );
      where.push(`(${parts.join(' OR ')})`);
    }
    if (q.filters.processingCountry.length > 0) {
      const codes = q.filters.processingCountry.map(sqlLiteral).join(', ');
      // Beside a search, probe each candidate's countries; alone, read the country's vendors as a set.
      where.push(
        fts.length > 0
          ? `EXISTS (SELECT 1 FROM vendor_countries c WHERE c.vendor_id = v.id AND c.country IN (${codes}))`
          : `@@ID IN (SELECT DISTINCT vendor_id AS id FROM vendor_countries WHERE country IN (${codes}))`,
      );
    }
    if (q.filters.specialCategoryData !== null) {
      where.push(`v.special_category_data = ${q.filters.specialCategoryData ? 1 : 0}`);
    }
    if (q.filters.reviewOverdue !== null) {
      const overdue = `v.next_review_at < ${todayLit} AND v.status <> 'offboarded' AND v.archived_at IS NULL`;
      where.push(
        q.filters.reviewOverdue ? `(${overdue})` : `NOT (v.next_review_at IS NOT NULL AND ${overdue})`,
      );
    }
    const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const dir = q.sort.direction === 'desc' ? 'DESC' : 'ASC';
    const orderSql = `ORDER BY ${SORT_COLUMNS[q.sort.key]} ${dir}, v.id ${dir}`;
    // Counting needs only ids: when nothing but the archived state touches the vendor row, count from the
    // narrow partial index of that state rather than reading rows.
    const onlyStateTouchesRow = where.every((w) => /^(@@ID|EXISTS|v\.archived_at)/.test(w));
    const total = countMatches(where, whereSql, params, q.archived, onlyStateTouchesRow);
    // How to walk to the page. Walking the sort index (a partial index of active rows holding the sort key and
    // id) and testing each entry costs as many steps as it takes to find the page; reading every match and
    // sorting costs one row read per match. A set filter (search, countries) is tested from the entry alone, so
    // walking wins unless the set is small. A filter on the row's own columns needs a row read per step, so
    // walking wins only when most rows match (correlated data can put every match at the end of the index).
    const walkSortIndex = q.archived === 'exclude' && (onlyStateTouchesRow ? total > 2000 : total > 20_000);
    // `+v.id` keeps SQLite from driving the query by the set; INDEXED BY makes it walk the sort index.
    const pageWhere = whereSql.replaceAll('@@ID', walkSortIndex ? '+v.id' : 'v.id');
    const pageFrom = walkSortIndex ? `vendors v INDEXED BY vendors_${SORT_INDEX[q.sort.key]}` : 'vendors v';
    // Deferred join: page through narrow index entries first, then read only the rows on the page.
    if (total === 0 || q.offset >= total) return { rows: [], total, offset: q.offset };
    const ids = cached(`SELECT v.id FROM ${pageFrom} ${pageWhere} ${orderSql} LIMIT @limit OFFSET @offset`)
      .pluck()
      .all({ ...params, limit: q.limit, offset: q.offset }) as number[];
    const rows =
      ids.length === 0
        ? []
        : (cached(
            `SELECT v.*, p.name AS parent_name FROM vendors v LEFT JOIN vendors p ON p.id = v.parent_id
             WHERE v.id IN (SELECT value FROM json_each(@ids)) ${orderSql}`,
          ).all({ ids: JSON.stringify(ids) }) as VendorRow[]);
    const todayIso = today(ctx);
    return { rows: rows.map((r) => toVendor(r, todayIso)), total, offset: q.offset };
  }

  function get(id: number, ctx: { now: () => Date }): Vendor {
    return toVendor(requireRow(id), today(ctx));
  }

  /** Inserts one vendor with its audit entry; the caller holds the transaction. */
  function insertOne(fields: VendorFields, ctx: AuditContext): number {
    checkParent(null, fields.parentId);
    const now = ctx.now().toISOString();
    const params = toParams(fields);
    const info = insert.run({ ...params, import_id: ctx.importId ?? null, now });
    const id = Number(info.lastInsertRowid);
    index(id, params, fields.processingCountries, false);
    const created: Record<string, unknown> = {};
    for (const k of VendorFieldNames) {
      const v = fields[k];
      if (v !== null && !(Array.isArray(v) && v.length === 0)) created[k] = v;
    }
    audit.append(ctx, [{ entity: 'vendor', entityId: id, action: 'create', newValue: created }]);
    return id;
  }

  /** Applies the changed fields of one vendor with one audit entry per field; the caller holds the transaction. */
  function updateOne(
    id: number,
    fields: VendorFields,
    ctx: AuditContext,
    expectedUpdatedAt?: string,
  ): number {
    const before = requireRow(id);
    if (expectedUpdatedAt && expectedUpdatedAt !== before.updated_at) {
      throw new AppError(
        'CONFLICT',
        'This vendor was changed elsewhere since you opened it. Reload it to see the changes, then edit again.',
        { id, updatedAt: before.updated_at },
      );
    }
    checkParent(id, fields.parentId);
    const old = vendorFields(toVendor(before, today(ctx)));
    const changes: AuditRecord[] = [];
    for (const k of VendorFieldNames) {
      if (!same(old[k], fields[k])) {
        changes.push({
          entity: 'vendor',
          entityId: id,
          action: 'update',
          field: k,
          oldValue: old[k],
          newValue: fields[k],
        });
      }
    }
    if (changes.length === 0) return 0;
    const params = toParams(fields);
    update.run({ ...params, id, now: ctx.now().toISOString() });
    index(id, params, fields.processingCountries, true);
    audit.append(ctx, changes);
    return changes.length;
  }

  const hardDelete = db.prepare('DELETE FROM vendors WHERE id = ?');
  const childCount = db.prepare<[number], { n: number }>(
    'SELECT count(*) AS n FROM vendors WHERE parent_id = ?',
  );

  /**
   * Removes a vendor row for good, audited as `delete` with its last values. Only undoing an import uses this:
   * people archive. Refused while other vendors name it as their parent.
   */
  function removeOne(id: number, ctx: AuditContext): void {
    const before = requireRow(id);
    if (childCount.get(id)!.n > 0) {
      throw new AppError('CONFLICT', `${before.name} is the parent of other vendors; it cannot be removed.`, {
        id,
      });
    }
    ftsDelete.run(id);
    countriesDelete.run(id);
    hardDelete.run(id);
    audit.append(ctx, [
      {
        entity: 'vendor',
        entityId: id,
        action: 'delete',
        oldValue: vendorFields(toVendor(before, today(ctx))),
      },
    ]);
  }

  function setArchivedState(id: number, archived: boolean, ctx: AuditContext): Vendor {
    const before = requireRow(id);
    if ((before.archived_at !== null) === archived) return toVendor(before, today(ctx));
    const now = ctx.now().toISOString();
    setArchived.run(archived ? now : null, now, id);
    audit.append(ctx, [
      {
        entity: 'vendor',
        entityId: id,
        action: archived ? 'archive' : 'restore',
        field: 'archived',
        oldValue: !archived,
        newValue: archived,
      },
    ]);
    return get(id, ctx);
  }

  return {
    list,
    get,
    insertOne,
    updateOne,
    removeOne,

    create(fields: VendorFields, ctx: AuditContext): Vendor {
      const id = db.transaction(() => insertOne(fields, ctx)).immediate();
      return get(id, ctx);
    },

    update(id: number, fields: VendorFields, ctx: AuditContext, expectedUpdatedAt?: string): Vendor {
      db.transaction(() => updateOne(id, fields, ctx, expectedUpdatedAt)).immediate();
      return get(id, ctx);
    },

    archive: (id: number, ctx: AuditContext) =>
      db.transaction(() => setArchivedState(id, true, ctx)).immediate(),
    restore: (id: number, ctx: AuditContext) =>
      db.transaction(() => setArchivedState(id, false, ctx)).immediate(),

    detail(id: number, ctx: AuditContext): VendorDetail {
      const vendor = get(id, ctx);
      const link = (r: {
        id: number;
        name: string;
        role: Vendor['role'];
        archived: number;
        depth: number;
      }) => ({
        id: r.id,
        name: r.name,
        role: r.role,
        archived: r.archived === 1,
        depth: r.depth,
      });
      return {
        vendor,
        parents: ancestors.all(id).map(link),
        children: descendants.all(id).map(link),
        history: audit.history('vendor', id),
      };
    },

    /** Vendors matching the words anywhere, for the global search; archived ones come last. */
    searchHits(query: string, limit: number, ctx: { now: () => Date }): RecordHit[] {
      const page = list(
        VendorQuerySchema.parse({ search: query, limit, archived: 'include', sort: { key: 'name' } }),
        ctx,
      );
      return page.rows
        .map((v) => ({
          register: 'vendors' as const,
          id: v.id,
          title: v.name,
          detail: [
            v.role.charAt(0).toUpperCase() + v.role.slice(1).replace('-', ' '),
            ...v.services.slice(0, 2),
          ].join(' · '),
          archived: v.archived,
        }))
        .sort((a, b) => Number(a.archived) - Number(b.archived));
    },

    /**
     * Likely duplicates of a name among active vendors: the same normalised legal name, or one within a small
     * edit distance ("Zendesk Inc" ~ "Zendesk, Inc." ~ "Zendsk").
     */
    duplicates(name: string, excludeId?: number): { id: number; name: string; reason: string }[] {
      const key = normaliseLegalName(name);
      if (!key) return [];
      const prefix = key.slice(0, 3);
      const candidates = byKeyPrefix.all(prefix, `${prefix}\uffff`);
      const out: { id: number; name: string; reason: string }[] = [];
      for (const c of candidates) {
        if (c.id === excludeId) continue;
        if (c.name_key === key) out.push({ id: c.id, name: c.name, reason: 'same legal name' });
        else if (key.length >= 5 && editDistance(c.name_key, key, 2) <= 2) {
          out.push({ id: c.id, name: c.name, reason: 'very similar name' });
        }
      }
      return out.slice(0, 10);
    },
  };
}
export type VendorRepository = ReturnType<typeof createVendorRepository>;
