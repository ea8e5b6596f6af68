import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Register } from '../../../shared/kit/define';
import { readableValue } from '../../../shared/kit/readable';
import { navigate } from '../app/router';
import { StatusChip } from '../components/StatusChip';
import { formatDate, formatDateTime } from '../lib/format';
import type { Rec } from './api';

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

/** The panel beside a record's form where its derived facts stand, each with its reason. */
export function FactsPanel({ children }: { children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" component="aside" aria-label="Derived facts">
      <Stack gap="md">
        <Title order={2} size="h5">
          Derived facts
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

/** When the record is next reviewed, or since when its review is overdue. */
export function ReviewFact({ due, overdue }: { due: string | null; overdue: boolean }) {
  return (
    <Fact label="Review">
      {overdue ? (
        <Stack gap={4}>
          <div>
            <StatusChip color="red">Review overdue</StatusChip>
          </div>
          <Text size="sm">The review was due on {formatDate(due)}.</Text>
        </Stack>
      ) : (
        <Text size="sm">{due ? `Next review on ${formatDate(due)}.` : 'No review date set.'}</Text>
      )}
    </Fact>
  );
}

/** Where the record came from (typed in, a file, demo data), and when it was added and last changed. */
export function SourceFact({ reg, record }: { reg: Register; record: Rec }) {
  const detail = record.sourceDetail as string | null;
  const kind = readableValue(reg, 'sourceKind', record.sourceKind);
  // "Imported from vendors.xlsx" says it all; "Imported from a file: Imported from vendors.xlsx" says it twice.
  const firstWord = (s: string) => s.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  const text = !detail ? kind : firstWord(detail) === firstWord(kind) ? detail : `${kind}: ${detail}`;
  return (
    <Fact label="Source">
      <Text size="sm">{text}</Text>
      <Text size="xs" c="dimmed">
        Added {formatDateTime(record.createdAt)} · last changed {formatDateTime(record.updatedAt)}
      </Text>
    </Fact>
  );
}

/**
 * Records of another register linked to this one (a vendor's processing activities, an activity's DPIAs), each
 * a link with its title and the line under it; `empty` says what none means.
 */
export function LinkedRecords({
  label,
  register,
  records,
  empty,
}: {
  label: string;
  register: Register;
  records: readonly Rec[];
  empty: string;
}) {
  return (
    <Fact label={label}>
      {records.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Stack gap={4}>
          {records.map((r) => (
            <div key={r.id}>
              <RecordLink path={`/${register.name}/${r.id}`}>{register.titleOf(r)}</RecordLink>
              <Text size="xs" c="dimmed">
                {register.detailOf(r)}
              </Text>
            </div>
          ))}
        </Stack>
      )}
    </Fact>
  );
}
