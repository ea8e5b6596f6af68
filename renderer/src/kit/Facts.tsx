import { Anchor, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { navigate } from '../app/router';

/** One derived fact in a record's facts panel: a small heading and what it says. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" fw={600} c="dimmed" mb={2}>
        {label}
      </Text>
      {children}
    </div>
  );
}

/** A link to a page of the app (a record, a register) that moves within it. */
export function RecordLink({ path, children }: { path: string; children: ReactNode }) {
  return (
    <Anchor
      href={`#${path}`}
      size="sm"
      onClick={(e) => {
        e.preventDefault();
        void navigate(path);
      }}
    >
      {children}
    </Anchor>
  );
}
