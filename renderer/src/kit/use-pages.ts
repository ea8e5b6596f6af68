import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Register } from '../../../shared/kit/define';
import type { ApiError } from '../api/client';
import { toApiError } from '../api/client';
import type { ListQuery, Rec } from './api';
import { registerApi } from './api';

export const PAGE_SIZE = 100;

interface PageCache {
  key: string;
  generation: number;
  total: number;
  pages: Map<number, Rec[]>;
}

export interface RegisterPages {
  /** Rows matching the current query, known once its first page has arrived. */
  total: number | null;
  /** True while the shown rows belong to an earlier query or an earlier state of the register. */
  stale: boolean;
  /** Counts reloads, so checks made for one state of the register are not reused after a change. */
  generation: number;
  error: ApiError | null;
  rowAt(index: number): Rec | undefined;
  /** Fetches the pages covering rows `start..end` that are not cached yet. */
  ensureRange(start: number, end: number): void;
  /** Refetches after a change to the register (a save, an archive, demo data). */
  reload(): void;
}

/**
 * A register's rows, fetched from the core a page at a time by offset as the user scrolls. The core sorts,
 * filters and searches; this hook only caches pages for the current query and starts over when it changes,
 * keeping the previous rows on screen until the new first page arrives.
 */
export function useRegisterPages(reg: Register, query: ListQuery): RegisterPages {
  const key = JSON.stringify(query);
  const api = useMemo(() => registerApi(reg), [reg]);
  const [generation, setGeneration] = useState(0);
  const [cache, setCache] = useState<PageCache | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const inFlight = useRef(new Set<string>());

  useEffect(() => {
    let cancelled = false;
    const input = { ...(JSON.parse(key) as ListQuery), offset: 0, limit: PAGE_SIZE };
    api.list(input).then(
      (page) => {
        if (cancelled) return;
        setError(null);
        setCache({ key, generation, total: page.total, pages: new Map([[0, page.rows]]) });
      },
      (err: unknown) => {
        if (!cancelled) setError(toApiError(err));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [key, generation, api]);

  const current = cache && cache.key === key && cache.generation === generation ? cache : null;

  const ensureRange = useCallback(
    (start: number, end: number) => {
      if (!current) return;
      const last = Math.min(end, current.total - 1);
      for (let page = Math.floor(start / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) {
        const flightKey = `${current.key}#${current.generation}#${page}`;
        if (current.pages.has(page) || inFlight.current.has(flightKey)) continue;
        inFlight.current.add(flightKey);
        const input = {
          ...(JSON.parse(current.key) as ListQuery),
          offset: page * PAGE_SIZE,
          limit: PAGE_SIZE,
        };
        api
          .list(input)
          .then(
            (result) => {
              setCache((prev) =>
                prev && prev.key === current.key && prev.generation === current.generation
                  ? { ...prev, total: result.total, pages: new Map(prev.pages).set(page, result.rows) }
                  : prev,
              );
            },
            (err: unknown) => setError(toApiError(err)),
          )
          .finally(() => inFlight.current.delete(flightKey));
      }
    },
    [current, api],
  );

  const shown = current ?? cache;
  return {
    total: shown ? shown.total : null,
    stale: current === null,
    generation,
    error,
    rowAt: (index) => shown?.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    ensureRange,
    reload: () => setGeneration((g) => g + 1),
  };
}
