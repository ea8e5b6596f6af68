import {
  Alert,
  Anchor,
  Button,
  EmptyState,
  Group,
  Kbd,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue, useHotkeys, useLocalStorage, useSessionStorage } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconFileImport, IconFilterOff, IconPlus, IconSearch } from '@tabler/icons-react';
import type { ColumnSizingState, VisibilityState } from '@tanstack/react-table';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Register } from '../../../shared/kit/define';
import { registerByName } from '../../../shared/registers/index';
import { filtersFromQuery, filtersToQuery } from '../../../shared/kit/url-filters';
import { invoke, toApiError } from '../api/client';
import { navigate } from '../app/router';
import type { RegisterUi } from '../registers/ui';
import type { ListQuery } from './api';
import { registerApi } from './api';
import type { Filters } from './columns';
import { countActiveFilters, registerColumns } from './columns';
import { ColumnsMenu, defaultColumnVisibility } from './ColumnsMenu';
import { RegisterTable } from './RegisterTable';
import { useRegisterPages } from './use-pages';

type Archived = ListQuery['archived'];
const TYPING_DEBOUNCE_MS = 250;
/** Read stored view settings during the first render, so the first request already uses them. */
const now = { getInitialValueInEffect: false } as const;

function countText(
  reg: Register,
  total: number | null,
  narrowed: boolean,
  archived: Archived,
  failed: boolean,
): string {
  if (total === null) return failed ? '' : 'Loading…';
  const noun = total === 1 ? reg.noun.one : reg.noun.other;
  const count = total.toLocaleString();
  if (archived === 'only') return `${count} archived ${noun}${narrowed ? ' match' : ''}`;
  return narrowed ? `${count} ${noun} match` : `${count} ${noun}`;
}

