import { Alert, Button, Checkbox, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsExchange } from '@tabler/icons-react';
import { useState } from 'react';
import type { RoundTripResult } from '../../../shared/export';
import type { ApiError, ChosenFile } from '../api/client';
import { invoke, toApiError } from '../api/client';

/**
 * A workbook the workbench exported, edited and brought back: what changed in it (field, old, new), the rows it
 * refuses and why, the records whose rows were deleted (archived only when asked), then one click writes it all.
 */
export function RoundTripPanel({
  file,
  busy,
  run,
  onDone,
}: {
  file: ChosenFile;
  busy: boolean;
  run: <T>(label: string, step: (jobId: string) => Promise<T>) => Promise<T>;
  onDone: () => void;
}) {
  const [preview, setPreview] = useState<RoundTripResult | null>(null);
  const [archiveMissing, setArchiveMissing] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const request = (jobId: string) => ({
    source: { fileId: file.fileId },
    options: { archiveMissing },
    jobId,
  });

  async function review() {
    setError(null);
    try {
      setPreview(
        await run('Comparing the file with the registers', (jobId) =>
          invoke('roundtrip:preview', request(jobId)),
        ),
      );
    } catch (err) {
      setError(toApiError(err));
    }
  }

  async function write() {
    setError(null);
    try {
      const r = await run('Writing the changes', (jobId) => invoke('roundtrip:commit', request(jobId)));
      const updated = r.sheets.reduce((n, s) => n + s.updated, 0);
      const created = r.sheets.reduce((n, s) => n + s.created, 0);
      const archived = r.sheets.reduce((n, s) => n + s.missing.filter((m) => m.archived).length, 0);
      notifications.show({
        color: 'green',
        title: 'Changes written',
        message: `${updated} ${updated === 1 ? 'record' : 'records'} changed, ${created} added${archived ? `, ${archived} archived` : ''}. Each register's changes can be undone under Past imports.`,
      });
      setPreview(null);
      onDone();
    } catch (err) {
      const e = toApiError(err);
      if (e.code === 'CANCELLED')
        notifications.show({ color: 'gray', title: 'Cancelled', message: 'Nothing was written.' });
      else setError(e);
    }
  }

  const missing = preview?.sheets.flatMap((s) => s.missing.map((m) => ({ ...m, sheet: s.sheet }))) ?? [];
  const writes = preview
    ? preview.sheets.reduce((n, s) => n + s.updated + s.created, 0) + (archiveMissing ? missing.length : 0)
    : 0;
  const errors = preview?.issues.filter((i) => i.severity === 'error') ?? [];
  const notes = preview?.issues.filter((i) => i.severity === 'warning') ?? [];

  return (
    <Paper withBorder p="md" data-testid="roundtrip">
      <Stack gap="sm">
        <Title order={2} size="h4">
          2. What changed in this export
        </Title>
        <Text size="sm">
          {file.fileName} was exported by the workbench. Its rows are matched to records by their ID: only
          cells that differ from the registers count as changes, rows without an ID become new records, and
          nothing is written until you say so.
        </Text>
        {!preview && (
          <Group>
            <Button
              leftSection={<IconArrowsExchange size={16} />}
              onClick={() => void review()}
              disabled={busy}
            >
              Review the changes
            </Button>
          </Group>
        )}
        {error && (
          <Alert color="red" title="The file could not be compared" role="alert">
            {error.message}
          </Alert>
        )}
        {preview && (
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              Exported {preview.exportedAt.slice(0, 16).replace('T', ' ')} UTC ·{' '}
              {preview.sheets
                .map((s) => `${s.sheet}: ${s.updated} changed, ${s.created} new, ${s.unchanged} unchanged`)
                .join(' · ')}
            </Text>
            {preview.changesTotal === 0 && missing.length === 0 ? (
              <Alert color="gray" title="Nothing changed">
                Every row still says what the registers hold.
              </Alert>
            ) : (
              <Table striped withTableBorder aria-label="Changes">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Sheet, row</Table.Th>
                    <Table.Th>Record</Table.Th>
                    <Table.Th>Field</Table.Th>
                    <Table.Th>Now</Table.Th>
                    <Table.Th>In the file</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.changes.map((c, i) => (
                    <Table.Tr key={i}>
                      <Table.Td>
                        {c.sheet}, {c.row}
                      </Table.Td>
                      <Table.Td>{c.id === null ? `${c.title} (new)` : `${c.title} (ID ${c.id})`}</Table.Td>
                      <Table.Td>{c.label}</Table.Td>
                      <Table.Td>{c.old}</Table.Td>
                      <Table.Td fw={500}>{c.new}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {preview.changesTotal > preview.changes.length && (
              <Text size="sm" c="dimmed">
                … and {(preview.changesTotal - preview.changes.length).toLocaleString()} more changes.
              </Text>
            )}
            {missing.length > 0 && (
              <Alert
                color="yellow"
                title={`${missing.length} record${missing.length === 1 ? '' : 's'} deleted from the file`}
              >
                <List size="sm">
                  {missing.slice(0, 20).map((m) => (
                    <List.Item key={`${m.sheet}-${m.id}`}>
                      {m.sheet}: {m.title} (ID {m.id})
                    </List.Item>
                  ))}
                </List>
                <Checkbox
                  mt="xs"
                  label="Archive them (they can be restored)"
                  checked={archiveMissing}
                  onChange={(e) => setArchiveMissing(e.currentTarget.checked)}
                  disabled={busy}
                />
              </Alert>
            )}
            {errors.length > 0 && (
              <Alert color="red" title={`${errors.length} row${errors.length === 1 ? '' : 's'} left out`}>
                <List size="sm">
                  {errors.slice(0, 50).map((i, k) => (
                    <List.Item key={k}>
                      {i.sheet}
                      {i.row ? `, row ${i.row}` : ''}
                      {i.column ? `, ${i.column}` : ''}: {i.message}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            )}
            {notes.length > 0 && (
              <Alert color="gray" title="Notes">
                <List size="sm">
                  {notes.slice(0, 20).map((i, k) => (
                    <List.Item key={k}>
                      {i.sheet}
                      {i.row ? `, row ${i.row}` : ''}: {i.message}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            )}
            <Group>
              <Button onClick={() => void write()} disabled={busy || writes === 0}>
                {writes === 0 ? 'Nothing to write' : `Write ${writes} change${writes === 1 ? '' : 's'}`}
              </Button>
              <Button variant="default" onClick={() => setPreview(null)} disabled={busy}>
                Review again
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
