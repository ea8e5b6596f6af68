import { Alert, Anchor, List } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCopy } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../shared/contract';
import { invoke } from '../api/client';
import { navigate } from '../app/router';

type Candidates = ChannelOutput<'vendors:duplicates'>;

/** Warns, while the name is typed, that the vendor may already be in the register under a similar name. */
export function DuplicateWarning({ name, excludeId }: { name: string; excludeId?: number }) {
  const [debounced] = useDebouncedValue(name.trim(), 400);
  const [result, setResult] = useState<{ name: string; candidates: Candidates } | null>(null);

  useEffect(() => {
    if (!debounced) return;
    let cancelled = false;
    invoke('vendors:duplicates', { name: debounced, excludeId }).then(
      (candidates) => !cancelled && setResult({ name: debounced, candidates }),
      () => {},
    );
    return () => {
      cancelled = true;
    };
  }, [debounced, excludeId]);

  const candidates = result && result.name === debounced && debounced ? result.candidates : [];
  if (candidates.length === 0) return null;
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconCopy size={16} />}
      title="Possibly already in the register"
      p="xs"
      role="status"
    >
      <List size="sm" spacing={2}>
        {candidates.map((c) => (
          <List.Item key={c.id}>
            <Anchor
              href={`#/vendors/${c.id}`}
              size="sm"
              onClick={(e) => {
                e.preventDefault();
                void navigate(`/vendors/${c.id}`);
              }}
            >
              {c.name}
            </Anchor>{' '}
            — {c.reason}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
