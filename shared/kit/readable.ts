import { countryName } from '../countries';
import type { Register } from './define';

/** "United States of America (US)": the name a DPO reads, with the code a contract or import uses. */
export function countryLabel(code: string): string {
  const name = countryName(code);
  return name === code ? code : `${name} (${code})`;
}

export function countryList(codes: readonly string[]): string {
  return codes.map(countryLabel).join(', ');
}

export interface ReadableOptions {
  /** How a stored `YYYY-MM-DD` is shown (the UI uses the user's locale; text output keeps ISO). */
  date?: (iso: string) => string;
}

/**
 * A stored value as a DPO reads it (the change history, text output, exports): labels instead of codes, country
 * names, dates as the caller formats them, "Yes"/"No". Works for fields and derived facts of any register, by
 * their declaration.
 */
export function readableValue(
  reg: Register,
  name: string | null,
  value: unknown,
  options: ReadableOptions = {},
): string {
  if (value === null || value === undefined || value === '') return '—';
  const field = name ? reg.fields[name] : undefined;
  const fact = name && !field ? reg.derived[name] : undefined;
  const enumField =
    field?.kind === 'enum'
      ? field
      : fact?.display && typeof fact.display === 'object'
        ? reg.fields[fact.display.enumOf]
        : undefined;
  const countries = field?.kind === 'country' || field?.kind === 'countries' || fact?.display === 'countries';
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    if (value.every((v) => typeof v === 'string')) {
      return countries ? countryList(value as string[]) : (value as string[]).join(', ');
    }
    return value.map((v) => readableValue(reg, null, v, options)).join('; ');
  }
  if (typeof value === 'boolean') {
    if (field?.yesNo) return value ? field.yesNo.yes : field.yesNo.no;
    return value ? 'Yes' : 'No';
  }
  if (typeof value === 'number') {
    return field?.choices?.find((c) => c.value === value)?.label ?? String(value);
  }
  if (typeof value === 'string') {
    if (countries) return countryLabel(value);
    if (field?.kind === 'date') return (options.date ?? ((d) => d))(value);
    if (enumField) return enumField.options?.find((o) => o.value === value)?.label ?? value;
    return value;
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.status === 'string') {
      const reasons = Array.isArray(o.reasons)
        ? (o.reasons as { level?: string; text?: string }[])
            .filter((r) => r.level !== 'ok')
            .map((r) => r.text)
        : [];
      return reasons.length > 0 ? `${o.status}: ${reasons.join(' ')}` : o.status;
    }
    if (typeof o.country === 'string' && typeof o.covered === 'string') {
      return `${countryLabel(o.country)}: ${o.covered}`;
    }
  }
  return JSON.stringify(value);
}
