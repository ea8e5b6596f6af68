import { z } from 'zod';
import type { DerivedFact } from './define';
import { columnOf, date, longText, type HeaderSynonyms, type TableDecl } from './fields';
import { sql, sqlId, sqlLiteral, type Sql } from './sql';

/** Headers that name a next-review date, in English, French and German. */
const REVIEW_PHRASES = [
  'next review',
  'next review date',
  'review date',
  'review due',
  'reassessment date',
  'next assessment',
  'prochaine revue',
  'date de revue',
  'date de révision',
  'nächste prüfung',
  'nächste überprüfung',
  'wiedervorlage',
  'überprüfung am',
];

/** The date a register's record is next due for review (every register has one). */
export function reviewDateField(section: string, table: TableDecl = { size: 140 }) {
  return date({
    label: 'Next review',
    sort: true,
    table,
    form: { section },
    import: { synonyms: { phrases: REVIEW_PHRASES } },
  });
}

/** Headers of free notes; a register adds the headers whose text it keeps in its notes (`more`). */
const NOTES_WORDS = [
  'notes',
  'note',
  'comments',
  'comment',
  'remarks',
  'remarques',
  'commentaires',
  'observations',
  'anmerkungen',
  'bemerkungen',
  'kommentar',
  'hinweise',
];

/** Free notes: filterable as text, searchable, appended to (never replaced) by an import that updates. */
export function notesField(section: string, more: Partial<HeaderSynonyms> = {}) {
  return longText({
    label: 'Notes',
    filter: { kind: 'text' },
    fts: 'column',
    table: { size: 220, hidden: true },
    form: { section, wide: true },
    import: {
      synonyms: {
        exact: [...NOTES_WORDS, ...(more.exact ?? [])],
        phrases: ['additional information', ...(more.phrases ?? [])],
        exclude: more.exclude,
      },
      many: true,
      merge: 'append',
    },
  });
}

/**
 * "Review overdue": the review date of the field `field` has passed, on a current record that is not exempt (an
 * offboarded vendor needs no review). With its SQL twin, filterable on the review date's column.
 */
export function reviewOverdue<R extends { archived: boolean }>(options: {
  field: keyof R & string;
  exempt?: { test: (record: R) => boolean; sql: Sql };
}): DerivedFact<boolean, R> {
  const column = sql`r.${sqlId(columnOf(options.field, {}))}`;
  const exempt = options.exempt;
  return {
    label: 'Review overdue',
    schema: z.boolean(),
    compute: (r, env) => {
      const due = r[options.field] as string | null;
      return due !== null && due < env.today && !r.archived && !(exempt?.test(r) ?? false);
    },
    table: false,
    export: 'Review overdue',
    filter: {
      kind: 'yes-no',
      key: 'reviewOverdue',
      column: options.field,
      yes: 'Review overdue',
      no: 'Review not overdue',
      sql: (overdue: boolean, env) => {
        const late = exempt
          ? sql`${column} < ${sqlLiteral(env.today)} AND NOT (${exempt.sql}) AND r.archived_at IS NULL`
          : sql`${column} < ${sqlLiteral(env.today)} AND r.archived_at IS NULL`;
        return overdue ? sql`(${late})` : sql`NOT (${column} IS NOT NULL AND ${late})`;
      },
    },
  };
}
