import type { ColumnSizingState, OnChangeFn, VisibilityState } from '@tanstack/react-table';
import { flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import type { Virtualizer } from '@tanstack/react-virtual';
import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import type { ColumnDef } from '@tanstack/react-table';
import type { KeyboardEvent, ReactNode, RefObject } from 'react';
import { useEffect, useRef, useState } from 'react';
import type { Register } from '../../../shared/kit/define';
import type { ListQuery, Rec } from './api';
import { ColumnFilterButton } from './ColumnFilterButton';
import type { Filters } from './columns';
import { columnMeta } from './columns';
import type { RegisterPages } from './use-pages';

export const ROW_HEIGHT = 32;

/** Where the user left each register, kept for this window while they look at a record. */
const lastPositions = new Map<string, { active: number; offset: number; query: string }>();
const HEADER_HEIGHT = 35;

/**
 * Without layout (a hidden panel, or jsdom in tests) the scroll box measures 0 px and no row would render.
 * Assume a typical window instead, so the first screen of rows is always in the document.
 */
const ASSUMED_RECT = { width: 1280, height: 800 };
const observeRectOrAssume: typeof observeElementRect = (instance, onChange) =>
  observeElementRect(instance, (rect) => onChange(rect.height > 0 ? rect : ASSUMED_RECT));

type Sort = ListQuery['sort'];

export interface RegisterTableProps {
  register: Register;
  columns: ColumnDef<Rec | null>[];
  pages: RegisterPages;
  sort: Sort;
  onSortChange: (sort: Sort) => void;
  filters: Filters;
  onFiltersChange: (filters: Filters) => void;
  columnVisibility: VisibilityState;
  columnSizing: ColumnSizingState;
  onColumnSizingChange: OnChangeFn<ColumnSizingState>;
  onOpen: (record: Rec) => void;
  gridRef: RefObject<HTMLDivElement | null>;
  /** Changes whenever sort, filters or search change; the grid then starts again at the top. */
  queryKey: string;
  /** Shown under the header when the query matches nothing. */
  emptyMessage: ReactNode;
}

function SortIcon({ direction }: { direction: 'asc' | 'desc' | false }) {
  if (direction === 'asc') return <IconArrowUp size={13} aria-hidden />;
  if (direction === 'desc') return <IconArrowDown size={13} aria-hidden />;
  return <IconArrowsSort size={13} aria-hidden />;
}

function moveKeys(event: KeyboardEvent, active: number, total: number, pageRows: number): number | null {
  switch (event.key) {
    case 'ArrowDown':
      return Math.min(active + 1, total - 1);
    case 'ArrowUp':
      return Math.max(active - 1, 0);
    case 'PageDown':
      return Math.min(active + pageRows, total - 1);
    case 'PageUp':
      return Math.max(active - pageRows, 0);
    case 'Home':
      return 0;
    case 'End':
      return total - 1;
    default:
      return null;
  }
}

/**
 * A register as a grid: the header sticks, rows are virtualized over the full count and fetched a page at a
 * time, sorting and filtering happen in the core. Arrow keys move the active row, Enter opens it.
 */
export function RegisterTable({
  register,
  columns,
  pages,
  sort,
  onSortChange,
  filters,
  onFiltersChange,
  columnVisibility,
  columnSizing,
  onColumnSizingChange,
  onOpen,
  gridRef,
  queryKey,
  emptyMessage,
}: RegisterTableProps) {
  const total = pages.total ?? 0;
  const lastPosition = lastPositions.get(register.name) ?? { active: 0, offset: 0, query: '' };
  const returning = lastPosition.query === queryKey;
  const [active, setActive] = useState(returning ? lastPosition.active : 0);
  const [shownQuery, setShownQuery] = useState(queryKey);
  const previousQuery = useRef(queryKey);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer keeps its own state; nothing here is memoized across renders
  const virtualizer: Virtualizer<HTMLDivElement, Element> = useVirtualizer({
    count: total,
    getScrollElement: () => gridRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: ASSUMED_RECT,
    observeElementRect: observeRectOrAssume,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    initialOffset: () => (returning ? lastPosition.offset : 0),
  });

  // A new query starts at the top; coming back from a record returns to the row that was opened.
  if (shownQuery !== queryKey) {
    setShownQuery(queryKey);
    setActive(0);
  }
  useEffect(() => {
    if (previousQuery.current === queryKey) return;
    previousQuery.current = queryKey;
    virtualizer.scrollToOffset(0);
  }, [queryKey, virtualizer]);

  const activeIndex = Math.min(active, Math.max(total - 1, 0));
  const remembered = useRef({ active: activeIndex, query: queryKey });
  useEffect(() => {
    remembered.current = { active: activeIndex, query: queryKey };
  }, [activeIndex, queryKey]);
  useEffect(() => {
    const grid = gridRef.current;
    // Focus lands on the grid when the register opens, so the keyboard carries on without a click.
    grid?.focus({ preventScroll: true });
    return () => {
      lastPositions.set(register.name, { ...remembered.current, offset: grid?.scrollTop ?? 0 });
    };
  }, [gridRef, register.name]);
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  const { ensureRange } = pages;

  useEffect(() => {
    if (total > 0) ensureRange(first, last);
  }, [first, last, total, ensureRange]);

  const table = useReactTable<Rec | null>({
    data: items.map((item) => pages.rowAt(item.index) ?? null),
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (_row, i) => String(items[i]?.index ?? i),
    manualSorting: true,
    manualFiltering: true,
    manualPagination: true,
    enableColumnResizing: true,
    columnResizeMode: 'onChange',
    state: { columnVisibility, columnSizing, sorting: [{ id: sort.key, desc: sort.direction === 'desc' }] },
    onColumnSizingChange,
  });
  const rows = table.getRowModel().rows;
  const width = table.getTotalSize();
  const visibleColumns = table.getVisibleLeafColumns();

  // The header's sort and filter buttons are one tab stop: the last one used takes the focus, arrow keys move
  // between them (a roving tab index), so Tab does not walk through twenty buttons before the rows.
  const headerRef = useRef<HTMLDivElement>(null);
  const [headerStop, setHeaderStop] = useState(0);
  const controlCount = visibleColumns.reduce((n, c) => {
    const meta = columnMeta(c);
    return n + (meta.sortKey ? 1 : 0) + (meta.filter ? 1 : 0);
  }, 0);
  const stopAt = Math.min(headerStop, Math.max(0, controlCount - 1));
  let controlIndex = 0;
  const headerControl = () => {
    const i = controlIndex++;
    return { tabIndex: i === stopAt ? 0 : -1, 'data-header-control': i, onFocus: () => setHeaderStop(i) };
  };
  const onHeaderKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const controls = [...(headerRef.current?.querySelectorAll<HTMLElement>('[data-header-control]') ?? [])];
    const at = controls.indexOf(document.activeElement as HTMLElement);
    if (at < 0) return;
    const next =
      event.key === 'ArrowRight'
        ? Math.min(controls.length - 1, at + 1)
        : event.key === 'ArrowLeft'
          ? Math.max(0, at - 1)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? controls.length - 1
              : null;
    if (next === null) return;
    event.preventDefault();
    event.stopPropagation();
    controls[next]!.focus();
    controls[next]!.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget || total === 0) return;
    if (event.key === 'Enter') {
      const record = pages.rowAt(activeIndex);
      if (record) onOpen(record);
      event.preventDefault();
      return;
    }
    const pageRows = Math.max(
      1,
      Math.floor((event.currentTarget.clientHeight - HEADER_HEIGHT) / ROW_HEIGHT) - 1,
    );
    const next = moveKeys(event, activeIndex, total, pageRows);
    if (next === null) return;
    event.preventDefault();
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  return (
    <div
      ref={gridRef}
      className="grid-scroll"
      role="grid"
      aria-label={register.title}
      aria-rowcount={total + 1}
      aria-colcount={visibleColumns.length}
      aria-activedescendant={total > 0 ? `${register.entity}-row-${activeIndex}` : undefined}
      aria-busy={pages.stale || undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div
        role="rowgroup"
        className="grid-header"
        style={{ width, minWidth: '100%' }}
        ref={headerRef}
        onKeyDown={onHeaderKeyDown}
      >
        {table.getHeaderGroups().map((group) => (
          <div role="row" aria-rowindex={1} key={group.id} style={{ display: 'flex' }}>
            {group.headers.map((header) => {
              const meta = columnMeta(header.column);
              const sorted = meta.sortKey === sort.key ? (sort.direction ?? 'asc') : false;
              return (
                <div
                  key={header.id}
                  role="columnheader"
                  className="grid-header-cell"
                  style={{ width: header.getSize() }}
                  aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                >
                  {meta.sortKey ? (
                    <button
                      type="button"
                      {...headerControl()}
                      className="grid-sort-button"
                      data-sorted={sorted || undefined}
                      title={`Sort by ${meta.label.toLowerCase()}`}
                      onClick={() =>
                        onSortChange({
                          key: meta.sortKey!,
                          direction: sorted === 'asc' ? 'desc' : 'asc',
                        })
                      }
                    >
                      <span>{meta.label}</span>
                      <SortIcon direction={sorted} />
                    </button>
                  ) : (
                    <span className="grid-cell-text" style={{ flex: 1 }}>
                      {meta.label}
                    </span>
                  )}
                  {meta.filter && (
                    <ColumnFilterButton
                      control={headerControl()}
                      label={meta.label}
                      filter={meta.filter}
                      filters={filters}
                      onChange={onFiltersChange}
                    />
                  )}
                  <div
                    className="grid-resizer"
                    role="separator"
                    aria-orientation="vertical"
                    aria-label={`Resize ${meta.label}`}
                    data-resizing={header.column.getIsResizing() || undefined}
                    onMouseDown={header.getResizeHandler()}
                    onTouchStart={header.getResizeHandler()}
                    onDoubleClick={() => header.column.resetSize()}
                  />
                </div>
              );
            })}
          </div>
        ))}
      </div>
      {total === 0 && !pages.stale && pages.total !== null && (
        <div className="grid-empty" style={{ position: 'sticky', left: 0, width: 'min(100%, 100vw)' }}>
          {emptyMessage}
        </div>
      )}
      <div
        role="rowgroup"
        style={{ height: total * ROW_HEIGHT, width, minWidth: '100%', position: 'relative' }}
      >
        {items.map((item, i) => {
          const row = rows[i];
          const record = row?.original ?? null;
          return (
            <div
              key={item.key}
              role="row"
              id={`${register.entity}-row-${item.index}`}
              aria-rowindex={item.index + 2}
              aria-selected={item.index === activeIndex}
              className="grid-row"
              data-active={item.index === activeIndex || undefined}
              data-archived={record?.archived || undefined}
              style={{
                height: ROW_HEIGHT,
                width: Math.max(width, 0),
                minWidth: '100%',
                transform: `translateY(${item.start - HEADER_HEIGHT}px)`,
              }}
              onClick={(event) => {
                setActive(item.index);
                if (!record) return;
                // The title is a real link; let modified clicks behave like links do.
                if (event.metaKey || event.ctrlKey) return;
                event.preventDefault();
                onOpen(record);
              }}
            >
              {record && row
                ? row.getVisibleCells().map((cell) => (
                    <div
                      key={cell.id}
                      role="gridcell"
                      className="grid-cell"
                      style={{ width: cell.column.getSize() }}
                    >
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </div>
                  ))
                : visibleColumns.map((column) => (
                    <div
                      key={column.id}
                      role="gridcell"
                      className="grid-cell"
                      style={{ width: column.getSize() }}
                    >
                      <span className="grid-skeleton" aria-label="Loading" />
                    </div>
                  ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}
