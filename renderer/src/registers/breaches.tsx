import { Alert, Group, Select, Stack, Text, Timeline } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { Register } from '../../../shared/kit/define';
import { breaches } from '../../../shared/registers/index';
import { StatusChip } from '../components/StatusChip';
import type { Rec, RecordDetail } from '../kit/api';
import { enumChip } from '../kit/columns';
import { Fact, FactsPanel, SourceFact } from '../kit/Facts';
import { TraceSteps } from '../kit/TraceSteps';
import { formatDateTime, TIME_ZONES } from '../lib/format';
import type { FieldEditorProps, RegisterUi } from './ui';

interface Clock {
  deadline: string;
  deadlineLocal: string;
  timeZone: string;
  state: 'running' | 'stopped' | 'overdue';
  stoppedBy: 'filing' | 'no-risk' | 'dismissed' | 'closed' | null;
  delayReasonRequired: boolean;
  delayReasonMissing: boolean;
  steps: { text: string; rule: string; confidence: string }[];
}

interface Breach {
  id: number;
  title: string;
  status: string;
  clock: Clock;
  latestRisk: 'none' | 'risk' | 'high' | null;
  nextStep: string;
  timeline: { at: string; kind: string; text: string }[];
  processorNotice: { limitHours: number; fromContract: boolean; due: string; status: string } | null;
}

const asBreach = (r: Rec) => r as unknown as Breach;

/** The time now, moving on every `everyMs`: the clock counts down in the page without asking the core. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

const hm = (ms: number) => {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
};

const STOPPED: Record<NonNullable<Clock['stoppedBy']>, string> = {
  filing: 'Stopped: notified',
  'no-risk': 'Stopped: no risk',
  dismissed: 'Stopped: not a breach',
  closed: 'Stopped: closed',
};

/**
 * The 72-hour clock as a chip: time left (amber under 24 hours), "overdue by" in red, or why it stopped. The
 * deadline comes from the rules engine; the time left counts down here, minute by minute.
 */
export function ClockChip({ clock, now }: { clock: Clock; now: number }) {
  if (clock.state === 'stopped' && clock.stoppedBy === 'filing' && clock.delayReasonRequired)
    return <StatusChip color="orange">Notified late</StatusChip>;
  if (clock.state === 'stopped')
    return <StatusChip color="gray">{STOPPED[clock.stoppedBy ?? 'closed']}</StatusChip>;
  const left = Date.parse(clock.deadline) - now;
  if (left < 0) return <StatusChip color="red">Overdue by {hm(left)}</StatusChip>;
  return <StatusChip color={left < 24 * 3_600_000 ? 'yellow' : 'green'}>{hm(left)} left</StatusChip>;
}

function LiveClockCell({ clock }: { clock: Clock }) {
  const now = useNow();
  return <ClockChip clock={clock} now={now} />;
}

const RISK: Record<string, { color: 'gray' | 'orange' | 'red'; label: string }> = {
  none: { color: 'gray', label: 'No risk' },
  risk: { color: 'orange', label: 'Risk' },
  high: { color: 'red', label: 'High risk' },
};

function RiskChip({ level }: { level: Breach['latestRisk'] }) {
  if (!level) return <StatusChip color="yellow">Not assessed</StatusChip>;
  return <StatusChip color={RISK[level]!.color}>{RISK[level]!.label}</StatusChip>;
}

/** The clock with what must happen next, the timeline and the processor's notice. */
function BreachFacts({ reg, detail }: { reg: Register; detail: RecordDetail }) {
  const b = asBreach(detail.record);
  const now = useNow();
  const c = b.clock;
  const running = c.state !== 'stopped';
  const overdue = running && Date.parse(c.deadline) < now;
  return (
    <FactsPanel>
      <Fact label="The 72-hour clock">
        <Stack gap={6}>
          <Group gap={6}>
            <ClockChip clock={c} now={now} />
            <RiskChip level={b.latestRisk} />
          </Group>
          <Text size="sm">
            Deadline: {c.deadlineLocal}
            {c.timeZone.startsWith('UTC') ? '' : ` (${c.timeZone})`}
          </Text>
          <Text size="xs" c="dimmed">
            {c.timeZone.startsWith('UTC')
              ? 'No time zone is set for this breach or in Settings: the times read in your own.'
              : `The timeline below reads in ${c.timeZone} too.`}
          </Text>
          {c.delayReasonMissing && (
            <Text size="sm" c="red">
              The filing is late: give the reasons for the delay (Art 33(1)).
            </Text>
          )}
        </Stack>
      </Fact>
      <Alert
        color={overdue ? 'red' : running ? 'orange' : 'gray'}
        icon={<IconAlertTriangle size={18} />}
        title="Next"
        aria-label="Next step"
      >
        <Text size="sm">{b.nextStep}</Text>
      </Alert>
      <Fact label="Timeline">
        <Timeline bulletSize={14} lineWidth={2} active={b.timeline.length} aria-label="Timeline">
          {b.timeline.map((e, i) => (
            <Timeline.Item key={i} title={<Text size="sm">{e.text}</Text>}>
              <Text size="xs" c="dimmed">
                {formatDateTime(e.at, c.timeZone)}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      </Fact>
      {b.processorNotice && (
        <Fact label="The processor’s notice to us">
          <Text size="sm">
            Due within {b.processorNotice.limitHours} h
            {b.processorNotice.fromContract ? ' (contract)' : ' (default; no contract term recorded)'}, by{' '}
            {formatDateTime(b.processorNotice.due, c.timeZone)}:{' '}
            {b.processorNotice.status === 'waiting'
              ? 'not received yet.'
              : b.processorNotice.status === 'on-time'
                ? 'received in time.'
                : 'received late.'}
          </Text>
        </Fact>
      )}
      <Fact label="How the clock was worked out">
        <TraceSteps steps={c.steps} label="Clock steps" />
      </Fact>
      <SourceFact reg={reg} record={detail.record} />
    </FactsPanel>
  );
}

/** The zone the clock is read in: any IANA zone, searchable; empty takes the organisation's. */
function TimeZoneSelect({ id, label, description, value, onChange, error }: FieldEditorProps) {
  return (
    <Select
      id={id}
      label={label}
      description={description}
      placeholder="Your organisation’s (Settings)"
      data={TIME_ZONES as string[]}
      value={(value as string | null) ?? null}
      onChange={onChange}
      error={error}
      searchable
      clearable
      limit={50}
    />
  );
}

/** The breach register's pages: the live clock in the table and on the record, with the next step in words. */
export const breachesUi: RegisterUi = {
  icon: IconAlertTriangle,
  cells: {
    clock: (r) => <LiveClockCell clock={asBreach(r).clock} />,
    latestRisk: (r) => <RiskChip level={asBreach(r).latestRisk} />,
  },
  headerChips: (r) => (
    <>
      {enumChip(breaches.fields.status, r.status)}
      <LiveClockCell clock={asBreach(r).clock} />
    </>
  ),
  Facts: BreachFacts,
  editors: { timeZone: TimeZoneSelect },
  newAside: {
    title: 'Start with what you know',
    text: 'The title and the moment you became aware are enough to start the 72-hour clock. Add the risk assessment and the filings as they happen: the record says what must happen next and by when.',
  },
};
