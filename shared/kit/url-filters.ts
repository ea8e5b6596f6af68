import type { DateRange, Register } from './define';

/**
 * A register's filters in its page's address, so a link (an Overview figure, a reminder) opens the register
 * filtered and Back returns to where it came from: `#/requests?state=overdue&due=2026-12-01..2026-12-08`.
 * Choices and countries are comma-separated, yes/no is `yes` or `no`, a date range `from..to` (either end may be
 * empty), a column's text `text.<key>=…`, the search `q=…`. Unknown keys and values are left out.
 */
export function filtersToQuery(reg: Register, filters: Record<string, unknown>, search = ''): string {
  const params = new URLSearchParams();
  if (search.trim()) params.set('q', search.trim());
  const text = (filters.text ?? {}) as Record<string, string | undefined>;
  for (const f of reg.filters) {
    const value = filters[f.key];
    switch (f.kind) {
      case 'text':
        if (text[f.key]?.trim()) params.set(`text.${f.key}`, text[f.key]!.trim());
        break;
      case 'choice':
      case 'country':
        if (Array.isArray(value) && value.length > 0) params.set(f.key, value.join(','));
        break;
      case 'yes-no':
        if (value === true || value === false) params.set(f.key, value ? 'yes' : 'no');
        break;
      case 'date-range': {
        const range = value as DateRange | null | undefined;
        if (range && (range.from || range.to)) params.set(f.key, `${range.from ?? ''}..${range.to ?? ''}`);
        break;
      }
    }
  }
  return params.toString();
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Reads filters from an address's query; what does not read as one of the register's filters is ignored. */
export function filtersFromQuery(
  reg: Register,
  query: Record<string, string>,
): { filters: Record<string, unknown>; search: string } {
  const filters = reg.emptyFilters();
  const text: Record<string, string> = {};
  for (const f of reg.filters) {
    if (f.kind === 'text') {
      const v = query[`text.${f.key}`];
      if (v) text[f.key] = v.slice(0, 200);
      continue;
    }
    const raw = query[f.key];
    if (raw === undefined) continue;
    switch (f.kind) {
      case 'choice': {
        const allowed = new Set(f.options.map((o) => o.value));
        filters[f.key] = raw.split(',').filter((v) => allowed.has(v));
        break;
      }
      case 'country':
        filters[f.key] = raw
          .split(',')
          .map((c) => c.trim().toUpperCase())
          .filter((c) => /^[A-Z]{2}$/.test(c));
        break;
      case 'yes-no':
        filters[f.key] = raw === 'yes' ? true : raw === 'no' ? false : null;
        break;
      case 'date-range': {
        const [from = '', to = ''] = raw.split('..');
        const range = { from: DAY.test(from) ? from : null, to: DAY.test(to) ? to : null };
        filters[f.key] = range.from || range.to ? range : null;
        break;
      }
    }
  }
  filters.text = text;
  return { filters, search: (query.q ?? '').slice(0, 200) };
}

/** The address of a register's page with these filters. */
export function registerPath(reg: Register, filters: Record<string, unknown>): string {
  const query = filtersToQuery(reg, filters);
  return query ? `/${reg.name}?${query}` : `/${reg.name}`;
}
