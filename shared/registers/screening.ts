import { z } from 'zod';
import { struct } from '../kit/fields';
import { ART_35_3_CASES, WP248_CRITERIA } from '../reference/dpia';
import { screenDpia } from '../rules/dpia';

const CASE_IDS = ART_35_3_CASES.map((c) => c.id) as [string, ...string[]];
const CRITERION_IDS = WP248_CRITERIA.map((c) => c.id) as [string, ...string[]];

/**
 * What a DPIA screening records (the ids of shared/reference/dpia.ts): the Art 35(3) cases that apply, the WP248
 * criteria met, whether the processing is on the authority's Art 35(4) list, and why no DPIA is done when none
 * is.
 */
export const ScreeningSchema = z.object({
  art35Cases: z
    .array(z.enum(CASE_IDS, { error: `Use one of ${CASE_IDS.join(', ')}.` }))
    .transform((l) => [...new Set(l)])
    .default([]),
  criteria: z
    .array(z.enum(CRITERION_IDS, { error: `Use one of ${CRITERION_IDS.join(', ')}.` }))
    .transform((l) => [...new Set(l)])
    .default([]),
  onAuthorityList: z.boolean().default(false),
  reasonNotRequired: z
    .string()
    .trim()
    .max(2000, 'Keep the reason under 2,000 characters.')
    .nullable()
    .transform((v) => (v === '' ? null : v))
    .default(null),
});
export type Screening = z.output<typeof ScreeningSchema>;

export const EMPTY_SCREENING: Screening = {
  art35Cases: [],
  criteria: [],
  onAuthorityList: false,
  reasonNotRequired: null,
};

/** Nothing recorded yet: no case, criterion, list or reason. */
export function screeningStarted(s: Screening): boolean {
  return (
    s.art35Cases.length > 0 || s.criteria.length > 0 || s.onAuthorityList || s.reasonNotRequired !== null
  );
}

/** What the screening concludes (shared/rules/dpia.ts `screenDpia`), riding with the screening when read. */
function conclude(s: Screening) {
  const r = screenDpia(s as Parameters<typeof screenDpia>[0]);
  return { conclusion: screeningStarted(s) ? r.conclusion : null, criteriaMet: r.criteriaMet };
}

/** A DPIA screening, edited by the screening form of the UI; read with its conclusion and criteria count. */
export function screeningField(section: string, label = 'DPIA screening') {
  return struct({
    label,
    schema: ScreeningSchema,
    empty: EMPTY_SCREENING,
    derive: conclude,
    derivedSchema: {
      conclusion: z.enum(['required', 'likely-required', 'not-likely-required']).nullable(),
      criteriaMet: z.number().int(),
    },
    describe: (s) => {
      if (!screeningStarted(s)) return 'Not screened';
      const { conclusion, criteriaMet } = conclude(s);
      const words =
        conclusion === 'required'
          ? 'DPIA required'
          : conclusion === 'likely-required'
            ? 'DPIA likely required'
            : 'DPIA not likely required';
      return `${words} (${criteriaMet} of 9 criteria${s.art35Cases.length ? `, Art 35(3) ${s.art35Cases.length}` : ''}${s.onAuthorityList ? ', on the authority’s list' : ''})`;
    },
    table: false,
    form: { section, wide: true },
    import: false,
    export: 'DPIA screening',
  });
}

/**
 * Whether the screening calls for a DPIA: an Art 35(3) case or the authority's list, or two or more criteria
 * with no recorded reason for not doing one. Migration 5 keeps the same rule in `activities.dpia_screening_calls`.
 */
export function screeningCallsForDpia(s: Screening): boolean {
  const { conclusion } = conclude(s);
  return conclusion === 'required' || (conclusion === 'likely-required' && s.reasonNotRequired === null);
}
