import { AppError, issuesFromZod } from '../shared/errors';
import type { DeriveEnv } from '../shared/kit/define';
import { objectionDeadline } from '../shared/rules/objection-deadline';
import { organisationRegime, transferCoverage } from '../shared/rules/transfer-coverage';
import { insideArea } from '../shared/rules/transfer-validity';
import { reviews, vendors } from '../shared/registers/index';
import { TEXT_MAX, UNDECIDED } from '../shared/registers/reviews';
import { createHash } from 'node:crypto';
import {
  diffSubprocessorList,
  isUnchanged,
  mergeEntries,
  type CurrentSub,
  type ListDiff,
  type ListEntry,
} from '../shared/subprocessors/diff';
import {
  CHANGED_FIELD_LABEL,
  REVIEW_BATCH,
  type ReviewCheck,
  type ReviewCheckInput,
  type ReviewDecideInput,
  type ReviewRecordInput,
  type ReviewSource,
  type SubprocessorListRead,
} from '../shared/subprocessors/review';
import type { AuditContext } from './audit';
import { localIsoDate } from './kit/repository';
import type { Db } from './open';
import type { Registers } from './registers';

type Fields = Record<string, unknown>;

/** The audit entries a review's changes write carry this batch id, so the history names the review. */
export const reviewBatchId = (reviewId: number) => `${REVIEW_BATCH}${reviewId}`;

export interface ReviewServiceOptions {
  db: Db;
  registers: Registers;
  readList(source: ReviewSource, sheet: string | null, jobId?: string): Promise<SubprocessorListRead>;
}

/** Input for a register's write, or the VALIDATION error naming each field. */
function parseFor(reg: { schemas: { input: { safeParse(v: unknown): unknown } } }, value: Fields): Fields {
  const r = reg.schemas.input.safeParse(value) as
    { success: true; data: Fields } | { success: false; error: import('zod').ZodError };
  if (r.success) return r.data;
  const issues = issuesFromZod(r.error);
  throw new AppError('VALIDATION', issues.map((i) => `${i.path}: ${i.message}`).join(' '), issues);
}

const joinCountries = (codes: readonly string[]) => codes.join(', ');
/** Text an entry keeps, cut the same way every time (so a review compared again reads the same). */
const clip = (text: string) => (text.length > TEXT_MAX ? `${text.slice(0, TEXT_MAX - 1)}…` : text);
const joinPurposes = (values: readonly string[]) => values.join('; ');

/**
 * Sub-processor list reviews (GDPR Art 28(2)): a vendor's new list read with the import engine, compared with the
 * sub-processors the register holds for it, the day to object by counted from its contract terms, and the
 * decision. Accepting applies the changes to the vendor's chain in one transaction with the review.
 */
