import { Alert, Button, Group, Stack, Table, Text, Textarea } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconListCheck } from '@tabler/icons-react';
import { useState } from 'react';
import type { Register } from '../../../shared/kit/define';
import { DECISION_OPTIONS, reviews } from '../../../shared/registers/reviews';
import { invoke, toApiError } from '../api/client';
import { StatusChip } from '../components/StatusChip';
import type { Rec, RecordDetail } from '../kit/api';
import { DateField } from '../kit/DateField';
import { Fact, FactsPanel, RecordLink, SourceFact } from '../kit/Facts';
import { TraceSteps } from '../kit/TraceSteps';
import { countryLabel, datesIn, formatDate, todayIso } from '../lib/format';
import type { FieldEditorProps, RegisterUi } from './ui';

interface Review {
  id: number;
  vendorId: number;
  vendorName: string | null;
  noticeOn: string;
  decision: 'open' | 'questions' | 'accepted' | 'objected';
  decidedOn: string | null;
  objectionSentOn: string | null;
  reasons: string | null;
  appliedAt: string | null;
  objectionDeadline: string | null;
  state: 'open' | 'lapsed' | 'decided';
  deadlineSteps: { text: string; rule: string; confidence: string; date?: string }[];
  deadlineFlags: string[];
  updatedAt: string;
}

const asReview = (r: Rec) => r as unknown as Review;

const decisionOf = (value: string) => DECISION_OPTIONS.find((o) => o.value === value) ?? DECISION_OPTIONS[0];

const daysFrom = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** Where the review stands: decided, the days left to object, or the window passed undecided. */
export function ReviewChip({ review }: { review: Review }) {
  if (review.state === 'decided') {
    const d = decisionOf(review.decision);
    return <StatusChip color={d.color}>{d.label}</StatusChip>;
  }
  if (review.objectionDeadline === null)
    return (
      <StatusChip color="grape">
        {review.decision === 'questions' ? 'Questions asked' : 'Consent needed'}
      </StatusChip>
    );
  const left = daysFrom(todayIso(), review.objectionDeadline);
  if (left < 0) return <StatusChip color="red">Window passed {-left} d ago</StatusChip>;
  if (left === 0) return <StatusChip color="orange">Object today</StatusChip>;
  return (
    <StatusChip color={left <= 7 ? 'yellow' : 'blue'}>
      {left} day{left === 1 ? '' : 's'} to object
    </StatusChip>
  );
}

/** A change entry as the review keeps it. */
interface ChangeRow {
  change: 'added' | 'removed' | 'changed';
  name: string;
  field: string | null;
  old: string | null;
  new: string | null;
  vendorId: number | null;
}

const CHANGE_COLOR = { added: 'blue', removed: 'red', changed: 'yellow' } as const;

