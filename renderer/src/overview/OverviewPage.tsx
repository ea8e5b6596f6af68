import {
  Alert,
  Anchor,
  Button,
  EmptyState,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalendarDown, IconCalendarEvent, IconLayoutDashboard, IconPrinter } from '@tabler/icons-react';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  BREACH_RISKS,
  DPA_STATUSES,
  figureLinks,
  linkPath,
  REVIEWED_REGISTERS,
  VALIDITIES,
  type FigureLink,
  type NowItem,
  type Overview,
} from '../../../shared/overview';
import { registerByName, vendors } from '../../../shared/registers/index';
import { invoke, toApiError } from '../api/client';
import { linkTo, navigate } from '../app/router';
import { formatDate } from '../lib/format';
import { exportCalendar } from './calendar-file';

const REFRESH_MS = 60_000;

/** Reads the Overview, again every minute and when the window comes back into view. */
function useOverview(): { overview: Overview | null; error: string | null; reload: () => void } {
  const [overview, setOverview] = useState<Overview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    invoke('overview:get', {}).then(
      (o) => {
        setOverview(o);
        setError(null);
      },
      (err: unknown) => setError(toApiError(err).message),
    );
  }, []);
  useEffect(() => {
    load();
    const timer = window.setInterval(load, REFRESH_MS);
    const onVisible = () => document.visibilityState === 'visible' && load();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [load]);
  return { overview, error, reload: load };
}

