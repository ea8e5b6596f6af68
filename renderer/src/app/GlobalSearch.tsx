import { Badge, Group, Kbd, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Spotlight, createSpotlight } from '@mantine/spotlight';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useRef, useState, type Dispatch, type RefObject, type SetStateAction } from 'react';
import { flushSync } from 'react-dom';
import type { RecordHit } from '../../../shared/contract';
import { invoke, toApiError } from '../api/client';
import { navigate } from './router';

import { capitalised } from '../kit/api';
import { pagesOf } from '../registers/index';

/** The register of a hit in one word ("Vendor"), and its icon, from the register's declaration. */
const registerLabel = (hit: RecordHit) => capitalised(pagesOf(hit.register)?.reg.noun.one ?? hit.register);
function RegisterIcon({ hit }: { hit: RecordHit }) {
  const Icon = pagesOf(hit.register)?.ui.icon ?? IconSearch;
  return <Icon size={18} stroke={1.6} />;
}
const recordPath = (hit: RecordHit) => `/${hit.register}/${hit.id}`;

// A store of our own, so the shortcut handler can tell whether the search is open and follow it opening and
// closing, whoever opens it.
const [searchStore, searchSpotlight] = createSpotlight();
const isMac = /Mac|iPhone|iPad/.test(navigator.userAgent);

/** Ctrl+K anywhere, and Cmd+K on macOS where Cmd is the usual modifier. */
function isSearchShortcut(event: KeyboardEvent): boolean {
  if (event.key.toLowerCase() !== 'k' || event.altKey || event.shiftKey) return false;
  return (event.ctrlKey && !event.metaKey) || (isMac && event.metaKey && !event.ctrlKey);
}

/** The character a key press types, or null when it types none (a shortcut, a named key such as Enter). */
function typedCharacter(event: KeyboardEvent): string | null {
  // AltGr arrives as Ctrl+Alt on Windows, yet it types characters such as @ and € on many layouts.
  const altGraph = event.getModifierState('AltGraph');
  if (event.metaKey || ((event.ctrlKey || event.altKey) && !altGraph)) return null;
  // Counted in code points, so a character outside the basic plane (an emoji) still counts as one.
  return [...event.key].length === 1 ? event.key : null;
}

/**
 * Opens the search on Ctrl+K and keeps every letter typed before its search box has focus. The box only
 * exists a frame or two after the shortcut and takes focus later still, so letters typed straight after
 * Ctrl+K would land on the page behind it (or nowhere). From the moment the search opens until the box has
 * focus, printable keys are held back in a buffer; once the box has focus the buffer is appended to the
 * query in one synchronous render, so a later key lands after it in the right order.
 */
function useShortcutWithTypeAhead(
  inputRef: RefObject<HTMLInputElement | null>,
  setQuery: Dispatch<SetStateAction<string>>,
) {
  useEffect(() => {
    let buffering = false;
    let typed: string[] = [];
    let frame = 0;
    let wasOpened = searchStore.getState().opened;

    const stopBuffering = () => {
      buffering = false;
      typed = [];
      cancelAnimationFrame(frame);
    };

    // Gives the buffered letters to the search box if it has focus; says whether it had.
    const handOver = (): boolean => {
      const input = inputRef.current;
      if (!input || document.activeElement !== input) return false;
      const text = typed.join('');
      stopBuffering();
      if (text) {
        // Rendered at once: a key pressed next is typed into the box's current text, which must hold these.
        flushSync(() => setQuery((current) => current + text));
        input.setSelectionRange(input.value.length, input.value.length);
      }
      return true;
    };

    // Focus normally arrives as a focusin event; checking every frame as well covers any path that skips it.
    const watchForFocus = () => {
      if (buffering && !handOver()) frame = requestAnimationFrame(watchForFocus);
    };

    const onOpenChange = ({ opened }: { opened: boolean }) => {
      if (opened === wasOpened) return;
      wasOpened = opened;
      if (!opened) {
        stopBuffering();
        return;
      }
      // Mantine clears the query when the closing animation ends; reopened during that animation, the old
      // words would still be there and the new letters would be appended to them.
      flushSync(() => setQuery(''));
      buffering = true;
      typed = [];
      frame = requestAnimationFrame(watchForFocus);
    };

    const onKeyDown = (event: KeyboardEvent) => {
      // Browser autofill sends keydown events without a key.
      if (typeof event.key !== 'string') return;
      if (isSearchShortcut(event)) {
        // Taken before anything else sees it, so it works from any field and the browser never acts on it.
        event.preventDefault();
        event.stopPropagation();
        if (searchStore.getState().opened) inputRef.current?.focus();
        else searchSpotlight.open();
        return;
      }
      if (!buffering || handOver()) return;
      const character = typedCharacter(event);
      if (character !== null) typed.push(character);
      else if (event.key === 'Backspace' && !event.ctrlKey && !event.metaKey && !event.altKey) typed.pop();
      else return;
      // The letter belongs to the search: neither the field behind it nor the page's own shortcuts get it.
      event.preventDefault();
      event.stopPropagation();
    };

    const onFocusIn = (event: FocusEvent) => {
      if (buffering && event.target === inputRef.current) handOver();
    };

    const unsubscribe = searchStore.subscribe(onOpenChange);
    window.addEventListener('keydown', onKeyDown, true);
    document.addEventListener('focusin', onFocusIn, true);
    return () => {
      unsubscribe();
      window.removeEventListener('keydown', onKeyDown, true);
      document.removeEventListener('focusin', onFocusIn, true);
      stopBuffering();
    };
  }, [inputRef, setQuery]);
}