function EmptyRegister({
  reg,
  ui,
  onLoadDemo,
  loading,
}: {
  reg: Register;
  ui: RegisterUi;
  onLoadDemo: () => void;
  loading: boolean;
}) {
  const Icon = ui.icon;
  // First use: until the organisation is named, deadlines fall back on guesses; say where to set it.
  const [unnamed, setUnnamed] = useState(false);
  useEffect(() => {
    let cancelled = false;
    invoke('settings:get', {}).then(
      (s) => !cancelled && setUnnamed(!s.organisation.name && !s.organisation.country),
      () => {},
    );
    return () => {
      cancelled = true;
    };
  }, []);
  return (
    // The explanation is a child, not the `description` (a <p>, which may not hold blocks).
    <EmptyState
      m="xl"
      mt={64}
      icon={<Icon size={28} />}
      withIndicatorBackground
      title={`Your ${reg.noun.one} register is empty`}
    >
      <Stack gap="xs" maw={560} mx="auto">
        <Text size="sm">{reg.description}</Text>
        <Text size="sm" c="dimmed">
          Try it with demo data, import your list from a spreadsheet (xlsx or csv), or add your first{' '}
          {reg.noun.one}.
        </Text>
        {unnamed && (
          <Alert color="blue" ta="left" title="First, your organisation">
            <Text size="sm">
              Its country decides the law transfers are judged under and the public holidays of a deadline;
              its time zone is where a breach clock is read; the default law, internal target and how long a
              requester’s contact is kept are set there too.
            </Text>
            <Anchor component="button" size="sm" onClick={() => void navigate('/settings')}>
              Open Settings
            </Anchor>
          </Alert>
        )}
      </Stack>
      <EmptyState.Actions>
        <Button onClick={onLoadDemo} loading={loading}>
          Load demo data
        </Button>
        <Button
          variant="default"
          leftSection={<IconFileImport size={16} />}
          onClick={() => void navigate(`/import?register=${reg.name}`)}
        >
          Import from a spreadsheet
        </Button>
        <Button
          variant="default"
          leftSection={<IconPlus size={16} />}
          onClick={() => void navigate(`/${reg.name}/new`)}
        >
          New {reg.noun.one}
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}

/** A register's page: search, sort, filter and open any record; the same page for every register. */
export function RegisterPage({
  reg,
  ui,
  query: urlQuery = null,
}: {
  reg: Register;
  ui: RegisterUi;
  /** Filters carried by the address (`#/requests?state=overdue`): they replace the session's view. */
  query?: Record<string, string> | null;
}) {
  const columns = useMemo(() => registerColumns(reg, ui.cells), [reg, ui.cells]);
  const api = useMemo(() => registerApi(reg), [reg]);
  const key = (what: string) => `dpo.${reg.name}.${what}`;
  // The address's filters are written where the view is kept before its first read, so the first request
  // already asks for them.
  useState(() => {
    if (!urlQuery) return null;
    const parsed = filtersFromQuery(reg, urlQuery);
    window.sessionStorage.setItem(key('filters'), JSON.stringify(parsed.filters));
    window.sessionStorage.setItem(key('search'), JSON.stringify(parsed.search));
    window.sessionStorage.setItem(key('archived'), JSON.stringify('exclude'));
    return null;
  });
  // The view survives opening a record and coming back, for the rest of the session.
  const [search, setSearch] = useSessionStorage({ key: key('search'), defaultValue: '', ...now });
  // A register may open on a view of its own (rights requests: the open ones); "clear" still clears everything.
  const [filters, setFilters] = useSessionStorage<Filters>({
    key: key('filters'),
    defaultValue: { ...reg.emptyFilters(), ...(reg.defaultFilters ?? {}) } as Filters,
    ...now,
  });
  const [sort, setSort] = useSessionStorage<ListQuery['sort']>({
    key: key('sort'),
    defaultValue: reg.defaultSort,
    ...now,
  });
  const [archived, setArchived] = useSessionStorage<Archived>({
    key: key('archived'),
    defaultValue: 'exclude',
    ...now,
  });
  const [columnVisibility, setColumnVisibility] = useLocalStorage<VisibilityState>({
    key: key('columns'),
    defaultValue: defaultColumnVisibility(columns),
    ...now,
  });
  const [columnSizing, setColumnSizing] = useLocalStorage<ColumnSizingState>({
    key: key('columnWidths'),
    defaultValue: {},
    ...now,
  });
  const searchRef = useRef<HTMLInputElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);

  // The address follows the view (replacing, so Back leaves the register), and a new address sets the view.
  const viewQuery = filtersToQuery(reg, filters, search);
  const urlKey = urlQuery ? new URLSearchParams(urlQuery).toString() : '';
  const lastUrl = useRef(urlKey);
  useEffect(() => {
    if (urlKey === lastUrl.current) return;
    lastUrl.current = urlKey;
    if (!urlQuery || urlKey === viewQuery) return;
    const parsed = filtersFromQuery(reg, urlQuery);
    setFilters(parsed.filters as Filters);
    setSearch(parsed.search);
    setArchived('exclude');
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs when the address changes, not the view
  }, [urlKey]);
  useEffect(() => {
    if (viewQuery === lastUrl.current) return;
    lastUrl.current = viewQuery;
    void navigate(viewQuery ? `/${reg.name}?${viewQuery}` : `/${reg.name}`, { replace: true });
  }, [viewQuery, reg.name]);

  // Typing waits for a pause before asking the core; clicks (sort, choices) apply at once.
  const typed = JSON.stringify({ search, text: filters.text });
  const [debouncedTyped] = useDebouncedValue(typed, TYPING_DEBOUNCE_MS);
  const { search: querySearch, text } = JSON.parse(debouncedTyped) as {
    search: string;
    text: Filters['text'];
  };
  const query: ListQuery = {
    sort,
    search: querySearch.trim(),
    filters: { ...filters, text },
    archived,
  };
  const pages = useRegisterPages(reg, query);

  // What the register's header counts until resolved (vendors with an unclear location).
  const [attentionCounts, setAttentionCounts] = useState<{ generation: number; counts: number[] } | null>(
    null,
  );
  useEffect(() => {
    const items = ui.attention ?? [];
    if (items.length === 0) return;
    let cancelled = false;
    Promise.all(items.map((a) => api.list({ filters: a.filters, limit: 1 }).then((p) => p.total))).then(
      (counts) => !cancelled && setAttentionCounts({ generation: pages.generation, counts }),
      () => {},
    );
    return () => {
      cancelled = true;
    };
  }, [ui.attention, api, pages.generation]);
  const attention = (ui.attention ?? [])
    .map((a, i) => ({ ...a, count: attentionCounts?.counts[i] ?? 0 }))
    .filter((a) => a.count > 0);
  const activeFilters = countActiveFilters(reg, filters);
  const narrowed = activeFilters > 0 || search.trim() !== '';
  const [emptyCheck, setEmptyCheck] = useState<{ generation: number; empty: boolean } | null>(null);
  const [loadingDemo, setLoadingDemo] = useState(false);
  const { reload } = pages;

  // A register with no rows at all gets an explanation instead of an empty grid; archived rows still count.
  const maybeEmpty = !pages.stale && pages.total === 0 && !narrowed && archived === 'exclude';
  useEffect(() => {
    if (!maybeEmpty) return;
    let cancelled = false;
    api.list({ archived: 'include', limit: 1 }).then(
      (page) => !cancelled && setEmptyCheck({ generation: pages.generation, empty: page.total === 0 }),
      () => {},
    );
    return () => {
      cancelled = true;
    };
  }, [maybeEmpty, pages.generation, api]);
  const emptyChecked = emptyCheck?.generation === pages.generation;
  const registerEmpty = maybeEmpty && emptyChecked && emptyCheck.empty;

  const loadDemo = () => {
    setLoadingDemo(true);
    invoke('demo:load', {})
      .then((result) => {
        const parts = Object.entries(result.registers)
          .filter(([, c]) => c.created > 0)
          .map(([name, c]) => {
            const noun = registerByName(name)?.noun ?? { one: name, other: name };
            return `${c.created} ${c.created === 1 ? noun.one : noun.other}`;
          });
        const list =
          parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0];
        notifications.show({
          color: 'green',
          title: 'Demo data loaded',
          message: `${list ? `Added ${list}` : 'Nothing new added'}${result.skipped ? `; ${result.skipped} already there` : ''}.`,
        });
        reload();
      })
      .catch((err: unknown) =>
        notifications.show({ color: 'red', title: 'Demo data not loaded', message: toApiError(err).message }),
      )
      .finally(() => setLoadingDemo(false));
  };

  useHotkeys([
    ['/', () => searchRef.current?.focus()],
    ['n', () => void navigate(`/${reg.name}/new`)],
  ]);

  const clearAll = () => {
    setFilters(reg.emptyFilters() as Filters);
    setSearch('');
  };
  const title = reg.title.toLowerCase();

  return (
    <div className="page">
      <div className="page-toolbar">
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Group gap="sm" wrap="nowrap" align="baseline">
            <Title order={1} size="h3" style={{ whiteSpace: 'nowrap' }}>
              {reg.title}
            </Title>
            <Text
              size="sm"
              c="dimmed"
              aria-live="polite"
              data-testid="row-count"
              className="register-toolbar-count"
            >
              {countText(reg, pages.total, narrowed, archived, pages.error !== null)}
            </Text>
            {attention.map((a) => (
              <Button
                key={a.key}
                size="compact-sm"
                variant="light"
                color="yellow"
                data-testid={`attention-${a.key}`}
                onClick={() => setFilters({ ...(reg.emptyFilters() as Filters), ...a.filters } as Filters)}
              >
                {a.label(a.count)}
              </Button>
            ))}
          </Group>
          <Group gap="xs" wrap="wrap" justify="flex-end">
            {/* Nothing to search, filter or arrange in an empty register: only the ways to fill it stay. */}
            {!registerEmpty && (
              <>
                <TextInput
                  ref={searchRef}
                  aria-label={`Search ${title}`}
                  placeholder={`Search ${title}`}
                  type="search"
                  w={{ base: 200, lg: 260 }}
                  leftSection={<IconSearch size={16} />}
                  rightSection={search ? undefined : <Kbd size="xs">/</Kbd>}
                  value={search}
                  onChange={(e) => setSearch(e.currentTarget.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'ArrowDown' || e.key === 'Enter') {
                      e.preventDefault();
                      gridRef.current?.focus();
                    } else if (e.key === 'Escape') {
                      setSearch('');
                    }
                  }}
                />
                <div>
                  <VisuallyHidden id={`${reg.name}-archived-label`}>Archived {reg.noun.other}</VisuallyHidden>
                  <SegmentedControl
                    aria-labelledby={`${reg.name}-archived-label`}
                    value={archived}
                    onChange={(v) => setArchived(v as Archived)}
                    data={[
                      { value: 'exclude', label: 'Current' },
                      { value: 'only', label: 'Archived' },
                      { value: 'include', label: 'All' },
                    ]}
                  />
                </div>
                {activeFilters > 0 && (
                  <Button
                    variant="subtle"
                    leftSection={<IconFilterOff size={16} />}
                    onClick={() => setFilters(reg.emptyFilters() as Filters)}
                  >
                    Clear {activeFilters === 1 ? 'filter' : `${activeFilters} filters`}
                  </Button>
                )}
                <ColumnsMenu
                  columns={columns}
                  visibility={columnVisibility}
                  onChange={setColumnVisibility}
                  onReset={() => {
                    setColumnVisibility(defaultColumnVisibility(columns));
                    setColumnSizing({});
                  }}
                />
              </>
            )}
            <Button leftSection={<IconPlus size={16} />} onClick={() => void navigate(`/${reg.name}/new`)}>
              New {reg.noun.one}
            </Button>
          </Group>
        </Group>
      </div>
      {pages.error && (
        <Alert color="red" title="The register could not be loaded" m="md">
          {pages.error.message}
        </Alert>
      )}
      {registerEmpty ? (
        <EmptyRegister reg={reg} ui={ui} onLoadDemo={loadDemo} loading={loadingDemo} />
      ) : (
        <RegisterTable
          register={reg}
          columns={columns}
          pages={pages}
          sort={sort}
          onSortChange={setSort}
          filters={filters}
          onFiltersChange={setFilters}
          columnVisibility={columnVisibility}
          columnSizing={columnSizing}
          onColumnSizingChange={setColumnSizing}
          onOpen={(record) => void navigate(`/${reg.name}/${record.id}`)}
          queryKey={JSON.stringify(query)}
          gridRef={gridRef}
          emptyMessage={
            maybeEmpty && !emptyChecked ? null : (
              <Stack align="center" gap="xs" p="xl">
                <Text fw={600}>
                  {narrowed
                    ? `No ${reg.noun.other} match this search and these filters.`
                    : archived === 'only'
                      ? `No ${reg.noun.one} has been archived.`
                      : `Every ${reg.noun.one} in the register is archived.`}
                </Text>
                {narrowed && (
                  <Button variant="default" onClick={clearAll}>
                    Clear search and filters
                  </Button>
                )}
              </Stack>
            )
          }
        />
      )}
    </div>
  );
}
