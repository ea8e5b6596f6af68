/**
 * Legal-form words dropped when comparing company names, so "Zendesk, Inc." and "ZENDESK INC" and "Zendesk"
 * match. English, French, German, Dutch, Nordic, Italian and Spanish forms.
 */
const LEGAL_FORMS = new Set([
  'inc',
  'incorporated',
  'llc',
  'llp',
  'lp',
  'ltd',
  'limited',
  'plc',
  'corp',
  'corporation',
  'co',
  'company',
  'unlimited',
  'uc',
  'dac',
  'gmbh',
  'ag',
  'kg',
  'ug',
  'se',
  'sa',
  'sas',
  'sarl',
  'sasu',
  'bv',
  'nv',
  'oy',
  'oyj',
  'ab',
  'as',
  'asa',
  'aps',
  'srl',
  'spa',
  'sl',
  'pty',
  'pte',
  'kk',
  'holdings',
  'group',
  'the',
]);

/** "S.A." and "B.V." arrive as runs of single letters: each run joined back into one word. */
export function joinLetterRuns(tokens: readonly string[]): string[] {
  const words: string[] = [];
  let inRun = false;
  for (const t of tokens) {
    if (t.length === 1 && inRun) words[words.length - 1] += t;
    else words.push(t);
    inRun = t.length === 1 && (inRun || words[words.length - 1] === t);
  }
  return words;
}

/**
 * The names normalised last: an import asks for a row's key several times (its identity, the stored key, the
 * duplicate check). Emptied when full, so it stays small.
 */
const recentNames = new Map<string, string>();

/** Normalises a company name for duplicate matching: case, accents, punctuation and legal forms removed. */
export function normaliseLegalName(name: string): string {
  let key = recentNames.get(name);
  if (key === undefined) {
    if (recentNames.size >= 256) recentNames.clear();
    key = normalised(name);
    recentNames.set(name, key);
  }
  return key;
}

/** A name's words: accents, case and punctuation gone, runs of single letters ("B.V.") joined. */
function nameWords(name: string): string[] {
  return joinLetterRuns(
    name
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
      .split(' ')
      .filter(Boolean),
  );
}

function normalised(name: string): string {
  // "&" reads as "and", a full-width one too (NFKD makes it "&"; decomposing again changes nothing).
  const words = nameWords(name.normalize('NFKD').replace(/&/g, ' and '));
  // The first word is always kept: "The Co" is a name, not a legal form.
  return words.filter((w, i) => i === 0 || !LEGAL_FORMS.has(w)).join(' ');
}

/** Levenshtein distance, capped: returns `max + 1` as soon as the distance must exceed `max`. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** Words of LEGAL_FORMS that say nothing of a company's legal form. */
const NOT_FORMS = new Set(['holdings', 'group', 'the']);
/** One spelling per legal form: "Ltd" and "Limited" are the same form. */
export const FORM_SPELLINGS: Readonly<Record<string, string>> = {
  limited: 'ltd',
  incorporated: 'inc',
  corporation: 'corp',
  company: 'co',
  proprietary: 'pty',
};

/** The legal form a company name ends with, spelt one way ("pty ltd", "bv", "inc"), or null when it gives none. */
export function legalFormOf(name: string): string | null {
  const words = nameWords(name);
  const form: string[] = [];
  for (let i = words.length - 1; i > 0; i--) {
    const w = words[i]!;
    if (!LEGAL_FORMS.has(w) || NOT_FORMS.has(w)) break;
    form.unshift(FORM_SPELLINGS[w] ?? w);
  }
  return form.length > 0 ? form.join(' ') : null;
}

/**
 * Whether two companies whose names read the same without their legal forms are one: `distinct` with the reason
 * when their legal forms differ ("Atlassian Pty Ltd" and "Atlassian B.V." are two entities) or their legal
 * entities do; `unsure` when only one of them gives a legal form ("Zendesk" and "Zendesk, Inc."); else `same`.
 */
export function compareEntities(
  a: { name: string; legalEntity?: string | null },
  b: { name: string; legalEntity?: string | null },
): { verdict: 'same' | 'unsure' } | { verdict: 'distinct'; reason: string } {
  const ea = a.legalEntity?.trim() || null;
  const eb = b.legalEntity?.trim() || null;
  if (ea && eb && normaliseLegalName(ea) !== normaliseLegalName(eb))
    return { verdict: 'distinct', reason: `different legal entities (${ea}; ${eb})` };
  const fa = legalFormOf(ea ?? a.name);
  const fb = legalFormOf(eb ?? b.name);
  if (fa && fb && fa !== fb) return { verdict: 'distinct', reason: `different legal forms (${fa}; ${fb})` };
  return { verdict: fa === fb ? 'same' : 'unsure' };
}
