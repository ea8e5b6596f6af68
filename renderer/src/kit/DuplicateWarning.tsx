import { Alert, Anchor, List } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCopy } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { Register } from '../../../shared/kit/define';
import { navigate } from '../app/router';
import { registerApi } from './api';

type Candidates = { id: number; name: string; reason: string }[];

/** Warns, while the name is typed, that the record may already be in the register under a similar name. */
export function DuplicateWarning({
  reg,
  identity,
  excludeId,
}: {
  reg: Register;
  identity: Record<string, string>;
  excludeId?: number;
}) {
  const [field, typed] = Object.entries(identity)[0] ?? ['', ''];
  const [debounced] = useDebouncedValue(typed.trim(), 400);
  const [result, setResult] = useState<{ name: string; candidates: Candidates } | null>(null);

  useEffect(() => {
    if (!debounced) return;
    let cancelled = false;
    registerApi(reg)
      .duplicates({ [field]: debounced }, excludeId)
      .then(
        (candidates) => !cancelled && setResult({ name: debounced, candidates }),
        () => {},
      );
    return () => {
      cancelled = true;
    };
  }, [debounced, excludeId, reg, field]);

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
              href={`#/${reg.name}/${c.id}`}
              size="sm"
              onClick={(e) => {
                e.preventDefault();
                void navigate(`/${reg.name}/${c.id}`);
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
