import { Alert, Group, List, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { CNIL_LEVELS, PRIOR_CONSULTATION } from '../../../shared/reference/dpia';
import { cite, UNVERIFIED_MARK } from '../../../shared/reference/sources';
import type { RowsDecl } from '../../../shared/kit/fields';
import { rateRisk, type RiskLevel } from '../../../shared/rules/dpia';
import { StatusChip } from '../components/StatusChip';
import { formatDate } from '../lib/format';
import { RowsEditor } from '../kit/RowsEditor';
import type { FieldEditorProps } from './ui';
import { dpias } from '../../../shared/registers/dpias';

type Entry = Record<string, unknown>;

const LEVEL_TEXT: Record<RiskLevel, string> = { low: 'Low', medium: 'Medium', high: 'High' };
const LEVEL_COLOR: Record<RiskLevel, 'green' | 'yellow' | 'red'> = {
  low: 'green',
  medium: 'yellow',
  high: 'red',
};

/** The level chip of a risk: the word carries it, the colour repeats it. */
export function RiskLevelChip({ level, prefix }: { level: RiskLevel | null; prefix?: string }) {
  if (!level) return <StatusChip color="gray">{prefix ? `${prefix}: not rated` : 'Not rated'}</StatusChip>;
  return (
    <StatusChip color={LEVEL_COLOR[level]}>
      {prefix ? `${prefix}: ` : ''}
      {LEVEL_TEXT[level]}
    </StatusChip>
  );
}

const isLevel = (v: unknown): v is 1 | 2 | 3 | 4 => v === 1 || v === 2 || v === 3 || v === 4;

export interface RatedRisk {
  n: number;
  title: string;
  inherent: { l: number; s: number; level: RiskLevel } | null;
  residual: { l: number; s: number; level: RiskLevel } | null;
}

/** Each risk with its place on the map before and after its measures (CNIL levels; shared/rules/dpia.ts). */
export function rateRisks(risks: readonly Entry[]): RatedRisk[] {
  return risks.map((r, i) => {
    const inherent =
      isLevel(r.likelihood) && isLevel(r.severity)
        ? { l: r.likelihood, s: r.severity, level: rateRisk(r.likelihood, r.severity).level }
        : null;
    const residual =
      isLevel(r.residualLikelihood) && isLevel(r.residualSeverity)
        ? {
            l: r.residualLikelihood,
            s: r.residualSeverity,
            level: rateRisk(r.residualLikelihood, r.residualSeverity).level,
          }
        : null;
    return {
      n: i + 1,
      title: ((r.title as string | null) ?? '').trim() || `Risk ${i + 1}`,
      inherent,
      residual,
    };
  });
}

const CELL = 64;
const PAD = 74;
const SIZE = PAD + CELL * 4;

const cellLevel = (l: number, s: number): RiskLevel => rateRisk(l, s).level;
const FILL: Record<RiskLevel, string> = {
  low: 'var(--mantine-color-green-light)',
  medium: 'var(--mantine-color-yellow-light)',
  high: 'var(--mantine-color-red-light)',
};

/**
 * The 4 × 4 map (likelihood across, severity up), each risk placed before its measures (an open circle) and
 * after them (a filled circle), with an arrow from one to the other. Each cell says its level in words, so the
 * map reads without colour and in print; the list beside it says the same in sentences.
 */
export function RiskMap({ risks }: { risks: readonly RatedRisk[] }) {
  const arrowId = `risk-arrow-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  // Several markers in one cell sit side by side.
  const slots = new Map<string, number>();
  const place = (l: number, s: number) => {
    const key = `${l}-${s}`;
    const k = slots.get(key) ?? 0;
    slots.set(key, k + 1);
    const x = PAD + (l - 1) * CELL + 16 + (k % 3) * 16;
    const y = (4 - s) * CELL + 26 + Math.floor(k / 3) * 16;
    return { x, y };
  };
  const marks = risks.map((r) => ({
    r,
    from: r.inherent ? place(r.inherent.l, r.inherent.s) : null,
    to: r.residual ? place(r.residual.l, r.residual.s) : null,
  }));
  return (
    <svg
      viewBox={`0 0 ${SIZE + 8} ${SIZE + 30}`}
      width="100%"
      style={{ maxWidth: 380 }}
      role="img"
      aria-label="Risk map: likelihood across, severity up; open circles before measures, filled circles after"
      className="risk-map"
    >
      <defs>
        <marker
          id={arrowId}
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="6"
          markerHeight="6"
          orient="auto-start-reverse"
        >
          <path d="M 0 0 L 10 5 L 0 10 z" style={{ fill: 'var(--mantine-color-text)' }} />
        </marker>
      </defs>
      {[1, 2, 3, 4].map((s) =>
        [1, 2, 3, 4].map((l) => {
          const level = cellLevel(l, s);
          return (
            <g key={`${l}-${s}`}>
              <rect
                x={PAD + (l - 1) * CELL}
                y={(4 - s) * CELL}
                width={CELL}
                height={CELL}
                fill={FILL[level]}
                stroke="var(--mantine-color-default-border)"
              />
              <text
                x={PAD + (l - 1) * CELL + CELL - 4}
                y={(4 - s) * CELL + CELL - 5}
                fontSize="9"
                textAnchor="end"
                fill="var(--mantine-color-dimmed)"
              >
                {LEVEL_TEXT[level]}
              </text>
            </g>
          );
        }),
      )}
      {[1, 2, 3, 4].map((n) => (
        <g key={n}>
          <text
            x={PAD + (n - 1) * CELL + CELL / 2}
            y={CELL * 4 + 14}
            fontSize="9"
            textAnchor="middle"
            fill="var(--mantine-color-text)"
          >
            {CNIL_LEVELS[n as 1].en}
          </text>
          <text
            x={PAD - 4}
            y={(4 - n) * CELL + CELL / 2 + 3}
            fontSize="9"
            textAnchor="end"
            fill="var(--mantine-color-text)"
          >
            {CNIL_LEVELS[n as 1].en}
          </text>
        </g>
      ))}
      <text
        x={PAD + CELL * 2}
        y={CELL * 4 + 28}
        fontSize="10"
        textAnchor="middle"
        fontWeight="600"
        fill="var(--mantine-color-text)"
      >
        Likelihood
      </text>
      <text
        x={12}
        y={CELL * 2}
        fontSize="10"
        textAnchor="middle"
        fontWeight="600"
        fill="var(--mantine-color-text)"
        transform={`rotate(-90 12 ${CELL * 2})`}
      >
        Severity
      </text>
      {marks.map(({ r, from, to }) => (
        <g key={r.n}>
          {from && to && (from.x !== to.x || from.y !== to.y) && <Arrow from={from} to={to} id={arrowId} />}
          {from && (
            <g>
              <circle
                cx={from.x}
                cy={from.y}
                r="7"
                fill="var(--mantine-color-body)"
                stroke="var(--mantine-color-text)"
                strokeWidth="1.4"
              />
              <text
                x={from.x}
                y={from.y + 3}
                fontSize="8"
                textAnchor="middle"
                fill="var(--mantine-color-text)"
              >
                {r.n}
              </text>
            </g>
          )}
          {to && (
            <g>
              <circle cx={to.x} cy={to.y} r="7" fill="var(--mantine-color-text)" />
              <text x={to.x} y={to.y + 3} fontSize="8" textAnchor="middle" fill="var(--mantine-color-body)">
                {r.n}
              </text>
            </g>
          )}
        </g>
      ))}
    </svg>
  );
}

/** A line from one marker to the other, stopping short of both circles so the arrowhead shows. */
function Arrow({
  from,
  to,
  id,
}: {
  from: { x: number; y: number };
  to: { x: number; y: number };
  id: string;
}) {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy);
  const gap = 9 / length;
  return (
    <line
      x1={from.x + dx * gap}
      y1={from.y + dy * gap}
      x2={to.x - dx * gap}
      y2={to.y - dy * gap}
      stroke="var(--mantine-color-text)"
      strokeWidth="1.4"
      markerEnd={`url(#${id})`}
    />
  );
}

/** The map's content in sentences, one per risk. */
export function RiskList({ risks }: { risks: readonly RatedRisk[] }) {
  const words = (x: { l: number; s: number }) =>
    `likelihood ${CNIL_LEVELS[x.l as 1].en}, severity ${CNIL_LEVELS[x.s as 1].en}`;
  return (
    <List size="sm" spacing={4} aria-label="Risks on the map" listStyleType="none" ml={0}>
      {risks.map((r) => (
        <List.Item key={r.n}>
          <Text size="sm" span fw={500}>
            {r.n}. {r.title}
          </Text>{' '}
          <Group gap={4} component="span" display="inline-flex">
            <RiskLevelChip level={r.inherent?.level ?? null} prefix="Before" />
            <RiskLevelChip level={r.residual?.level ?? r.inherent?.level ?? null} prefix="After" />
          </Group>
          <Text size="xs" c="dimmed">
            {r.inherent ? `Before measures: ${words(r.inherent)}.` : 'Not rated yet.'}{' '}
            {r.residual
              ? `After measures: ${words(r.residual)}.`
              : r.inherent
                ? 'No rating after measures yet.'
                : ''}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}

/** The Art 36 question: a risk that stays high after its measures means consulting the authority first. */
export function PriorConsultation({
  risks,
  filedOn,
}: {
  risks: readonly RatedRisk[];
  filedOn: string | null;
}) {
  const high = risks.filter((r) => (r.residual ?? r.inherent)?.level === 'high');
  if (high.length === 0) return null;
  return (
    <Alert color="red" title="Prior consultation required (Art 36)" role="status">
      <Text size="sm">
        Residual risk stays high for {high.map((r) => `“${r.title}”`).join(', ')}. {PRIOR_CONSULTATION.text}
      </Text>
      <Text size="xs" c="dimmed" mt={4}>
        {cite(PRIOR_CONSULTATION)}
        {PRIOR_CONSULTATION.confidence === 'R' ? ` — ${UNVERIFIED_MARK}` : ''}
      </Text>
      <Text size="sm" mt={4}>
        {filedOn
          ? `Filed with the authority on ${formatDate(filedOn)}.`
          : 'Not filed yet: record the date it is.'}
      </Text>
    </Alert>
  );
}

const RISKS_DECL = dpias.fields.risks.rows as RowsDecl;

/**
 * A DPIA's risks as the user edits them, with each risk's levels beside it, the map below, and the Art 36 flag
 * appearing and going as the ratings after measures change, before anything is saved.
 */
export function RisksEditor(props: FieldEditorProps) {
  const value = (props.value as Entry[] | null) ?? [];
  const rated = rateRisks(value);
  const filedOn = (props.values.priorConsultationOn as string | null | undefined) ?? null;
  return (
    <Stack gap="sm">
      <RowsEditor
        id={props.id}
        label={props.label}
        description={props.description}
        decl={RISKS_DECL}
        value={value}
        onChange={props.onChange}
        error={props.error}
        entryExtra={(_, i) => (
          <Group gap={6}>
            <RiskLevelChip level={rated[i]?.inherent?.level ?? null} prefix="Before measures" />
            <RiskLevelChip
              level={rated[i]?.residual?.level ?? rated[i]?.inherent?.level ?? null}
              prefix="After measures"
            />
          </Group>
        )}
      />
      {value.length > 0 && (
        <section aria-labelledby="risk-map-heading">
          <Title order={3} size="h6" id="risk-map-heading" mb={4}>
            Risk map
          </Title>
          <Group align="flex-start" gap="lg" wrap="wrap">
            <RiskMap risks={rated} />
            <div style={{ flex: 1, minWidth: 240 }}>
              <RiskList risks={rated} />
            </div>
          </Group>
        </section>
      )}
      <PriorConsultation risks={rated} filedOn={filedOn} />
    </Stack>
  );
}