/**
 * Finds any record in any register from anywhere: Ctrl+K (Cmd+K on macOS) opens it. The core searches its
 * full-text indexes; the list shows the register of each hit so the same name in two registers stays clear.
 */
export function GlobalSearch() {
  const [query, setQuery] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  useShortcutWithTypeAhead(inputRef, setQuery);
  const [debounced] = useDebouncedValue(query.trim(), 150);
  // Each answer remembers the words it answers, so a stale answer never shows under newer words.
  const [answer, setAnswer] = useState<{ for: string; hits: RecordHit[]; error: string | null }>({
    for: '',
    hits: [],
    error: null,
  });
  const hits = answer.for === debounced ? answer.hits : [];
  const error = answer.for === debounced ? answer.error : null;

  useEffect(() => {
    if (!debounced) return;
    let current = true;
    invoke('search:records', { query: debounced })
      .then((found) => current && setAnswer({ for: debounced, hits: found, error: null }))
      .catch(
        (err: unknown) => current && setAnswer({ for: debounced, hits: [], error: toApiError(err).message }),
      );
    return () => {
      current = false;
    };
  }, [debounced]);

  return (
    <Spotlight.Root
      query={query}
      onQueryChange={setQuery}
      store={searchStore}
      shortcut={null}
      scrollable
      maxHeight={420}
      clearQueryOnClose
    >
      <Spotlight.Search
        ref={inputRef}
        placeholder="Search every register…"
        aria-label="Search every register"
        leftSection={<IconSearch size={18} stroke={1.6} />}
      />
      <Spotlight.ActionsList aria-label="Records found">
        {hits.map((hit) => (
          <Spotlight.Action
            key={`${hit.register}-${hit.id}`}
            onClick={() => void navigate(recordPath(hit))}
            leftSection={<RegisterIcon hit={hit} />}
            label={hit.title}
          >
            <Group wrap="nowrap" justify="space-between" w="100%" gap="sm">
              {/* The words take the room left; the register's label never leaves the row. */}
              <div style={{ minWidth: 0, flex: 1 }}>
                <Text size="sm" fw={500} truncate>
                  {hit.title}
                </Text>
                <Text size="xs" c="dimmed" truncate>
                  {hit.detail}
                </Text>
                {hit.matched && (
                  <Text size="xs" truncate data-testid="search-why">
                    <Text span size="xs" fw={600}>
                      {hit.matched.field}:
                    </Text>{' '}
                    {hit.matched.excerpt}
                  </Text>
                )}
              </div>
              <Group gap={4} wrap="nowrap" style={{ flex: 'none' }}>
                {hit.archived && (
                  <Badge size="xs" variant="light" color="gray">
                    Archived
                  </Badge>
                )}
                <Badge size="xs" variant="outline">
                  {registerLabel(hit)}
                </Badge>
              </Group>
            </Group>
          </Spotlight.Action>
        ))}
        {error && <Spotlight.Empty>{error}</Spotlight.Empty>}
        {!error && debounced && answer.for === debounced && hits.length === 0 && (
          <Spotlight.Empty>No record matches “{debounced}”.</Spotlight.Empty>
        )}
        {!debounced && (
          <Spotlight.Empty>
            Type a name, a service, a country… <Kbd size="xs">Esc</Kbd> closes.
          </Spotlight.Empty>
        )}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}

/** Opens the global search (for a button in the shell). */
export const openGlobalSearch = () => searchSpotlight.open();
