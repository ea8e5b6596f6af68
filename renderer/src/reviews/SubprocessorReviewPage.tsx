import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  List,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconArrowLeft, IconFileUpload } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { ReviewCheck } from '../../../shared/subprocessors/review';
import { CHANGED_FIELD_LABEL } from '../../../shared/subprocessors/review';
import {
  hasNativeFilePicker,
  invoke,
  toApiError,
  uploadImportFile,
  type ApiError,
  type ChosenFile,
} from '../api/client';
import { linkTo, navigate } from '../app/router';
import { StatusChip } from '../components/StatusChip';
import { DateField } from '../kit/DateField';
import { CoverageLines, DecisionForm } from '../registers/reviews';
import { TraceSteps } from '../kit/TraceSteps';
import { countryList, datesIn, formatDate, todayIso } from '../lib/format';

const ACCEPT =
  '.xlsx,.csv,.txt,.tsv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv,text/plain';

type Decision = 'open' | 'questions' | 'accepted' | 'objected';

/** What the new list does to the vendor's chain: added, removed, changed, and the unchanged ones folded away. */
function Diff({ result }: { result: ReviewCheck }) {
  const [showUnchanged, setShowUnchanged] = useState(false);
  return (
    <Stack gap="md">
      <Group gap="xs" aria-label="Summary">
        <Badge color="blue" variant="light">
          {result.added.length} added
        </Badge>
        <Badge color="red" variant="light">
          {result.removed.length} removed
        </Badge>
        <Badge color="yellow" variant="light">
          {new Set(result.changed.map((c) => c.id)).size} changed
        </Badge>
        <Badge color="gray" variant="light">
          {result.unchanged.length} unchanged
        </Badge>
      </Group>
      {result.noChange && (
        <Alert color="green" title="No change">
          The list names the sub-processors the register holds for {result.vendor.name}, with the same
          countries and purposes.
        </Alert>
      )}
      {result.added.length > 0 && (
        <section aria-label="Added sub-processors">
          <Title order={3} size="h5" mb={4}>
            Added
          </Title>
          <Table withTableBorder fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Sub-processor</Table.Th>
                <Table.Th>Countries</Table.Th>
                <Table.Th>Purpose</Table.Th>
                <Table.Th w={80}>Rows</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.added.map((a) => (
                <Table.Tr key={a.name}>
                  <Table.Td>
                    {a.name}{' '}
                    {a.returningId && (
                      <StatusChip color="gray" title="Offboarded before; accepting makes it active again">
                        Returning
                      </StatusChip>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {countryList(a.countries)}
                    {a.unclear.length > 0 && (
                      <StatusChip
                        color="yellow"
                        title="A place that names no country: ask the vendor which countries"
                      >
                        {a.unclear.join(', ')}
                      </StatusChip>
                    )}
                  </Table.Td>
                  <Table.Td>{a.purposes.join('; ')}</Table.Td>
                  <Table.Td>{a.rows.join(', ')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </section>
      )}
      {result.newThirdCountries.length > 0 && (
        <section aria-label="New countries outside your area">
          <Title order={3} size="h5" mb={4}>
            New transfers
          </Title>
          <CoverageLines rows={result.coverage} />
        </section>
      )}
      {result.removed.length > 0 && (
        <section aria-label="Removed sub-processors">
          <Title order={3} size="h5" mb={4}>
            Removed
          </Title>
          <List size="sm">
            {result.removed.map((r) => (
              <List.Item key={r.id}>
                <Anchor size="sm" {...linkTo(`/vendors/${r.id}`)}>
                  {r.name}
                </Anchor>{' '}
                <Text span size="xs" c="dimmed">
                  (accepting marks it offboarded; its record stays)
                </Text>
              </List.Item>
            ))}
          </List>
        </section>
      )}
      {result.changed.length > 0 && (
        <section aria-label="Changed sub-processors">
          <Title order={3} size="h5" mb={4}>
            Changed
          </Title>
          <Table withTableBorder fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Sub-processor</Table.Th>
                <Table.Th>Field</Table.Th>
                <Table.Th>Before</Table.Th>
                <Table.Th>After</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.changed.map((c) => (
                <Table.Tr key={`${c.id}-${c.field}`}>
                  <Table.Td>
                    <Anchor size="sm" {...linkTo(`/vendors/${c.id}`)}>
                      {c.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{CHANGED_FIELD_LABEL[c.field]}</Table.Td>
                  <Table.Td>
                    {c.field === 'processingCountries' ? countryList(c.old) : c.old.join('; ')}
                  </Table.Td>
                  <Table.Td>
                    {c.field === 'processingCountries' ? countryList(c.new) : c.new.join('; ')}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </section>
      )}
      {result.unchanged.length > 0 && (
        <section aria-label="Unchanged sub-processors">
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => setShowUnchanged((v) => !v)}
            aria-expanded={showUnchanged}
          >
            {showUnchanged ? 'Hide' : 'Show'} the {result.unchanged.length} unchanged
          </Button>
          {showUnchanged && (
            <List size="sm">
              {result.unchanged.map((u) => (
                <List.Item key={u.id}>{u.name}</List.Item>
              ))}
            </List>
          )}
        </section>
      )}
    </Stack>
  );
}

/** The objection deadline, how it was counted and what to check. */
function Deadline({ result }: { result: ReviewCheck }) {
  return (
    <Card component="section" withBorder radius="md" p="md" aria-label="Objection deadline">
      <Stack gap="xs">
        <Text size="xs" fw={600} c="dimmed">
          Object by
        </Text>
        {result.objectionDeadline ? (
          <Text fw={700} size="lg">
            {formatDate(result.objectionDeadline)}
          </Text>
        ) : (
          <Text fw={700}>No objection window: consent needed</Text>
        )}
        {result.deadline.flags.map((f) => (
          <Alert key={f} color="yellow" p="xs">
            <Text size="sm">{datesIn(f)}</Text>
          </Alert>
        ))}
        <TraceSteps steps={result.deadline.steps} label="Deadline steps" ordered dates />
      </Stack>
    </Card>
  );
}

/**
 * `#/vendors/:id/review-list`: a vendor's new sub-processor list, given as a file or a table pasted from its web
 * page, compared with the chain; the deadline to object; and the decision, which saves the review (accepting
 * also applies its changes).
 */
export function SubprocessorReviewPage({ vendorId }: { vendorId: number }) {
  const [vendorName, setVendorName] = useState<string | null>(null);
  const [noticeOn, setNoticeOn] = useState<string | null>(todayIso());
  const [reference, setReference] = useState('');
  const [mode, setMode] = useState<'file' | 'paste'>('file');
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<{ title: string; error: ApiError } | null>(null);
  const [result, setResult] = useState<ReviewCheck | null>(null);

  useEffect(() => {
    invoke('vendors:get', { id: vendorId }).then(
      (d) => setVendorName(d.vendor.name),
      (err: unknown) => setError({ title: 'The vendor could not be loaded', error: toApiError(err) }),
    );
  }, [vendorId]);

  const source = () => (mode === 'paste' ? { text } : file ? { fileId: file.fileId } : null);
  const ready = noticeOn !== null && source() !== null && (mode === 'file' || text.trim() !== '');

  async function choose(picked: File | null) {
    if (!picked && !hasNativeFilePicker()) return;
    setError(null);
    setResult(null);
    try {
      setFile(await uploadImportFile(picked as File));
    } catch (err) {
      const e = toApiError(err);
      if (e.code !== 'CANCELLED') setError({ title: 'The file could not be read', error: e });
    }
  }

  async function compare() {
    const src = source();
    if (!src || !noticeOn) return;
    setBusy('compare');
    setError(null);
    try {
      setResult(await invoke('reviews:check', { vendor: vendorId, noticeOn, source: src }));
    } catch (err) {
      setResult(null);
      setError({ title: 'The list could not be compared', error: toApiError(err) });
    } finally {
      setBusy(null);
    }
  }

  /** Saves the review with the decision; true when saved (the page then moves to the review). */
  async function save(
    decision: Decision,
    extra: { reasons?: string; objectionSentOn?: string } = {},
  ): Promise<boolean> {
    const src = source();
    if (!src || !noticeOn || !result) return false;
    setBusy(decision);
    setError(null);
    try {
      const saved = await invoke('reviews:record', {
        vendor: vendorId,
        noticeOn,
        source: src,
        decision,
        noticeReference: reference.trim() || undefined,
        fingerprint: result.fingerprint,
        ...extra,
      });
      void navigate(`/reviews/${saved.reviewId}`);
      return true;
    } catch (err) {
      setError({ title: 'The review could not be saved', error: toApiError(err) });
      return false;
    } finally {
      setBusy(null);
    }
  }

  const askReasons = (decision: 'objected' | 'questions') =>
    modals.open({
      title: decision === 'objected' ? 'Object to the new sub-processors' : 'Ask the vendor questions',
      children: <DecisionForm decision={decision} onDone={(extra) => save(decision, extra)} />,
    });

  return (
    <Stack p="md" gap="md" maw={1200}>
      <Group gap="xs">
        <Anchor size="sm" {...linkTo(`/vendors/${vendorId}`)}>
          <Group gap={4}>
            <IconArrowLeft size={14} /> {vendorName ?? 'Vendor'}
          </Group>
        </Anchor>
      </Group>
      <div>
        <Title order={1} size="h3">
          Review a new sub-processor list{vendorName ? `: ${vendorName}` : ''}
        </Title>
        <Text size="sm" c="dimmed" maw={760}>
          Give the list the vendor announced, as a file or a table copied from its web page. It is compared
          with the sub-processors the register holds for {vendorName ?? 'the vendor'}; nothing changes until
          you accept.
        </Text>
      </div>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <DateField
          label="Notice received on"
          required
          value={noticeOn}
          onChange={(v) => {
            setNoticeOn(v as string | null);
            setResult(null);
          }}
          maxDate={new Date()}
          description="The objection period runs from this day"
        />
        <TextInput
          label="Where the notice came from"
          description="The email’s subject, or the page’s address"
          value={reference}
          maxLength={500}
          onChange={(e) => setReference(e.currentTarget.value)}
        />
      </SimpleGrid>
      <Stack gap="xs">
        <SegmentedControl
          aria-label="How the list is given"
          w="fit-content"
          data={[
            { value: 'file', label: 'A file (xlsx, csv)' },
            { value: 'paste', label: 'Paste a table' },
          ]}
          value={mode}
          onChange={(v) => {
            setMode(v as 'file' | 'paste');
            setResult(null);
          }}
        />
        {mode === 'file' ? (
          <Group gap="sm">
            {hasNativeFilePicker() ? (
              <Button
                variant="default"
                leftSection={<IconFileUpload size={16} />}
                onClick={() => void choose(null)}
              >
                Choose the list…
              </Button>
            ) : (
              <FileButton onChange={(f) => void choose(f)} accept={ACCEPT}>
                {(props) => (
                  <Button variant="default" leftSection={<IconFileUpload size={16} />} {...props}>
                    Choose the list…
                  </Button>
                )}
              </FileButton>
            )}
            <Text size="sm" c={file ? undefined : 'dimmed'}>
              {file ? file.fileName : 'No file chosen'}
            </Text>
          </Group>
        ) : (
          <Textarea
            label="The table, copied from the vendor’s page"
            description="Select the table on the web page with its header row, copy, and paste it here"
            autosize
            minRows={5}
            maxRows={14}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              setResult(null);
            }}
          />
        )}
      </Stack>
      <Group>
        <Button onClick={() => void compare()} disabled={!ready} loading={busy === 'compare'}>
          Compare with the register
        </Button>
      </Group>
      {error && (
        <Alert color="red" title={error.title} role="alert">
          {error.error.message}
        </Alert>
      )}
      {result && (
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            Read {result.read.companies} {result.read.companies === 1 ? 'company' : 'companies'} from{' '}
            {result.listSource}, header row {result.read.headerRow} (
            {result.read.columns.map((c) => c.header).join(', ')}).
          </Text>
          {result.undecided && (
            <Alert color="orange" title="An earlier list is still undecided">
              The list received on {formatDate(result.undecided.noticeOn)} waits for a decision.{' '}
              <Anchor size="sm" {...linkTo(`/reviews/${result.undecided.id}`)}>
                Decide it
              </Anchor>{' '}
              (or archive it) before saving this one.
            </Alert>
          )}
          {result.read.warnings.length > 0 && (
            <Alert color="yellow" title="Check these rows" p="sm">
              <List size="sm">
                {result.read.warnings.map((w) => (
                  <List.Item key={w}>{w}</List.Item>
                ))}
              </List>
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="md">
            <div style={{ gridColumn: 'span 2' }}>
              <Diff result={result} />
            </div>
            <Stack gap="md">
              <Deadline result={result} />
              <Card component="section" withBorder radius="md" p="md" aria-label="Decision">
                <Stack gap="xs">
                  <Text size="xs" fw={600} c="dimmed">
                    Decision
                  </Text>
                  <Button
                    onClick={() =>
                      modals.openConfirmModal({
                        title: 'Accept the new list?',
                        children: (
                          <Text size="sm">
                            {result.noChange
                              ? 'Nothing changes in the register; the review keeps the list as received.'
                              : `${result.added.length} added to the chain, ${result.removed.length} marked offboarded, ${new Set(result.changed.map((c) => c.id)).size} updated. Each change is in their history, naming this review.`}
                          </Text>
                        ),
                        labels: { confirm: 'Accept and apply', cancel: 'Cancel' },
                        onConfirm: () => void save('accepted'),
                      })
                    }
                    loading={busy === 'accepted'}
                    disabled={busy !== null || result.undecided !== null}
                  >
                    Accept and apply
                  </Button>
                  <Button
                    variant="default"
                    color="red"
                    onClick={() => askReasons('objected')}
                    loading={busy === 'objected'}
                    disabled={busy !== null || result.undecided !== null}
                  >
                    Object…
                  </Button>
                  <Button
                    variant="default"
                    onClick={() => askReasons('questions')}
                    loading={busy === 'questions'}
                    disabled={busy !== null || result.undecided !== null}
                  >
                    Ask questions…
                  </Button>
                  <Button
                    variant="subtle"
                    onClick={() => void save('open')}
                    title="Keep the review open; the deadline stays on the Overview and the calendar"
                    loading={busy === 'open'}
                    disabled={busy !== null || result.undecided !== null}
                  >
                    Save and decide later
                  </Button>
                </Stack>
              </Card>
            </Stack>
          </SimpleGrid>
        </Stack>
      )}
    </Stack>
  );
}
