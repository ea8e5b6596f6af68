import { Group, Select, Stack, Table, Text } from '@mantine/core';
import { IconUserQuestion } from '@tabler/icons-react';
import type { Register } from '../../../shared/kit/define';
import { findJurisdiction, JURISDICTIONS } from '../../../shared/reference/jurisdictions';
import { StatusChip } from '../components/StatusChip';
import type { Rec, RecordDetail } from '../kit/api';
import { Fact, FactsPanel, SourceFact } from '../kit/Facts';
import { TraceSteps } from '../kit/TraceSteps';
import { formatDate } from '../lib/format';
import type { FieldEditorProps, RegisterUi } from './ui';

interface RightsRequest {
  id: number;
  reference: string;
  jurisdiction: string | null;
  state: 'open' | 'overdue' | 'closed';
  due: string;
  daysLeft: number | null;
  legalDue: string | null;
  baseDue: string | null;
  extendedDue: string | null;
  extensionNoticeDue: string | null;
  ackDue: string | null;
  internalDue: string | null;
  holidayCalendar: string | null;
  pausedDays: number;
  contested: {
    reading: string;
    other: { reading: string; baseDue: string; extendedDue: string | null };
  } | null;
  steps: { text: string; rule: string; confidence: string; date?: string }[];
  pauses: { from: string; to: string | null; reason: string }[];
}

const asRequest = (r: Rec) => r as unknown as RightsRequest;

/**
 * The state with the days left: "3 days left", "Due today", "Overdue by 2 days", "Closed"; "Paused" while the
 * clock waits for what was asked for (the due date moves on each day).
 */
export function DueChip({ request }: { request: RightsRequest }) {
  if (request.state === 'closed') return <StatusChip color="gray">Closed</StatusChip>;
  const open = request.pauses.find((p) => p.to === null);
  if (open && request.state === 'open')
    return <StatusChip color="blue">Paused since {formatDate(open.from)}</StatusChip>;
  const d = request.daysLeft ?? 0;
  if (d < 0)
    return (
      <StatusChip color="red">
        Overdue by {-d} day{d === -1 ? '' : 's'}
      </StatusChip>
    );
  if (d === 0) return <StatusChip color="orange">Due today</StatusChip>;
  return (
    <StatusChip color={d <= 7 ? 'yellow' : 'green'}>
      {d} day{d === 1 ? '' : 's'} left
    </StatusChip>
  );
}

/** The request types of the law chosen on the form, so a type that law does not know cannot be picked. */
function TypeSelect({ id, label, description, value, onChange, error, values }: FieldEditorProps) {
  const j = findJurisdiction(String(values.jurisdiction ?? '')) ?? JURISDICTIONS[0]!;
  return (
    <Select
      id={id}
      label={label}
      description={description ?? `The request types ${j.code} knows`}
      data={j.requestTypes.map((t) => ({ value: t.type, label: t.label }))}
      value={(value as string | null) ?? null}
      onChange={onChange}
      error={error}
      required
      clearable={false}
      searchable
    />
  );
}

/** The dates of the request, each from the rules engine, and the steps with the rule behind each. */
function RequestFacts({ reg, detail }: { reg: Register; detail: RecordDetail }) {
  const r = asRequest(detail.record);
  const rows: [string, string | null][] = [
    ['Due', r.due],
    ['Legal deadline', r.legalDue],
    ['Without extension', r.baseDue],
    ['Latest if extended', r.extendedDue],
    ['Extension notice by', r.extensionNoticeDue],
    ['Acknowledge by', r.ackDue],
    ['Internal target', r.internalDue],
  ];
  return (
    <FactsPanel>
      <Fact label="Deadline">
        <Stack gap={6}>
          <Group gap={6}>
            <DueChip request={r} />
            <Text size="sm">Due {formatDate(r.due)}</Text>
          </Group>
          <Table withRowBorders={false} verticalSpacing={2} fz="sm" aria-label="Dates">
            <Table.Tbody>
              {rows
                .filter(([, v]) => v)
                .map(([label, v]) => (
                  <Table.Tr key={label}>
                    <Table.Th fw={500} w={150}>
                      {label}
                    </Table.Th>
                    <Table.Td>{formatDate(v)}</Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
          {r.pausedDays > 0 && <Text size="sm">The clock was paused {r.pausedDays} day(s).</Text>}
          {r.holidayCalendar && (
            <Text size="xs" c="dimmed">
              Public holidays of {r.holidayCalendar}.
            </Text>
          )}
          {r.contested && (
            <Text size="sm">
              Contested reading: the {r.contested.other.reading} reading gives{' '}
              {formatDate(r.contested.other.baseDue)}.
            </Text>
          )}
        </Stack>
      </Fact>
      <Fact label="How the dates were worked out">
        <TraceSteps steps={r.steps} label="Deadline steps" ordered />
      </Fact>
      <SourceFact reg={reg} record={detail.record} />
    </FactsPanel>
  );
}

/** The rights-request register's pages: days left and state in the table, the dates and their steps on the record. */
export const requestsUi: RegisterUi = {
  icon: IconUserQuestion,
  cells: {
    state: (r) => <DueChip request={asRequest(r)} />,
    daysLeft: (r) => {
      const d = asRequest(r).daysLeft;
      return d === null ? null : <span className="grid-cell-text">{d}</span>;
    },
  },
  headerChips: (r) => <DueChip request={asRequest(r)} />,
  Facts: RequestFacts,
  editors: { type: TypeSelect },
  newAside: {
    title: 'A reference, the type and the day it arrived',
    text: 'The law and the country whose holidays apply come from your Settings unless you say otherwise. Once saved, the record gives the due date, the latest date if extended and any acknowledgement due, each step with the rule behind it; a clock pause or an extension moves them at once.',
  },
};