/** The review's changes, read-only: what the list added, removed and changed, each linked to its vendor record. */
function ChangesView({ label, value }: FieldEditorProps) {
  const rows = (value as ChangeRow[] | null) ?? [];
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          The list changes nothing: it names the sub-processors the register holds, as it holds them.
        </Text>
      ) : (
        <Table withTableBorder fz="sm" aria-label={label}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={100}>Change</Table.Th>
              <Table.Th>Sub-processor</Table.Th>
              <Table.Th>Field</Table.Th>
              <Table.Th>Before</Table.Th>
              <Table.Th>After</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((c, i) => (
              <Table.Tr key={i}>
                <Table.Td>
                  <StatusChip color={CHANGE_COLOR[c.change]}>{c.change}</StatusChip>
                </Table.Td>
                <Table.Td>
                  {c.vendorId ? <RecordLink path={`/vendors/${c.vendorId}`}>{c.name}</RecordLink> : c.name}
                </Table.Td>
                <Table.Td>{c.field ?? ''}</Table.Td>
                <Table.Td style={{ whiteSpace: 'pre-line' }}>{c.old ?? ''}</Table.Td>
                <Table.Td style={{ whiteSpace: 'pre-line' }}>{c.new ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/** How each new country outside the area is covered, as judged on the day of the review. */
function CoverageView({ label, value }: FieldEditorProps) {
  const rows = (value as { country: string; covered: string; detail: string | null }[] | null) ?? [];
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        The list brings no new country outside your area.
      </Text>
    );
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <CoverageLines rows={rows} />
    </Stack>
  );
}

/** Each new country with how it is covered: adequacy, a transfer record, or a gap (the review and its page). */
export function CoverageLines({
  rows,
}: {
  rows: readonly { country: string; covered: string; detail: string | null }[];
}) {
  return (
    <Stack gap={4}>
      {rows.map((r) => (
        <Group key={r.country} gap={6} wrap="nowrap" align="flex-start">
          <StatusChip color={r.covered === 'gap' ? 'red' : 'green'}>
            {r.covered === 'gap' ? 'Gap' : r.covered === 'adequacy' ? 'Adequacy' : 'Transfer record'}
          </StatusChip>
          <Text size="sm">
            {countryLabel(r.country)}: {r.detail}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

/** The list as it was received, read-only. */
function ReceivedView({ label, value }: FieldEditorProps) {
  const rows =
    (value as
      | {
          name: string;
          countries: string | null;
          purposes: string | null;
          places: string | null;
          rows: string;
        }[]
      | null) ?? [];
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {label} ({rows.length} {rows.length === 1 ? 'company' : 'companies'})
      </Text>
      <Table withTableBorder fz="sm" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Sub-processor</Table.Th>
            <Table.Th>Countries</Table.Th>
            <Table.Th>Purpose or service</Table.Th>
            <Table.Th w={90}>Rows</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r, i) => (
            <Table.Tr key={i}>
              <Table.Td>{r.name}</Table.Td>
              <Table.Td>
                {[r.countries, r.places ? `given as ${r.places}` : null].filter(Boolean).join('; ')}
              </Table.Td>
              <Table.Td>{r.purposes ?? ''}</Table.Td>
              <Table.Td>{r.rows}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

async function decide(
  review: Review,
  input: { decision: 'accepted' | 'objected' | 'questions'; objectionSentOn?: string; reasons?: string },
  onChanged?: () => void,
): Promise<boolean> {
  try {
    await invoke('reviews:decide', { id: review.id, expectedUpdatedAt: review.updatedAt, ...input });
    notifications.show({
      color: 'green',
      message:
        input.decision === 'accepted'
          ? 'Accepted: the vendor’s sub-processors were updated.'
          : input.decision === 'objected'
            ? 'Objection recorded.'
            : 'Questions recorded; the review stays open.',
    });
    onChanged?.();
    return true;
  } catch (err) {
    notifications.show({ color: 'red', title: 'Not decided', message: toApiError(err).message });
    return false;
  }
}

/**
 * The form of an objection or of questions: the reasons, and for an objection the day it was sent (both
 * required). `onDone` saves; the form stays open, with what was typed, until it succeeds.
 */
export function DecisionForm({
  initialReasons,
  decision,
  onDone,
}: {
  initialReasons?: string | null;
  decision: 'objected' | 'questions';
  onDone: (input: { objectionSentOn?: string; reasons?: string }) => Promise<boolean>;
}) {
  const [reasons, setReasons] = useState(initialReasons ?? '');
  const [sentOn, setSentOn] = useState<string | null>(todayIso());
  const [busy, setBusy] = useState(false);
  const objecting = decision === 'objected';
  const missing = objecting && (!reasons.trim() || !sentOn);
  return (
    <Stack>
      <Textarea
        label={objecting ? 'Why you object' : 'What you asked the vendor'}
        required={objecting}
        autosize
        minRows={3}
        value={reasons}
        onChange={(e) => setReasons(e.currentTarget.value)}
        data-autofocus
      />
      {objecting && (
        <DateField
          label="Objection sent on"
          required
          value={sentOn}
          onChange={(v) => setSentOn(v as string | null)}
        />
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={() => modals.closeAll()}>
          Cancel
        </Button>
        <Button
          color={objecting ? 'red' : undefined}
          disabled={missing}
          loading={busy}
          onClick={() => {
            setBusy(true);
            void onDone({
              reasons: reasons.trim() || undefined,
              objectionSentOn: objecting ? (sentOn ?? undefined) : undefined,
            }).then((ok) => {
              setBusy(false);
              if (ok) modals.closeAll();
            });
          }}
        >
          {objecting ? 'Record the objection' : 'Record the questions'}
        </Button>
      </Group>
    </Stack>
  );
}

/** Accept (confirmed, it changes the vendor's chain), object or ask questions. */
export function DecisionButtons({
  review,
  hasList,
  onChanged,
}: {
  review: Review;
  hasList: boolean;
  onChanged?: () => void;
}) {
  const ask = (decision: 'objected' | 'questions') =>
    modals.open({
      title: decision === 'objected' ? 'Object to the new sub-processors' : 'Ask the vendor questions',
      children: (
        <DecisionForm
          initialReasons={review.reasons}
          decision={decision}
          onDone={(input) => decide(review, { decision, ...input }, onChanged)}
        />
      ),
    });
  return (
    <Group gap="xs">
      {hasList && (
        <Button
          size="xs"
          onClick={() =>
            modals.openConfirmModal({
              title: 'Accept the new list?',
              children: (
                <Text size="sm">
                  The vendor’s sub-processors are updated as the review shows: new ones are added to its
                  chain, removed ones marked offboarded, changed fields updated. Each change is in their
                  history, naming this review.
                </Text>
              ),
              labels: { confirm: 'Accept and apply', cancel: 'Cancel' },
              onConfirm: () => void decide(review, { decision: 'accepted' }, onChanged),
            })
          }
        >
          Accept and apply
        </Button>
      )}
      <Button size="xs" variant="default" color="red" onClick={() => ask('objected')}>
        Object…
      </Button>
      <Button size="xs" variant="default" onClick={() => ask('questions')}>
        {review.decision === 'questions' ? 'More questions…' : 'Ask questions…'}
      </Button>
    </Group>
  );
}

/** The deadline with how it was counted and what to check, and the decision. */
function ReviewFacts({
  reg,
  detail,
  onChanged,
}: {
  reg: Register;
  detail: RecordDetail;
  onChanged?: () => void;
}) {
  const r = asReview(detail.record);
  return (
    <FactsPanel>
      <Fact label="Object by">
        <Stack gap={6}>
          <Group gap={6}>
            <ReviewChip review={r} />
            {r.objectionDeadline && <Text size="sm">{formatDate(r.objectionDeadline)}</Text>}
          </Group>
          {r.deadlineFlags.map((f) => (
            <Alert key={f} color="yellow" p="xs">
              <Text size="sm">{datesIn(f)}</Text>
            </Alert>
          ))}
        </Stack>
      </Fact>
      <Fact label="How the deadline was counted">
        <TraceSteps steps={r.deadlineSteps} label="Deadline steps" ordered dates />
      </Fact>
      <Fact label="Decision">
        {r.state === 'decided' ? (
          <Text size="sm">
            {decisionOf(r.decision).label} on {formatDate(r.decidedOn)}
            {r.objectionSentOn ? `; objection sent on ${formatDate(r.objectionSentOn)}` : ''}
            {r.appliedAt ? '; the changes were applied to the vendor’s chain.' : '.'}
          </Text>
        ) : (
          <Stack gap={6}>
            {r.decision === 'questions' && (
              <Text size="sm">Questions asked; the deadline still runs unless the vendor extends it.</Text>
            )}
            <DecisionButtons
              review={r}
              hasList={((detail.record.received as unknown[] | undefined) ?? []).length > 0}
              onChanged={onChanged}
            />
          </Stack>
        )}
      </Fact>
      <Fact label="Vendor">
        <RecordLink path={`/vendors/${r.vendorId}`}>{r.vendorName ?? `Vendor ${r.vendorId}`}</RecordLink>
      </Fact>
      <SourceFact reg={reg} record={detail.record} />
    </FactsPanel>
  );
}

/** The sub-processor list reviews' pages: where each stands, the diff on the record, the decision beside it. */
export const reviewsUi: RegisterUi = {
  icon: IconListCheck,
  cells: {
    state: (r) => <ReviewChip review={asReview(r)} />,
  },
  headerChips: (r) => <ReviewChip review={asReview(r)} />,
  Facts: ReviewFacts,
  editors: { changes: ChangesView, newCountryCoverage: CoverageView, received: ReceivedView },
  newAside: {
    title: 'Start from the vendor',
    text: `A review compares a vendor’s new list with the sub-processors you hold for it. Open the vendor and choose “Review a new sub-processor list”: give the file or paste the table from its web page. A ${reviews.noun.one} typed in here keeps the notice and your decision without a list.`,
  },
};
