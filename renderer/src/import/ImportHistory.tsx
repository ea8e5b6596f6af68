import { Badge, Button, Stack, Table, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp } from '@tabler/icons-react';
import type { ImportRecord } from '../../../shared/import/types';
import { registerByName } from '../../../shared/registers/index';
import { toApiError } from '../api/client';
import { formatDateTime } from '../lib/format';

/** Asks before undoing a whole import, then runs the undo; resolves true when it was undone. */
export function confirmUndo(
  record: Pick<ImportRecord, 'id' | 'fileName' | 'created' | 'updated' | 'merged' | 'register'>,
  undo: () => Promise<void>,
): void {
  const noun = registerByName(record.register)?.noun ?? { one: 'record', other: 'records' };
  modals.openConfirmModal({
    title: `Undo the import of ${record.fileName}?`,
    children: (
      <Text size="sm">
        The {record.created.toLocaleString()} {noun.other} it created are removed and the{' '}
        {record.updated.toLocaleString()} it updated get back their values from before it. The undo is
        recorded in each {noun.one}’s history. {noun.other.charAt(0).toUpperCase() + noun.other.slice(1)}{' '}
        changed since the import block the undo.
      </Text>
    ),
    labels: { confirm: 'Undo the import', cancel: 'Keep it' },
    confirmProps: { color: 'red', leftSection: <IconArrowBackUp size={16} /> },
    onConfirm: async () => {
      try {
        await undo();
      } catch (err) {
        notifications.show({
          color: 'red',
          title: 'Not undone',
          message: toApiError(err).message,
          autoClose: 12_000,
        });
      }
    },
  });
}

/** Past imports, newest first, each with an undo. */
export function ImportHistory({
  records,
  onUndo,
  busy,
}: {
  records: readonly ImportRecord[];
  onUndo: (record: ImportRecord) => void;
  busy: boolean;
}) {
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        Past imports
      </Title>
      {records.length === 0 ? (
        <Text size="sm" c="dimmed">
          No imports yet.
        </Text>
      ) : (
        <Table aria-label="Past imports" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Register</Table.Th>
              <Table.Th>File</Table.Th>
              <Table.Th>By</Table.Th>
              <Table.Th>Result</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {records.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{formatDateTime(r.createdAt)}</Table.Td>
                <Table.Td>{registerByName(r.register)?.title ?? r.register}</Table.Td>
                <Table.Td>
                  {r.fileName}
                  {r.sheet ? ` › ${r.sheet}` : ''}
                </Table.Td>
                <Table.Td>{r.actor}</Table.Td>
                <Table.Td>
                  {r.created} new, {r.updated} updated, {r.merged} merged, {r.skipped} skipped, {r.invalid}{' '}
                  invalid
                </Table.Td>
                <Table.Td ta="right">
                  {r.undoneAt ? (
                    <Badge variant="outline" color="gray">
                      Undone {formatDateTime(r.undoneAt)}
                    </Badge>
                  ) : (
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="red"
                      leftSection={<IconArrowBackUp size={14} />}
                      disabled={busy}
                      onClick={() => onUndo(r)}
                      aria-label={`Undo the import of ${r.fileName}`}
                    >
                      Undo
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
