import {
  Alert,
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
import { IconBuildingStore, IconFilterOff, IconPlus, IconSearch } from '@tabler/icons-react';
import type { ColumnSizingState, VisibilityState } from '@tanstack/react-table';
import { useEffect, useRef, useState } from 'react';
import { invoke, toApiError } from '../api/client';
import { navigate } from '../app/router';
import { ColumnsMenu, defaultColumnVisibility } from './ColumnsMenu';
import type { VendorListQuery } from './use-vendor-pages';
import { useVendorPages } from './use-vendor-pages';
import type { VendorFilters } from './vendor-columns';
import { countActiveFilters, emptyFilters } from './vendor-columns';
import { VendorTable } from './VendorTable';

type Archived = VendorListQuery['archived'];
const TYPING_DEBOUNCE_MS = 250;
/** Read stored view settings during the first render, so the first request already uses them. */
const now = { getInitialValueInEffect: false } as const;

function countText(total: number | null, narrowed: boolean, archived: Archived, failed: boolean): string {
  if (total === null) return failed ? '' : 'Loading…';
  const noun = total === 1 ? 'vendor' : 'vendors';
  const count = total.toLocaleString();
  if (archived === 'only') return `${count} archived ${noun}${narrowed ? ' match' : ''}`;
  return narrowed ? `${count} ${noun} match` : `${count} ${noun}`;
}

function EmptyRegister({ onLoadDemo, loading }: { onLoadDemo: () => void; loading: boolean }) {
  return (
    <EmptyState
      m="xl"
      mt={64}
      icon={<IconBuildingStore size={28} />}
      withIndicatorBackground
      title="Your vendor register is empty"
      description={
        <Stack gap="xs" maw={560} mx="auto">
          <Text size="sm">
            This register lists every processor, sub-processor and joint controller that handles personal data
            for you: the DPA you signed with each, where they process the data, and who they pass it on to. It
            backs your Art 28 contracts and shows which transfers outside the EEA need a transfer mechanism.
          </Text>
          <Text size="sm" c="dimmed">
            Try it with demo data, or add your first vendor. Importing from a spreadsheet comes next.
          </Text>
        </Stack>
      }
    >
      <EmptyState.Actions>
        <Button onClick={onLoadDemo} loading={loading}>
          Load demo data
        </Button>
        <Button
          variant="default"
          leftSection={<IconPlus size={16} />}
          onClick={() => void navigate('/vendors/new')}
        >
          New vendor
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}

/** The vendor / sub-processor register: search, sort, filter and open any vendor. */
export function VendorRegisterPage() {
  // The view survives opening a record and coming back, for the rest of the session.
  const [search, setSearch] = useSessionStorage({ key: 'dpo.vendors.search', defaultValue: '', ...now });
  const [filters, setFilters] = useSessionStorage<VendorFilters>({
    key: 'dpo.vendors.filters',
    defaultValue: emptyFilters,
    ...now,
  });
  const [sort, setSort] = useSessionStorage<VendorListQuery['sort']>({
    key: 'dpo.vendors.sort',
    defaultValue: { key: 'name', direction: 'asc' },
    ...now,
  });
  const [archived, setArchived] = useSessionStorage<Archived>({
    key: 'dpo.vendors.archived',
    defaultValue: 'exclude',
    ...now,
  });
  const [columnVisibility, setColumnVisibility] = useLocalStorage<VisibilityState>({
    key: 'dpo.vendors.columns',
    defaultValue: defaultColumnVisibility(),
    ...now,
  });
  const [columnSizing, setColumnSizing] = useLocalStorage<ColumnSizingState>({
    key: 'dpo.vendors.columnWidths',
    defaultValue: {},
    ...now,
  });
  const searchRef = useRef<HTMLInputElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);

  // Typing waits for a pause before asking the core; clicks (sort, choices) apply at once.
  const typed = JSON.stringify({ search, text: filters.text });
  const [debouncedTyped] = useDebouncedValue(typed, TYPING_DEBOUNCE_MS);
  const { search: querySearch, text } = JSON.parse(debouncedTyped) as {
    search: string;
    text: VendorFilters['text'];
  };
  const query: VendorListQuery = {
    sort,
    search: querySearch.trim(),
    filters: { ...filters, text },
    archived,
  };
  const pages = useVendorPages(query);

  const activeFilters = countActiveFilters(filters);
  const narrowed = activeFilters > 0 || search.trim() !== '';
  const [emptyCheck, setEmptyCheck] = useState<{ generation: number; empty: boolean } | null>(null);
  const [loadingDemo, setLoadingDemo] = useState(false);
  const { reload } = pages;

  // A register with no rows at all gets an explanation instead of an empty grid; archived rows still count.
  const maybeEmpty = !pages.stale && pages.total === 0 && !narrowed && archived === 'exclude';
  useEffect(() => {
    if (!maybeEmpty) return;
    let cancelled = false;
    invoke('vendors:list', { archived: 'include', limit: 1 }).then(
      (page) => !cancelled && setEmptyCheck({ generation: pages.generation, empty: page.total === 0 }),
      () => {},
    );
    return () => {
      cancelled = true;
    };
  }, [maybeEmpty, pages.generation]);
  const emptyChecked = emptyCheck?.generation === pages.generation;
  const registerEmpty = maybeEmpty && emptyChecked && emptyCheck.empty;

  const loadDemo = () => {
    setLoadingDemo(true);
    invoke('demo:load', {})
      .then((result) => {
        notifications.show({
          color: 'green',
          title: 'Demo data loaded',
          message: `${result.created} demo vendors added${result.skipped ? `, ${result.skipped} already there` : ''}.`,
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
    ['n', () => void navigate('/vendors/new')],
  ]);

  const clearAll = () => {
    setFilters(emptyFilters);
    setSearch('');
  };

  return (
    <div className="page">
      <div className="page-toolbar">
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap" align="baseline">
            <Title order={1} size="h3">
              Vendors
            </Title>
            <Text size="sm" c="dimmed" aria-live="polite" data-testid="row-count">
              {countText(pages.total, narrowed, archived, pages.error !== null)}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            {/* Nothing to search, filter or arrange in an empty register: only the ways to fill it stay. */}
            {!registerEmpty && (
              <>
                <TextInput
                  ref={searchRef}
                  aria-label="Search vendors"
                  placeholder="Search vendors"
                  type="search"
                  w={260}
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
                  <VisuallyHidden id="archived-label">Archived vendors</VisuallyHidden>
                  <SegmentedControl
                    aria-labelledby="archived-label"
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
                    onClick={() => setFilters(emptyFilters)}
                  >
                    Clear {activeFilters === 1 ? 'filter' : `${activeFilters} filters`}
                  </Button>
                )}
                <ColumnsMenu
                  visibility={columnVisibility}
                  onChange={setColumnVisibility}
                  onReset={() => {
                    setColumnVisibility(defaultColumnVisibility());
                    setColumnSizing({});
                  }}
                />
              </>
            )}
            <Button leftSection={<IconPlus size={16} />} onClick={() => void navigate('/vendors/new')}>
              New vendor
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
        <EmptyRegister onLoadDemo={loadDemo} loading={loadingDemo} />
      ) : (
        <VendorTable
          pages={pages}
          sort={sort}
          onSortChange={setSort}
          filters={filters}
          onFiltersChange={setFilters}
          columnVisibility={columnVisibility}
          columnSizing={columnSizing}
          onColumnSizingChange={setColumnSizing}
          onOpen={(vendor) => void navigate(`/vendors/${vendor.id}`)}
          queryKey={JSON.stringify(query)}
          gridRef={gridRef}
          emptyMessage={
            maybeEmpty && !emptyChecked ? null : (
              <Stack align="center" gap="xs" p="xl">
                <Text fw={600}>
                  {narrowed
                    ? 'No vendors match this search and these filters.'
                    : archived === 'only'
                      ? 'No vendor has been archived.'
                      : 'Every vendor in the register is archived.'}
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