export function createReviewService(options: ReviewServiceOptions) {
  const { db, registers } = options;
  const vendorRepo = () => registers.repoOf('vendors');
  const reviewRepo = () => registers.repoOf('reviews');

  function vendorOf(ref: number | string): { id: number; fields: Fields } {
    const id = vendorRepo().resolve(ref, 'vendor', 'Vendor');
    const fields = vendorRepo().storedByIds([id]).get(id)!;
    const archived = (
      db.prepare('SELECT archived_at FROM vendors WHERE id = ?').get(id) as { archived_at: string | null }
    ).archived_at;
    if (archived)
      throw new AppError('VALIDATION', `The vendor "${String(fields.name)}" is archived; restore it first.`, [
        { path: 'vendor', message: 'The vendor is archived.' },
      ]);
    return { id, fields };
  }

  /**
   * The vendor's sub-processors as the register holds them: its current children that process for it (offboarded
   * ones included, so one named again returns).
   */
  function currentSubs(vendorId: number): CurrentSub[] {
    const ids = (
      db
        .prepare(
          // Its processors only: a controller the vendor passes data to (YouTube under Google) is no sub-processor.
          "SELECT id FROM vendors WHERE parent_id = ? AND archived_at IS NULL AND role IN ('processor', 'sub-processor') ORDER BY id",
        )
        .all(vendorId) as {
        id: number;
      }[]
    ).map((r) => r.id);
    const stored = vendorRepo().storedByIds(ids);
    return ids.map((id) => {
      const f = stored.get(id)!;
      return {
        id,
        name: String(f.name),
        processingCountries: f.processingCountries as string[],
        services: f.services as string[],
        status: String(f.status),
      };
    });
  }

  function compare(vendor: { id: number; fields: Fields }, entries: readonly ListEntry[], ctx: AuditContext) {
    const env = vendorRepo().sqlEnv(ctx);
    const regime = organisationRegime(env.organisation.country);
    const diff = diffSubprocessorList(entries, currentSubs(vendor.id), {
      outside: (c) => !insideArea(regime, c),
      vendorCountries: vendor.fields.processingCountries as string[],
    });
    const transfers =
      registers.repoOf('transfers').pointingTo('importer', [vendor.id], ctx, 0).get(vendor.id) ?? [];
    // A new sub-processor's country, judged as the vendor's own would be: adequacy (never through the DPF: the
    // sub-processor's certification is not known), or one of the vendor's transfer records to that country.
    const coverage = transferCoverage(
      { processingCountries: diff.newThirdCountries, dpfCertified: false },
      {
        env: { ...env, refs: {}, related: {}, linked: {} } as DeriveEnv,
        transfers: transfers as never,
      },
    ).map((c) => ({ country: c.country, covered: c.covered, detail: c.detail }));
    return { diff, coverage };
  }

  /** The contract terms a review is judged under: the vendor's, as they stand when the notice is reviewed. */
  const termsOf = (vendor: Fields) => ({
    objectionPeriodDays: (vendor.objectionPeriodDays as number | null) ?? null,
    authorisation: (vendor.subprocessorAuthorisation as 'general' | 'specific' | null) ?? null,
  });

  function deadlineFor(vendor: Fields, noticeOn: string, diff: ListDiff) {
    const terms = termsOf(vendor);
    return objectionDeadline({
      noticeOn,
      periodDays: terms.objectionPeriodDays,
      authorisation: terms.authorisation,
      added: diff.added.length,
      changes: diff.added.length + new Set(diff.changed.map((c) => c.id)).size,
    });
  }

  /** The vendor's undecided review, if any. */
  function undecidedOf(vendorId: number): { id: number; noticeOn: string } | null {
    const row = db
      .prepare(
        `SELECT id, notice_on FROM reviews WHERE vendor_id = ? AND archived_at IS NULL AND decision IN (${UNDECIDED.map((d) => `'${d}'`).join(', ')}) ORDER BY id LIMIT 1`,
      )
      .get(vendorId) as { id: number; notice_on: string } | undefined;
    return row ? { id: row.id, noticeOn: row.notice_on } : null;
  }

  /** Names a set of changes, so a decision applies only the changes the DPO saw. */
  const fingerprintOf = (diff: ListDiff) =>
    createHash('sha256')
      .update(JSON.stringify(changeRows(diff)))
      .digest('hex');

  function result(
    vendor: { id: number; fields: Fields },
    noticeOn: string,
    read: SubprocessorListRead,
    compared: ReturnType<typeof compare>,
  ): ReviewCheck {
    const { diff, coverage } = compared;
    const d = deadlineFor(vendor.fields, noticeOn, diff);
    return {
      vendor: { id: vendor.id, name: String(vendor.fields.name) },
      noticeOn,
      listSource: read.sheet ? `${read.fileName}, sheet ${read.sheet}` : read.fileName,
      read: {
        sheet: read.sheet,
        headerRow: read.headerRow,
        columns: read.columns,
        companies: mergeEntries(read.entries).length,
        warnings: read.warnings,
      },
      added: diff.added,
      removed: diff.removed,
      changed: diff.changed,
      unchanged: diff.unchanged,
      newThirdCountries: diff.newThirdCountries,
      coverage,
      objectionDeadline: d.deadline,
      deadline: { basis: d.basis, periodDays: d.periodDays, flags: d.flags, steps: d.steps },
      noChange: isUnchanged(diff),
      fingerprint: fingerprintOf(diff),
      undecided: undecidedOf(vendor.id),
      reviewId: null,
      applied: null,
    };
  }

  /** The changes as the review record keeps them (one entry per added or removed company, per changed field). */
  function changeRows(diff: ListDiff): Fields[] {
    return [
      ...diff.added.map((a) => ({
        change: 'added',
        name: a.name,
        field: null,
        old: null,
        new:
          clip(
            [
              a.countries.length ? `Countries: ${joinCountries(a.countries)}` : '',
              a.purposes.length ? `Purpose: ${joinPurposes(a.purposes)}` : '',
            ]
              .filter(Boolean)
              .join('\n'),
          ) || null,
        vendorId: a.returningId,
      })),
      ...diff.removed.map((r) => ({
        change: 'removed',
        name: r.name,
        field: null,
        old: null,
        new: null,
        vendorId: r.id,
      })),
      ...diff.changed.map((c) => ({
        change: 'changed',
        name: c.name,
        field: CHANGED_FIELD_LABEL[c.field],
        old: clip(c.field === 'processingCountries' ? joinCountries(c.old) : joinPurposes(c.old)),
        new: clip(c.field === 'processingCountries' ? joinCountries(c.new) : joinPurposes(c.new)),
        vendorId: c.id,
      })),
    ];
  }

  /** The list as the review keeps it: one entry per company (its rows merged), its purposes one per line. */
  const receivedRows = (entries: readonly ListEntry[]): Fields[] =>
    mergeEntries(entries).map((e) => ({
      name: e.name.slice(0, 300),
      countries: joinCountries(e.countries) || null,
      purposes: clip(e.purposes.join('\n')) || null,
      places: e.unclear.join(', ').slice(0, 500) || null,
      rows: e.rows.join(', ').slice(0, 300),
    }));

  /** The list kept on a review, read back as entries to compare again. */
  const entriesOf = (received: readonly Fields[]): ListEntry[] =>
    received.map((r) => ({
      name: String(r.name),
      countries: r.countries ? String(r.countries).split(', ') : [],
      purposes: r.purposes ? String(r.purposes).split('\n') : [],
      unclear: r.places ? String(r.places).split(', ') : [],
      rows: [],
    }));

  /**
   * Writes the accepted changes to the vendor register, each through its repository with its audit entries
   * carrying the review's batch id; the caller holds the transaction.
   */
  function apply(
    reviewId: number,
    vendor: { id: number; fields: Fields },
    noticeOn: string,
    diff: ListDiff,
    ctx: AuditContext,
  ) {
    const repo = vendorRepo();
    const actx: AuditContext = { ...ctx, importId: reviewBatchId(reviewId) };
    const source =
      `Sub-processor list of ${String(vendor.fields.name)}, received ${noticeOn} (review ${reviewId})`.slice(
        0,
        500,
      );
    const counts = { created: 0, offboarded: 0, updated: 0 };
    const createdIds = new Map<string, number>();
    const write = (id: number, change: (f: Fields) => Fields) => {
      const before = repo.storedByIds([id]).get(id)!;
      const next = parseFor(vendors, change({ ...before }));
      return repo.updateOne(id, next, actx) > 0;
    };
    for (const a of diff.added) {
      if (a.returningId !== null) {
        write(a.returningId, (f) => ({
          ...f,
          status: 'active',
          processingCountries: a.countries.length ? a.countries : f.processingCountries,
          services: a.purposes.length ? a.purposes : f.services,
          unclearLocations: [...new Set([...(f.unclearLocations as string[]), ...a.unclear])],
        }));
        createdIds.set(a.name, a.returningId);
        counts.updated++;
        continue;
      }
      const input = parseFor(vendors, {
        name: a.name,
        role: 'sub-processor',
        parentId: vendor.id,
        status: 'active',
        processingCountries: a.countries,
        services: a.purposes,
        unclearLocations: a.unclear,
        sourceKind: 'import',
        sourceDetail: source,
      });
      createdIds.set(a.name, repo.insertOne(input, actx));
      counts.created++;
    }
    for (const r of diff.removed) {
      if (write(r.id, (f) => ({ ...f, status: 'offboarded' }))) counts.offboarded++;
    }
    const changedIds = new Set<number>();
    for (const c of diff.changed) {
      write(c.id, (f) => ({ ...f, [c.field]: c.new }));
      changedIds.add(c.id);
    }
    counts.updated += changedIds.size;
    return { counts, createdIds };
  }

  /** The review's change entries, with the vendor record each added company became. */
  const withCreated = (rows: Fields[], created: Map<string, number>) =>
    rows.map((r) =>
      r.change === 'added' ? { ...r, vendorId: created.get(String(r.name)) ?? r.vendorId } : r,
    );

  /** A notice is received on a day that has come. */
  function checkNoticeDay(noticeOn: string, ctx: AuditContext) {
    const today = localIsoDate(ctx.now());
    if (noticeOn > today)
      throw new AppError('VALIDATION', `The notice cannot be received after today (${today}).`, [
        { path: 'noticeOn', message: `The notice cannot be received after today (${today}).` },
      ]);
  }

  async function check(input: ReviewCheckInput, ctx: AuditContext): Promise<ReviewCheck> {
    checkNoticeDay(input.noticeOn, ctx);
    const vendor = vendorOf(input.vendor);
    const read = await options.readList(input.source, input.sheet ?? null, input.jobId);
    return result(vendor, input.noticeOn, read, compare(vendor, read.entries, ctx));
  }

  /**
   * One undecided review per vendor at a time: a second list compared while the first is undecided would be read
   * against a chain the first may still change.
   */
  function refuseWhileUndecided(vendorId: number, vendorName: string) {
    const open = undecidedOf(vendorId);
    if (open)
      throw new AppError(
        'CONFLICT',
        `The list ${vendorName} sent on ${open.noticeOn} is still undecided (review ${open.id}): decide it, or archive it, before reviewing another.`,
        { id: open.id },
      );
  }

  async function record(input: ReviewRecordInput, ctx: AuditContext): Promise<ReviewCheck> {
    checkNoticeDay(input.noticeOn, ctx);
    const vendor = vendorOf(input.vendor);
    refuseWhileUndecided(vendor.id, String(vendor.fields.name));
    const read = await options.readList(input.source, input.sheet ?? null, input.jobId);
    return db
      .transaction(() => {
        // Compared inside the write transaction, so what is applied is what the chain holds as it is written.
        refuseWhileUndecided(vendor.id, String(vendor.fields.name));
        const vendorNow = vendorOf(vendor.id);
        const compared = compare(vendorNow, read.entries, ctx);
        const out = result(vendorNow, input.noticeOn, read, compared);
        if (input.fingerprint && input.fingerprint !== out.fingerprint)
          throw new AppError(
            'CONFLICT',
            `${String(vendorNow.fields.name)}'s sub-processors changed in the register since the list was compared. Compare it again before deciding.`,
          );
        const accepted = input.decision === 'accepted';
        const base = {
          vendorId: vendor.id,
          noticeOn: input.noticeOn,
          listSource: out.listSource.slice(0, 300),
          noticeReference: input.noticeReference ?? null,
          ...termsOf(vendorNow.fields),
          decision: accepted ? 'open' : input.decision,
          decidedOn:
            input.decision === 'objected'
              ? (input.decidedOn ?? localIsoDate(ctx.now()))
              : (input.decidedOn ?? null),
          objectionSentOn: input.objectionSentOn ?? null,
          reasons: input.reasons ?? null,
          changes: changeRows(compared.diff),
          newThirdCountries: compared.diff.newThirdCountries,
          newCountryCoverage: compared.coverage,
          received: receivedRows(read.entries),
          sourceKind: 'import',
          sourceDetail: `Sub-processor list read from ${out.listSource}`.slice(0, 500),
        };
        const id = reviewRepo().insertOne(parseFor(reviews, base), ctx);
        if (!accepted) return { ...out, reviewId: id };
        const applied = accept(id, vendorNow, input.noticeOn, compared.diff, input, ctx);
        return { ...out, reviewId: id, applied };
      })
      .immediate();
  }

  /** Applies the diff and marks the review accepted; the caller holds the transaction. */
  function accept(
    id: number,
    vendor: { id: number; fields: Fields },
    noticeOn: string,
    diff: ListDiff,
    decision: { decidedOn?: string | null; reasons?: string | null },
    ctx: AuditContext,
  ) {
    const { counts, createdIds } = apply(id, vendor, noticeOn, diff, ctx);
    const stored = reviewRepo().storedByIds([id]).get(id)!;
    const next = parseFor(reviews, {
      ...stored,
      decision: 'accepted',
      decidedOn: decision.decidedOn ?? localIsoDate(ctx.now()),
      reasons: decision.reasons ?? stored.reasons,
      appliedAt: ctx.now().toISOString(),
      changes: withCreated(stored.changes as Fields[], createdIds),
    });
    reviewRepo().updateOne(id, next, ctx);
    return counts;
  }

  function decide(input: ReviewDecideInput, ctx: AuditContext) {
    db.transaction(() => {
      const stored = reviewRepo().storedByIds([input.id]).get(input.id);
      if (!stored)
        throw new AppError('NOT_FOUND', `There is no sub-processor list review with id ${input.id}.`);
      const archived = (
        db.prepare('SELECT archived_at FROM reviews WHERE id = ?').get(input.id) as {
          archived_at: string | null;
        }
      ).archived_at;
      if (archived)
        throw new AppError('CONFLICT', 'This review is archived; restore it before deciding.', {
          id: input.id,
        });
      if (stored.decision === 'accepted' || stored.decision === 'objected')
        throw new AppError(
          'CONFLICT',
          `This review is already decided (${String(stored.decision)} on ${String(stored.decidedOn ?? '')}).`,
        );
      const row = db.prepare('SELECT updated_at FROM reviews WHERE id = ?').get(input.id) as {
        updated_at: string;
      };
      if (input.expectedUpdatedAt && input.expectedUpdatedAt !== row.updated_at)
        throw new AppError(
          'CONFLICT',
          'This review was changed elsewhere since you opened it. Reload it to see the changes, then decide again.',
        );
      if (input.decision === 'accepted') {
        if ((stored.received as Fields[]).length === 0)
          throw new AppError(
            'VALIDATION',
            'This review holds no list to apply. Review the list from the vendor’s page, or record an objection or questions here.',
            [{ path: 'decision', message: 'No list to apply.' }],
          );
        const vendor = vendorOf(stored.vendorId as number);
        const { diff } = compare(vendor, entriesOf(stored.received as Fields[]), ctx);
        const now = JSON.stringify(changeRows(diff).map(({ vendorId: _v, ...r }) => r));
        const then = JSON.stringify((stored.changes as Fields[]).map(({ vendorId: _v, ...r }) => r));
        if (now !== then)
          throw new AppError(
            'CONFLICT',
            `${String(vendor.fields.name)}'s sub-processors changed in the register since this review was made, so its changes no longer apply as shown. Review the list again.`,
          );
        accept(input.id, vendor, String(stored.noticeOn), diff, input, ctx);
        return;
      }
      const next = parseFor(reviews, {
        ...stored,
        decision: input.decision,
        decidedOn: input.decidedOn ?? (input.decision === 'questions' ? null : localIsoDate(ctx.now())),
        objectionSentOn: input.objectionSentOn ?? stored.objectionSentOn,
        reasons: input.reasons ?? stored.reasons,
      });
      reviewRepo().updateOne(input.id, next, ctx);
    }).immediate();
    return reviewRepo().get(input.id, ctx);
  }

  /**
   * A review entered through the register's own form (no list read): the one-undecided rule holds there too,
   * checked inside the write.
   */
  function create(fields: Fields, ctx: AuditContext) {
    return db
      .transaction(() => {
        const decision = (fields.decision as string | undefined) ?? 'open';
        const ref = fields.vendorId;
        if (UNDECIDED.includes(decision) && (typeof ref === 'number' || typeof ref === 'string')) {
          const vendor = vendorOf(ref);
          refuseWhileUndecided(vendor.id, String(vendor.fields.name));
        }
        return reviewRepo().create(fields, ctx);
      })
      .immediate();
  }

  return { check, record, decide, create };
}
