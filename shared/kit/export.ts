import type { Register } from './define';
import { countryLabel, readableValue } from './readable';

/** One column of a register's export: its header, and the cell each record gives it. */
export interface ExportColumn {
  key: string;
  header: string;
  /** Dates stay ISO `YYYY-MM-DD` (a workbook writer makes them date cells); everything else reads as words. */
  kind: 'date' | 'number' | 'text';
  value: (record: Record<string, unknown>) => string | number | null;
}

/**
 * The columns a register exports, from its declaration: the record's id, each field with an export header (enums
 * as their labels, lists joined with "; ", countries as names with the code, references as the referred title),
 * then each derived fact as its own clearly named column. A register added later exports with no new code.
 */
export function exportColumns(reg: Register): ExportColumn[] {
  const out: ExportColumn[] = [{ key: 'id', header: 'ID', kind: 'number', value: (r) => r.id as number }];
  for (const { name, field } of reg.fieldList) {
    if (field.export === false) continue;
    const header = field.export ?? field.label;
    if (field.kind === 'date') {
      out.push({ key: name, header, kind: 'date', value: (r) => (r[name] as string | null) ?? null });
    } else if (field.kind === 'int' && !field.choices) {
      out.push({ key: name, header, kind: 'number', value: (r) => (r[name] as number | null) ?? null });
    } else if (field.kind === 'ref') {
      const nameKey = field.ref!.nameKey;
      out.push({ key: name, header, kind: 'text', value: (r) => (r[nameKey] as string | null) ?? null });
    } else if (field.kind === 'refs') {
      const nameKey = field.refs!.nameKey;
      out.push({
        key: name,
        header,
        kind: 'text',
        value: (r) => {
          const names = ((r[nameKey] as (string | null)[] | undefined) ?? []).filter((n) => n !== null);
          return names.length > 0 ? names.join('; ') : null;
        },
      });
    } else if (field.kind === 'choices' || field.kind === 'rows' || field.kind === 'struct') {
      out.push({
        key: name,
        header,
        kind: 'text',
        value: (r) => {
          const text = readableValue(reg, name, r[name]);
          return text === '—' ? null : text;
        },
      });
    } else {
      out.push({
        key: name,
        header,
        kind: 'text',
        value: (r) => {
          const value = r[name];
          if (Array.isArray(value)) {
            if (value.length === 0) return null;
            const list = value as string[];
            return (field.kind === 'countries' ? list.map(countryLabel) : list).join('; ');
          }
          const text = readableValue(reg, name, value);
          return text === '—' ? null : text;
        },
      });
    }
  }
  for (const [name, fact] of Object.entries(reg.derived)) {
    if (fact.export === false || fact.export === undefined) continue;
    out.push({
      key: name,
      header: fact.export,
      kind: 'text',
      value: (r) => {
        const text = readableValue(reg, name, r[name]);
        return text === '—' ? null : text;
      },
    });
  }
  out.push(
    { key: 'archived', header: 'Archived', kind: 'text', value: (r) => (r.archived ? 'Yes' : 'No') },
    { key: 'createdAt', header: 'Added', kind: 'text', value: (r) => r.createdAt as string },
    { key: 'updatedAt', header: 'Last changed', kind: 'text', value: (r) => r.updatedAt as string },
  );
  return out;
}