/** No records yet: what the Overview will show, and the ways to fill the registers. */
function EmptyOverview({ onLoaded }: { onLoaded: () => void }) {
  const [loading, setLoading] = useState(false);
  const loadDemo = () => {
    setLoading(true);
    invoke('demo:load', {})
      .then((r) => {
        notifications.show({
          color: 'green',
          title: 'Demo data loaded',
          message: `Added ${r.created} records.`,
        });
        onLoaded();
      })
      .catch((err: unknown) =>
        notifications.show({ color: 'red', title: 'Demo data not loaded', message: toApiError(err).message }),
      )
      .finally(() => setLoading(false));
  };
  return (
    <EmptyState
      m="xl"
      mt={48}
      icon={<IconLayoutDashboard size={28} />}
      withIndicatorBackground
      title="Nothing to oversee yet"
    >
      <Text size="sm" maw={560} mx="auto">
        The Overview shows what needs you now (breach clocks, rights requests due, acknowledgements, prior
        consultations) and the health of your registers, once they hold records. Try it with demo data, import
        your vendor list, or name your organisation in Settings first.
      </Text>
      <EmptyState.Actions>
        <Button onClick={loadDemo} loading={loading}>
          Load demo data
        </Button>
        <Button variant="default" onClick={() => void navigate('/import')}>
          Import from a spreadsheet
        </Button>
        <Button variant="default" onClick={() => void navigate('/settings')}>
          Settings
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}

/** A link to a register with the figure's filters, as an ordinary link (middle-click, keyboard) that routes in-app. */
function FigureAnchor({ link, children, label }: { link: FigureLink; children: ReactNode; label?: string }) {
  const path = linkPath(link);
  return (
    <a className="overview-link" {...linkTo(path)} aria-label={label}>
      {children}
    </a>
  );
}

type Tone = 'late' | 'due' | 'calm';

/** One figure of "Now": a large number and what it counts, the whole tile a link to the filtered register. */
function Figure({
  value,
  label,
  link,
  tone,
}: {
  value: number;
  label: string;
  link: FigureLink;
  tone: Tone;
}) {
  const shown: Tone = value === 0 ? 'calm' : tone;
  return (
    <FigureAnchor link={link} label={`${value} ${label}`}>
      <Paper withBorder p="sm" className="overview-figure" data-tone={shown} data-testid="overview-figure">
        <Text className="overview-figure-value" fw={700} fz={28} lh={1.1}>
          {value}
        </Text>
        <Text size="sm">{label}</Text>
      </Paper>
    </FigureAnchor>
  );
}

/** Hours and minutes between now and a moment, as a DPO reads a clock: "31 h 5 min left", "overdue by 4 h". */
function clockText(due: string, nowMs: number): string {
  const ms = Date.parse(due) - nowMs;
  const abs = Math.abs(ms);
  const h = Math.floor(abs / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const text = h > 0 ? `${h} h ${m} min` : `${m} min`;
  return ms >= 0 ? `${text} left` : `overdue by ${text}`;
}

function NowList({
  title,
  items,
  empty,
  nowMs,
}: {
  title: string;
  items: NowItem[];
  empty: string;
  nowMs: number;
}) {
  return (
    <Stack gap={4}>
      <Text fw={600} size="sm">
        {title}
      </Text>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <ul className="overview-now-list">
          {items.map((item) => {
            const hoursLeft =
              item.register === 'breaches' && item.due ? (Date.parse(item.due) - nowMs) / 3_600_000 : null;
            const tone: Tone =
              item.late || (hoursLeft !== null && hoursLeft < 4)
                ? 'late'
                : hoursLeft !== null && hoursLeft < 24
                  ? 'due'
                  : 'calm';
            return (
              <li key={`${item.register}-${item.id}-${item.what}`}>
                <a className="overview-now-row" data-tone={tone} {...linkTo(`/${item.register}/${item.id}`)}>
                  <span className="overview-now-title">{item.title}</span>
                  <span className="overview-now-what">{item.what}</span>
                  <span className="overview-now-due">
                    {item.due === null
                      ? 'before processing starts'
                      : item.due.includes('T')
                        ? clockText(item.due, nowMs)
                        : `${item.late ? 'was due' : 'due'} ${formatDate(item.due)}`}
                  </span>
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </Stack>
  );
}

interface Segment {
  key: string;
  label: string;
  value: number;
  color: string;
  link: FigureLink;
}

/** A chart of categories: a bar per category with its number on it, each bar and each legend entry a link. */
function CategoryChart({
  title,
  segments,
  caption,
}: {
  title: string;
  segments: Segment[];
  caption?: string;
}) {
  const total = segments.reduce((a, s) => a + s.value, 0);
  const height = 28 * segments.length + 16;
  return (
    <Paper withBorder p="sm" component="figure" className="overview-chart" m={0}>
      <Text component="figcaption" fw={600} size="sm" mb={4}>
        {title}
      </Text>
      <div role="img" aria-label={`${title}: ${segments.map((s) => `${s.label} ${s.value}`).join(', ')}`}>
        <ResponsiveContainer width="100%" height={height}>
          <BarChart data={segments} layout="vertical" margin={{ top: 0, right: 36, bottom: 0, left: 0 }}>
            <XAxis
              type="number"
              hide
              allowDecimals={false}
              domain={[0, Math.max(1, ...segments.map((s) => s.value))]}
            />
            <YAxis
              type="category"
              dataKey="label"
              width={150}
              tickLine={false}
              axisLine={false}
              tick={{ fill: 'var(--mantine-color-text)', fontSize: 12 }}
            />
            <Bar
              dataKey="value"
              isAnimationActive={false}
              cursor="pointer"
              onClick={(_d, index) => void navigate(linkPath(segments[index]!.link))}
            >
              {segments.map((s) => (
                <Cell key={s.key} fill={s.color} />
              ))}
              <LabelList dataKey="value" position="right" fill="var(--mantine-color-text)" fontSize={12} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <Group gap="xs" mt={4} className="overview-legend">
        {segments.map((s) => (
          <FigureAnchor key={s.key} link={s.link} label={`${s.label}: ${s.value}`}>
            <span className="overview-swatch" style={{ background: s.color }} />
            {s.label} <strong>{s.value}</strong>
          </FigureAnchor>
        ))}
      </Group>
      {caption && (
        <Text size="xs" c="dimmed" mt={4}>
          {caption} {total === 0 ? '' : `(${total} in all)`}
        </Text>
      )}
    </Paper>
  );
}

interface Series {
  key: string;
  label: string;
  color: string;
  link: (month: string) => FigureLink;
}

/** "Mar 26" in tables; on the axis "Mar", with the year under January and the first month. */
const monthLabel = (month: string) =>
  new Date(`${month}-01T00:00:00Z`).toLocaleDateString(undefined, {
    month: 'short',
    year: '2-digit',
    timeZone: 'UTC',
  });
const axisLabel = (month: string, index: number) =>
  new Date(`${month}-01T00:00:00Z`).toLocaleDateString(undefined, {
    month: 'short',
    timeZone: 'UTC',
    ...(index === 0 || month.endsWith('-01') ? { year: '2-digit' } : {}),
  });

/** A stacked bar per month (the last twelve), each segment a link; a table of the same numbers under it. */
function MonthlyChart({
  title,
  rows,
  series,
}: {
  title: string;
  rows: ({ month: string } & Record<string, number | string>)[];
  series: Series[];
}) {
  const data = rows.map((r, i) => ({ ...r, label: axisLabel(r.month, i) }));
  const total = rows.reduce((a, r) => a + series.reduce((b, s) => b + Number(r[s.key] ?? 0), 0), 0);
  return (
    <Paper withBorder p="sm" component="figure" className="overview-chart" m={0}>
      <Text component="figcaption" fw={600} size="sm" mb={4}>
        {title}
      </Text>
      <div
        role="img"
        aria-label={`${title}: ${total} in the last twelve months; the table below gives each month.`}
      >
        <ResponsiveContainer width="100%" height={170}>
          <BarChart data={data} margin={{ top: 14, right: 8, bottom: 0, left: -24 }}>
            <CartesianGrid vertical={false} stroke="var(--mantine-color-default-border)" />
            <XAxis
              dataKey="label"
              tick={{ fill: 'var(--mantine-color-dimmed)', fontSize: 11 }}
              interval={0}
              tickLine={false}
            />
            <YAxis
              allowDecimals={false}
              tick={{ fill: 'var(--mantine-color-dimmed)', fontSize: 11 }}
              tickLine={false}
              axisLine={false}
            />
            <Tooltip
              isAnimationActive={false}
              cursor={{ fill: 'var(--mantine-color-default-hover)' }}
              contentStyle={{
                background: 'var(--mantine-color-body)',
                border: '1px solid var(--mantine-color-default-border)',
              }}
            />
            {series.map((s) => (
              <Bar
                key={s.key}
                dataKey={s.key}
                name={s.label}
                stackId="month"
                fill={s.color}
                isAnimationActive={false}
                cursor="pointer"
                onClick={(_d, index) => void navigate(linkPath(s.link(rows[index]!.month)))}
              >
                <LabelList
                  dataKey={s.key}
                  position="center"
                  fontSize={11}
                  fill="#fff"
                  formatter={(v: unknown) => (Number(v) > 0 ? String(v) : '')}
                />
              </Bar>
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <Group gap="xs" mt={2} className="overview-legend">
        {series.map((s) => (
          <span key={s.key}>
            <span className="overview-swatch" style={{ background: s.color }} />
            {s.label}
          </span>
        ))}
      </Group>
      <details className="overview-table">
        <summary>Show as a table</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Month</th>
              {series.map((s) => (
                <th key={s.key} scope="col">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.month}>
                <th scope="row">{monthLabel(r.month)}</th>
                {series.map((s) => (
                  <td key={s.key}>
                    <FigureAnchor
                      link={s.link(r.month)}
                      label={`${monthLabel(r.month)}, ${s.label}: ${r[s.key]}`}
                    >
                      {r[s.key]}
                    </FigureAnchor>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </Paper>
  );
}

/** The words of a filter's value, as its register declares them (the chart says what the list will say). */
function optionLabel(register: string, key: string, value: string): string {
  const filter = registerByName(register)?.filters.find((f) => f.key === key);
  return (filter?.kind === 'choice' && filter.options.find((o) => o.value === value)?.label) || value;
}

const color = (name: string, shade = 6) => `var(--mantine-color-${name}-${shade})`;

/** The Overview: what needs the DPO now, and the health of the registers; every figure opens its list. */
export function OverviewPage() {
  const { overview: o, error, reload } = useOverview();
  const [nowMs, setNowMs] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNowMs(Date.now()), 30_000);
    return () => window.clearInterval(timer);
  }, []);
  const [exporting, setExporting] = useState(false);

  const onExport = () => {
    setExporting(true);
    exportCalendar()
      .then((r) => {
        if (r)
          notifications.show({
            color: 'green',
            title: 'Calendar exported',
            message: `${r.events} deadline${r.events === 1 ? '' : 's'} in ${r.fileName}. Import it into Outlook or Google Calendar; a later export updates the same events.`,
          });
      })
      .catch((err: unknown) =>
        notifications.show({
          color: 'red',
          title: 'The calendar was not exported',
          message: toApiError(err).message,
        }),
      )
      .finally(() => setExporting(false));
  };

  const dpaOptions = vendors.fields.dpaStatus.options ?? [];
  const dpaColor: Record<string, string> = {
    signed: color('green'),
    'not-required': color('gray', 5),
    requested: color('yellow', 6),
    draft: color('yellow', 4),
    none: color('red'),
    expired: color('red', 8),
  };
  const noun = (r: string) => registerByName(r)?.title ?? r;

  return (
    <div className="page">
      <div className="page-toolbar">
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Group gap="sm" align="baseline">
            <Title order={1} size="h3">
              Overview
            </Title>
            {o && (
              <Text size="sm" c="dimmed">
                {formatDate(o.today)}
              </Text>
            )}
          </Group>
          <Group gap="xs" className="no-print">
            <Button
              variant="default"
              leftSection={<IconCalendarEvent size={16} />}
              onClick={() => void navigate('/calendar')}
            >
              Deadlines calendar
            </Button>
            <Button
              variant="default"
              leftSection={<IconCalendarDown size={16} />}
              loading={exporting}
              onClick={onExport}
            >
              Export calendar
            </Button>
            <Button variant="subtle" leftSection={<IconPrinter size={16} />} onClick={() => window.print()}>
              Print
            </Button>
          </Group>
        </Group>
      </div>
      <div className="page-scroll">
        <Stack p="md" gap="md" maw={1400}>
          {error && (
            <Alert color="red" title="The Overview could not be loaded">
              {error}
            </Alert>
          )}
          {!o && !error && <Text c="dimmed">Loading…</Text>}
          {o && !o.hasRecords && <EmptyOverview onLoaded={reload} />}
          {o && o.hasRecords && (
            <>
              <section aria-labelledby="overview-now">
                <Title order={2} size="h5" id="overview-now" mb="xs">
                  Now
                </Title>
                <SimpleGrid cols={{ base: 4, lg: 8 }} spacing="xs">
                  <Figure
                    value={o.breachesOverdue}
                    label="breach clocks overdue"
                    link={figureLinks.breachesOverdue()}
                    tone="late"
                  />
                  <Figure
                    value={o.breachesRunning}
                    label="breach clocks running"
                    link={figureLinks.breachesRunning()}
                    tone="due"
                  />
                  <Figure
                    value={o.requestsOverdue}
                    label="requests overdue"
                    link={figureLinks.requestsOverdue()}
                    tone="late"
                  />
                  <Figure
                    value={o.requestsDueSoon}
                    label="requests due in 7 days"
                    link={figureLinks.requestsDueSoon(o.today)}
                    tone="due"
                  />
                  <Figure
                    value={o.acksDue}
                    label="acknowledgements owed"
                    link={figureLinks.acksDue()}
                    tone="due"
                  />
                  <Figure
                    value={o.priorConsultations}
                    label="DPIAs awaiting prior consultation"
                    link={figureLinks.priorConsultations()}
                    tone="due"
                  />
                  <Figure
                    value={o.objectionsDueSoon}
                    label="objection windows closing in 7 days"
                    link={figureLinks.objectionsDueSoon(o.today)}
                    tone="due"
                  />
                  <Figure
                    value={o.objectionsLapsed}
                    label="objection windows passed undecided"
                    link={figureLinks.objectionsLapsed()}
                    tone="late"
                  />
                </SimpleGrid>
                <SimpleGrid cols={{ base: 2, lg: 3, xl: 5 }} spacing="md" mt="sm">
                  <NowList
                    title="Breach clocks"
                    items={o.nowItems.breaches}
                    empty="No breach clock is running."
                    nowMs={nowMs}
                  />
                  <NowList
                    title="Rights requests"
                    items={o.nowItems.requests}
                    empty="Nothing overdue or due within 7 days."
                    nowMs={nowMs}
                  />
                  <NowList
                    title="Acknowledgements"
                    items={o.nowItems.acks}
                    empty="No acknowledgement owed."
                    nowMs={nowMs}
                  />
                  <NowList
                    title="Prior consultation (Art 36)"
                    items={o.nowItems.priorConsultations}
                    empty="No DPIA waits for prior consultation."
                    nowMs={nowMs}
                  />
                  <NowList
                    title="New sub-processors (Art 28(2))"
                    items={o.nowItems.objections}
                    empty="No objection window closes within 7 days."
                    nowMs={nowMs}
                  />
                </SimpleGrid>
              </section>

              <section aria-labelledby="overview-health">
                <Title order={2} size="h5" id="overview-health" mb="xs">
                  Health of the registers
                </Title>
                <SimpleGrid cols={{ base: 2, xl: 3 }} spacing="md">
                  <CategoryChart
                    title="Transfers by validity"
                    segments={VALIDITIES.map((v) => ({
                      key: v,
                      label: optionLabel('transfers', 'validity', v),
                      value: o.transfersByValidity[v],
                      color:
                        v === 'valid' ? color('green') : v === 'warning' ? color('yellow') : color('red'),
                      link: figureLinks.transfersByValidity(v),
                    }))}
                  />
                  <CategoryChart
                    title="Vendors by DPA status"
                    segments={DPA_STATUSES.map((s) => ({
                      key: s,
                      label: dpaOptions.find((x) => x.value === s)?.label ?? s,
                      value: o.vendorsByDpaStatus[s] ?? 0,
                      color: dpaColor[s] ?? color('gray'),
                      link: figureLinks.vendorsByDpaStatus(s),
                    }))}
                  />
                  <CategoryChart
                    title="Gaps to close"
                    segments={[
                      {
                        key: 'gaps',
                        label: 'Vendors with transfer gaps',
                        value: o.vendorsWithTransferGaps,
                        color: color('red'),
                        link: figureLinks.vendorsWithTransferGaps(),
                      },
                      {
                        key: 'dpia',
                        label: 'Activities needing a DPIA',
                        value: o.activitiesNeedingDpia,
                        color: color('orange'),
                        link: figureLinks.activitiesNeedingDpia(),
                      },
                    ]}
                  />
                  <CategoryChart
                    title="Reviews overdue"
                    segments={REVIEWED_REGISTERS.map((r) => ({
                      key: r,
                      label: noun(r),
                      value: o.reviewsOverdueByRegister[r],
                      color: color('orange'),
                      link: figureLinks.reviewsOverdue(r),
                    }))}
                  />
                  <MonthlyChart
                    title="Rights requests closed, on time or late"
                    rows={o.requestsClosedByMonth}
                    series={[
                      {
                        key: 'onTime',
                        label: 'On time',
                        color: color('green'),
                        link: (m) => figureLinks.requestsClosed(m, 'on-time'),
                      },
                      {
                        key: 'late',
                        label: 'Late',
                        color: color('red'),
                        link: (m) => figureLinks.requestsClosed(m, 'late'),
                      },
                    ]}
                  />
                  <MonthlyChart
                    title="Breaches by month of awareness and risk"
                    rows={o.breachesByMonth}
                    series={BREACH_RISKS.map((risk) => ({
                      key: risk,
                      label: optionLabel('breaches', 'risk', risk),
                      color:
                        risk === 'high'
                          ? color('red')
                          : risk === 'risk'
                            ? color('orange')
                            : risk === 'none'
                              ? color('gray', 5)
                              : color('blue', 3),
                      link: (m) => figureLinks.breachesByRisk(m, risk),
                    }))}
                  />
                </SimpleGrid>
                <Text size="xs" c="dimmed" mt="xs">
                  Counts of current records. Months of awareness are read in UTC. Each figure, bar and legend
                  entry opens its register with that filter; Back returns here.{' '}
                  <Anchor size="xs" {...linkTo('/calendar')}>
                    See every deadline
                  </Anchor>
                  .
                </Text>
              </section>
            </>
          )}
        </Stack>
      </div>
    </div>
  );
}
