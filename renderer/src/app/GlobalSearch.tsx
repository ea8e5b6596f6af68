import { Badge, Group, Kbd, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Spotlight, spotlight } from '@mantine/spotlight';
import { IconBuildingStore, IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { RecordHit } from '../../../shared/contract';
import { invoke, toApiError } from '../api/client';
import { navigate } from './router';

const registerLabels: Record<RecordHit['register'], string> = { vendors: 'Vendor' };
const recordPath = (hit: RecordHit) => `/${hit.register}/${hit.id}`;

/**
 * Finds any record in any register from anywhere: Ctrl+K (Cmd+K on macOS) opens it. The core searches its
 * full-text indexes; the list shows the register of each hit so the same name in two registers stays clear.
 */
export function GlobalSearch() {
  const [query, setQuery] = useState('');
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
      shortcut={['mod + K']}
      scrollable
      maxHeight={420}
      clearQueryOnClose
    >
      <Spotlight.Search
        placeholder="Search every register…"
        aria-label="Search every register"
        leftSection={<IconSearch size={18} stroke={1.6} />}
      />
      <Spotlight.ActionsList aria-label="Records found">
        {hits.map((hit) => (
          <Spotlight.Action
            key={`${hit.register}-${hit.id}`}
            onClick={() => void navigate(recordPath(hit))}
            leftSection={<IconBuildingStore size={18} stroke={1.6} />}
            label={hit.title}
          >
            <Group wrap="nowrap" justify="space-between" w="100%" gap="sm">
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={500} truncate>
                  {hit.title}
                </Text>
                <Text size="xs" c="dimmed" truncate>
                  {hit.detail}
                </Text>
              </div>
              <Group gap={4} wrap="nowrap">
                {hit.archived && (
                  <Badge size="xs" variant="light" color="gray">
                    Archived
                  </Badge>
                )}
                <Badge size="xs" variant="outline">
                  {registerLabels[hit.register]}
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
export const openGlobalSearch = () => spotlight.open();
