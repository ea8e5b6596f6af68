import { Alert, Button, Code, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../shared/contract';
import type { ApiError } from '../api/client';
import { invoke, toApiError } from '../api/client';
import { DeadlineSettings } from './DeadlineSettings';
import { OrganisationSettings } from './OrganisationSettings';
import { ReminderSettings } from './ReminderSettings';
import { DisplaySettings } from './DisplaySettings';

type Info = ChannelOutput<'app:info'>;
type Verification = ChannelOutput<'audit:verify'>;
type BackupInfo = ChannelOutput<'backups:list'>[number];

const doorText: Record<Info['door'], string> = {
  desktop: 'Desktop window',
  web: 'Browser, through the local server (dpo serve)',
  cli: 'Command line',
};

/** Settings and facts about this installation: version, database, and a check of the change history. */
export function SettingsPage() {
  const [info, setInfo] = useState<Info | ApiError | null>(null);
  const [verification, setVerification] = useState<Verification | ApiError | null>(null);
  const [verifying, setVerifying] = useState(false);

  useEffect(() => {
    let cancelled = false;
    invoke('app:info', {}).then(
      (value) => !cancelled && setInfo(value),
      (err: unknown) => !cancelled && setInfo(toApiError(err)),
    );
    return () => {
      cancelled = true;
    };
  }, []);

  const verify = () => {
    setVerifying(true);
    invoke('audit:verify', {})
      .then(setVerification, (err: unknown) => setVerification(toApiError(err)))
      .finally(() => setVerifying(false));
  };

  return (
    <div className="page">
      <div className="page-toolbar">
        <Title order={1} size="h3">
          Settings
        </Title>
      </div>
      <div className="page-scroll">
        <Stack p="md" gap="md" maw={760}>
          <OrganisationSettings />
          <DeadlineSettings />
          <ReminderSettings />
          <DisplaySettings />
          <Paper withBorder p="md" radius="md">
            <Title order={2} size="h5" mb="sm">
              About this workbench
            </Title>
            {info === null && <Text size="sm">Loading…</Text>}
            {info instanceof Error && <Alert color="red">{info.message}</Alert>}
            {info && !(info instanceof Error) && (
              <Table variant="vertical" layout="fixed" withTableBorder={false} fz="sm">
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Th w={180}>Version</Table.Th>
                    <Table.Td>{info.version}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>Database schema</Table.Th>
                    <Table.Td>version {info.schemaVersion}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>Database file</Table.Th>
                    <Table.Td>
                      <Code style={{ wordBreak: 'break-all' }}>{info.dbPath}</Code>
                    </Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>Opened through</Table.Th>
                    <Table.Td>{doorText[info.door]}</Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
            )}
          </Paper>
          <Paper withBorder p="md" radius="md">
            <Title order={2} size="h5" mb={4}>
              Change history integrity
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              The check reads the whole change history: each entry must still carry its hash and link to the
              one before; every record must hold what the history says it was last changed to; and the history
              must still contain the last entry this app saw when it closed, so a history cut short or
              rewritten shows.
            </Text>
            <Group>
              <Button variant="default" onClick={verify} loading={verifying}>
                Check the change history
              </Button>
            </Group>
            {verification instanceof Error && (
              <Alert color="red" mt="sm">
                {verification.message}
              </Alert>
            )}
            {verification && !(verification instanceof Error) && (
              <Alert color={verification.ok ? 'green' : 'red'} mt="sm" role="status">
                <Stack gap={4}>
                  <Text size="sm">
                    {verification.chainOk
                      ? verification.entries === 0
                        ? 'The change history is empty; there is nothing to check yet.'
                        : `All ${verification.entries.toLocaleString()} entries are intact.`
                      : `Entry ${verification.firstBadId ?? '?'} does not match: ${verification.reason ?? 'unknown reason'}.`}
                  </Text>
                  <Text size="sm">
                    {verification.records.total === 0
                      ? `The ${verification.records.checked.toLocaleString()} records hold what the history says.`
                      : `${verification.records.total.toLocaleString()} record${verification.records.total === 1 ? '' : 's'} differ from the history:`}
                  </Text>
                  {verification.records.mismatches.slice(0, 10).map((m) => (
                    <Text size="sm" key={`${m.register}-${m.id}`}>
                      {m.register} {m.id}: {m.problem}.
                    </Text>
                  ))}
                  {verification.anchor.message && <Text size="sm">{verification.anchor.message}</Text>}
                  {verification.head && (
                    <Text size="xs" c="dimmed">
                      Last entry {verification.head.id.toLocaleString()}, hash{' '}
                      <Code style={{ wordBreak: 'break-all' }}>{verification.head.hash}</Code>. Note it: a
                      later check must still find this entry with this hash.
                    </Text>
                  )}
                </Stack>
              </Alert>
            )}
          </Paper>
          <BackupsSection />
          <Text size="sm" c="dimmed">
            The light or dark theme follows your system setting.
          </Text>
        </Stack>
      </div>
    </div>
  );
}

const REASONS: Record<string, string> = {
  daily: 'Daily',
  'before-import': 'Before an import',
  'before-restore': 'Before a restore',
  manual: 'Taken by hand',
};

/** The database's snapshots, newest first, and "Back up now". Restoring one is `dpo restore FILE`. */
function BackupsSection() {
  const [list, setList] = useState<BackupInfo[] | ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const load = () => {
    invoke('backups:list', {}).then(setList, (err: unknown) => setList(toApiError(err)));
  };
  useEffect(load, []);
  const backUp = () => {
    setBusy(true);
    invoke('backups:create', {})
      .then(load, (err: unknown) => setList(toApiError(err)))
      .finally(() => setBusy(false));
  };
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="backups-title">
      <Title order={2} size="h5" mb={4} id="backups-title">
        Backups
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        A checked copy of the database is taken once a day when it is opened, and before every import, schema
        update and restore; the last 7 days, 4 weeks and 12 months are kept, and copies taken by hand always.
        They sit in a folder beside the database. To go back to one, close the app and run{' '}
        <Code>dpo restore FILE</Code>: the database as it is is kept first, and the restore is recorded.
      </Text>
      <Group mb="sm">
        <Button variant="default" onClick={backUp} loading={busy}>
          Back up now
        </Button>
      </Group>
      {list instanceof Error && <Alert color="red">{list.message}</Alert>}
      {Array.isArray(list) && list.length === 0 && <Text size="sm">No backups yet.</Text>}
      {Array.isArray(list) && list.length > 0 && (
        <Table fz="sm" striped aria-label="Backups">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Taken (UTC)</Table.Th>
              <Table.Th>Why</Table.Th>
              <Table.Th>Size</Table.Th>
              <Table.Th>Records</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((b) => (
              <Table.Tr key={b.name} title={b.file}>
                <Table.Td>{b.at.slice(0, 16).replace('T', ' ')}</Table.Td>
                <Table.Td>
                  {REASONS[b.reason] ??
                    (/^before-v\d+$/.test(b.reason) ? 'Before a schema update' : b.reason)}
                </Table.Td>
                <Table.Td>{Math.max(1, Math.round(b.bytes / 1024)).toLocaleString()} KB</Table.Td>
                <Table.Td>
                  {Object.values(b.counts)
                    .reduce((a, n) => a + n, 0)
                    .toLocaleString()}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
