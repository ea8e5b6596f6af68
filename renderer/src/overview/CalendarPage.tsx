import { ActionIcon, Alert, Badge, Button, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useSessionStorage } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconCalendarDown, IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { OBLIGATION_KINDS, type Obligation } from '../../../shared/overview';
import { addDays } from '../../../shared/rules/calendar';
import { invoke, toApiError } from '../api/client';
import { linkTo } from '../app/router';
import { formatDate, todayIso } from '../lib/format';
import { exportCalendar } from './calendar-file';

const AGENDA_DAYS = 90;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

const KIND_COLOR: Record<Obligation['kind'], string> = {
  'request-due': 'blue',
  'request-ack': 'cyan',
  'breach-deadline': 'red',
  'dpa-expiry': 'grape',
  'contract-end': 'violet',
  'vendor-review': 'orange',
  'transfer-review': 'orange',
  'activity-review': 'orange',
  'dpia-review': 'orange',
  'objection-deadline': 'pink',
};

function ObligationLink({ o, compact = false }: { o: Obligation; compact?: boolean }) {
  const path = `/${o.register}/${o.id}`;
  const time = o.at
    ? new Date(o.at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
    : null;
  return (
    <a
      className="calendar-item"
      data-late={o.late || undefined}
      {...linkTo(path)}
      title={`${OBLIGATION_KINDS[o.kind]}: ${o.title}${o.late ? ' (late)' : ''}`}
      aria-label={`${OBLIGATION_KINDS[o.kind]}: ${o.title}${time ? ` at ${time}` : ''}${o.late ? ' (late)' : ''}`}
    >
      <Badge size="xs" variant="light" color={o.late ? 'red' : KIND_COLOR[o.kind]} className="calendar-kind">
        {compact ? OBLIGATION_KINDS[o.kind].split(' ')[0] : OBLIGATION_KINDS[o.kind]}
      </Badge>
      <span className="calendar-title">
        {time ? `${time} ` : ''}
        {o.title}
      </span>
    </a>
  );
}

function useObligations(query: { from: string | null; to: string }) {
  const [state, setState] = useState<{
    key: string;
    items: Obligation[] | null;
    error: string | null;
  } | null>(null);
  const key = JSON.stringify(query);
  useEffect(() => {
    let cancelled = false;
    invoke('calendar:get', JSON.parse(key) as typeof query).then(
      (items) => !cancelled && setState({ key, items, error: null }),
      (err: unknown) => !cancelled && setState({ key, items: null, error: toApiError(err).message }),
    );
    return () => {
      cancelled = true;
    };
  }, [key]);
  // Rows of an earlier range are not shown for this one.
  const current = state?.key === key ? state : null;
  return { items: current?.items ?? null, error: current?.error ?? null };
}

/** What is late, then what falls due in the next 90 days, day by day. */
function Agenda({ today }: { today: string }) {
  const { items, error } = useObligations({ from: null, to: addDays(today, AGENDA_DAYS) });
  if (error) return <Alert color="red">{error}</Alert>;
  if (!items) return <Text c="dimmed">Loading…</Text>;
  if (items.length === 0)
    return (
      <Text c="dimmed">
        Nothing is late and nothing falls due in the next {AGENDA_DAYS} days. Deadlines appear here as
        requests, breaches, DPAs and review dates are recorded.
      </Text>
    );
  const late = items.filter((i) => i.late);
  const upcoming = items.filter((i) => !i.late);
  const days = [...new Set(upcoming.map((i) => i.date))];
  return (
    <Stack gap="md">
      {late.length > 0 && (
        <section aria-labelledby="agenda-late">
          <Title order={2} size="h5" c="red" id="agenda-late" mb={4}>
            Late ({late.length})
          </Title>
          <ul className="calendar-agenda">
            {late.map((o) => (
              <li key={o.uid}>
                <span className="calendar-date">{formatDate(o.date)}</span>
                <ObligationLink o={o} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="agenda-upcoming">
        <Title order={2} size="h5" id="agenda-upcoming" mb={4}>
          Next {AGENDA_DAYS} days
        </Title>
        {days.length === 0 && <Text c="dimmed">Nothing falls due.</Text>}
        <ul className="calendar-agenda">
          {days.map((d) => (
            <li key={d}>
              <span className="calendar-date">{d === today ? 'Today' : formatDate(d)}</span>
              <Stack gap={2}>
                {upcoming
                  .filter((o) => o.date === d)
                  .map((o) => (
                    <ObligationLink key={o.uid} o={o} />
                  ))}
              </Stack>
            </li>
          ))}
        </ul>
      </section>
    </Stack>
  );
}

/** The weeks (Monday first) that show a month. */
function monthGrid(month: string): string[][] {
  const first = `${month}-01`;
  const weekday = (new Date(`${first}T00:00:00Z`).getUTCDay() + 6) % 7;
  let day = addDays(first, -weekday);
  const weeks: string[][] = [];
  do {
    const week: string[] = [];
    for (let i = 0; i < 7; i++) {
      week.push(day);
      day = addDays(day, 1);
    }
    weeks.push(week);
  } while (day.slice(0, 7) === month);
  return weeks;
}

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + by, 1)).toISOString().slice(0, 7);
}

function MonthView({ month, today }: { month: string; today: string }) {
  const weeks = useMemo(() => monthGrid(month), [month]);
  const { items, error } = useObligations({ from: weeks[0]![0]!, to: weeks[weeks.length - 1]![6]! });
  if (error) return <Alert color="red">{error}</Alert>;
  return (
    <table className="calendar-month" aria-label={`Deadlines in ${month}`}>
      <thead>
        <tr>
          {WEEKDAYS.map((d) => (
            <th key={d} scope="col">
              {d}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week) => (
          <tr key={week[0]}>
            {week.map((d) => {
              const here = (items ?? []).filter((o) => o.date === d);
              return (
                <td
                  key={d}
                  data-outside={d.slice(0, 7) !== month || undefined}
                  data-today={d === today || undefined}
                >
                  <div className="calendar-day">{Number(d.slice(8))}</div>
                  <Stack gap={2}>
                    {here.slice(0, 4).map((o) => (
                      <ObligationLink key={o.uid} o={o} compact />
                    ))}
                    {here.length > 4 && (
                      <Text size="xs" c="dimmed">
                        and {here.length - 4} more
                      </Text>
                    )}
                  </Stack>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Every dated obligation across the registers, as an agenda or a month; exportable to a calendar app. */
export function CalendarPage() {
  const today = todayIso();
  const [view, setView] = useSessionStorage<'agenda' | 'month'>({
    key: 'dpo.calendar.view',
    defaultValue: 'agenda',
    getInitialValueInEffect: false,
  });
  const [month, setMonth] = useState(today.slice(0, 7));
  const [exporting, setExporting] = useState(false);
  const monthTitle = new Date(`${month}-01T00:00:00Z`).toLocaleDateString(undefined, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const onExport = () => {
    setExporting(true);
    exportCalendar()
      .then(
        (r) =>
          r &&
          notifications.show({
            color: 'green',
            title: 'Calendar exported',
            message: `${r.events} deadline${r.events === 1 ? '' : 's'} in ${r.fileName}.`,
          }),
      )
      .catch((err: unknown) =>
        notifications.show({
          color: 'red',
          title: 'The calendar was not exported',
          message: toApiError(err).message,
        }),
      )
      .finally(() => setExporting(false));
  };
  return (
    <div className="page">
      <div className="page-toolbar">
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Group gap="sm">
            <Title order={1} size="h3">
              Deadlines
            </Title>
            <SegmentedControl
              aria-label="Calendar view"
              value={view}
              onChange={(v) => setView(v as 'agenda' | 'month')}
              data={[
                { value: 'agenda', label: 'Agenda' },
                { value: 'month', label: 'Month' },
              ]}
            />
            {view === 'month' && (
              <Group gap={4}>
                <ActionIcon
                  variant="default"
                  aria-label="Previous month"
                  onClick={() => setMonth(shiftMonth(month, -1))}
                >
                  <IconChevronLeft size={16} />
                </ActionIcon>
                <Text fw={600} w={140} ta="center" aria-live="polite">
                  {monthTitle}
                </Text>
                <ActionIcon
                  variant="default"
                  aria-label="Next month"
                  onClick={() => setMonth(shiftMonth(month, 1))}
                >
                  <IconChevronRight size={16} />
                </ActionIcon>
                <Button variant="subtle" size="xs" onClick={() => setMonth(today.slice(0, 7))}>
                  This month
                </Button>
              </Group>
            )}
          </Group>
          <Button
            variant="default"
            leftSection={<IconCalendarDown size={16} />}
            loading={exporting}
            onClick={onExport}
          >
            Export calendar (.ics)
          </Button>
        </Group>
      </div>
      <div className="page-scroll">
        <Stack p="md" maw={1200}>
          {view === 'agenda' ? <Agenda today={today} /> : <MonthView month={month} today={today} />}
          <Text size="xs" c="dimmed">
            Requests due and acknowledgements, breach notification deadlines (at their hour), DPA expiries and
            contract ends, and the review dates of vendors, transfers, processing activities and DPIAs. The
            exported file holds the late ones and the next 365 days; each event keeps its identity, so
            importing a newer file updates it.
          </Text>
        </Stack>
      </div>
    </div>
  );
}
