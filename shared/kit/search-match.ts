import { foldText } from '../import/text';
import type { Register } from './define';
import { readableValue } from './readable';

const KINDS = new Set(['text', 'longText', 'labels', 'country', 'countries', 'enum', 'choices']);

/**
 * Why a record matched a search, when its title does not say it: the first field (in declaration order) whose
 * words start with every word searched for, with the words around the first of them ("Services: … Customer
 * support …"). Null when the title holds them, or no single field does.
 */
export function whyMatched(
  reg: Register,
  record: Record<string, unknown>,
  query: string,
): { field: string; excerpt: string } | null {
  const words = foldText(query).match(/[\p{L}\p{N}]+/gu);
  if (!words || words.length === 0) return null;
  const holds = (text: string) => {
    const tokens = foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
    return words.every((w) => tokens.some((t) => t.startsWith(w)));
  };
  if (holds(reg.titleOf(record as never))) return null;
  const fields: { label: string; text: string }[] = [];
  for (const { name, field } of reg.fieldList) {
    if (field.personal) continue;
    const value = record[name];
    let text: string | null = null;
    // A reference reads as the names of what it points to (an activity's vendors).
    if (field.ref) text = (record[field.ref.nameKey] as string | null) ?? null;
    else if (field.refs)
      text = ((record[field.refs.nameKey] as (string | null)[]) ?? []).filter(Boolean).join(', ');
    else if (KINDS.has(field.kind) && value !== null && value !== undefined)
      text = readableValue(reg, name, value);
    if (text) fields.push({ label: field.short ?? field.label, text });
  }
  // The first field holding every word; else the first holding any (the words are spread over fields).
  const some = (text: string) => {
    const tokens = foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
    return words.some((w) => tokens.some((t) => t.startsWith(w)));
  };
  const found = fields.find((f) => holds(f.text)) ?? fields.find((f) => some(f.text));
  if (!found) return null;
  const folded = foldText(found.text);
  const at = Math.max(0, Math.min(...words.map((w) => folded.indexOf(w)).filter((i) => i >= 0)));
  const start = Math.max(0, at - 30);
  const excerpt = `${start > 0 ? '…' : ''}${found.text.slice(start, start + 80)}${start + 80 < found.text.length ? '…' : ''}`;
  return { field: found.label, excerpt };
}
