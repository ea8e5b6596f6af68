import { Alert, Button, Checkbox, Group, Input, Stack, Text, Textarea } from '@mantine/core';
import { IconClipboardCheck } from '@tabler/icons-react';
import { ART_35_3_CASES, WP248_CRITERIA } from '../../../shared/reference/dpia';
import { TraceSteps } from '../kit/TraceSteps';
import { EMPTY_SCREENING, screeningStarted, type Screening } from '../../../shared/registers/screening';
import { screenDpia } from '../../../shared/rules/dpia';
import { navigate } from '../app/router';
import { StatusChip } from '../components/StatusChip';
import type { FieldEditorProps } from './ui';

const CONCLUSION = {
  required: { color: 'red', label: 'DPIA required' },
  'likely-required': { color: 'orange', label: 'DPIA likely required' },
  'not-likely-required': { color: 'green', label: 'DPIA not likely required' },
} as const;

/** The chip of a screening's conclusion. */
export function ConclusionChip({ conclusion }: { conclusion: keyof typeof CONCLUSION | null }) {
  if (!conclusion) return <StatusChip color="gray">Not screened</StatusChip>;
  const c = CONCLUSION[conclusion];
  return <StatusChip color={c.color}>{c.label}</StatusChip>;
}

function asScreening(value: unknown): Screening {
  const v = (value ?? {}) as Partial<Screening>;
  return { ...EMPTY_SCREENING, ...v };
}

/**
 * The DPIA screening as a short guided form: tick the Art 35(3) cases and the WP248 criteria that apply, say
 * whether the processing is on the authority's list, and see the conclusion and its cited steps change as you
 * go (shared/rules/dpia.ts). On a saved activity whose screening calls for one, "Start a DPIA" opens a new DPIA
 * linked to it with the screening carried over.
 */
function ScreeningForm({
  id,
  label,
  description,
  value,
  onChange,
  error,
  start,
}: FieldEditorProps & { start?: { activityId: number; name: string } }) {
  const s = asScreening(value);
  const set = (patch: Partial<Screening>) => onChange({ ...s, ...patch });
  const toggle = <K extends 'art35Cases' | 'criteria'>(key: K, item: string, on: boolean) =>
    set({ [key]: on ? [...s[key], item] : s[key].filter((x) => x !== item) } as Partial<Screening>);
  const result = screenDpia(s as Parameters<typeof screenDpia>[0]);
  const started = screeningStarted(s);
  const conclusion = started ? result.conclusion : null;

  return (
    <Input.Wrapper id={id} label={label} description={description} error={error}>
      <Stack gap="sm" mt={6}>
        <Checkbox.Group
          label="Art 35(3): a DPIA is always required for"
          value={s.art35Cases}
          onChange={(v) => set({ art35Cases: v as Screening['art35Cases'] })}
        >
          <Stack gap={6} mt={6}>
            {ART_35_3_CASES.map((c) => (
              <Checkbox key={c.id} value={c.id} label={c.label} description={c.source} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Checkbox
          label="The processing is on the supervisory authority’s list of processing requiring a DPIA (Art 35(4))"
          checked={s.onAuthorityList}
          onChange={(e) => set({ onAuthorityList: e.currentTarget.checked })}
        />
        <Input.Wrapper label="WP248 criteria met" description={`${s.criteria.length} of 9 ticked`}>
          <Stack gap={6} mt={6}>
            {WP248_CRITERIA.map((c) => (
              <Checkbox
                key={c.id}
                label={c.label}
                checked={s.criteria.includes(c.id)}
                onChange={(e) => toggle('criteria', c.id, e.currentTarget.checked)}
              />
            ))}
          </Stack>
        </Input.Wrapper>
        <Textarea
          label="Why no DPIA is carried out"
          description="Record the reason when the screening does not call for one, or when you conclude otherwise"
          autosize
          minRows={1}
          maxRows={6}
          value={s.reasonNotRequired ?? ''}
          onChange={(e) => set({ reasonNotRequired: e.currentTarget.value || null })}
        />
        <Alert
          color={conclusion === 'required' ? 'red' : conclusion === 'likely-required' ? 'orange' : 'gray'}
          variant="light"
          title={
            <Group gap={6}>
              Conclusion <ConclusionChip conclusion={conclusion} />
            </Group>
          }
          aria-live="polite"
        >
          {!started ? (
            <Text size="sm">Tick what applies; the conclusion follows.</Text>
          ) : (
            <TraceSteps steps={result.steps} label="Screening steps" size="sm" />
          )}
          {result.reasonMissing && started && (
            <Text size="sm" mt={6} fw={500}>
              Record why no DPIA is carried out.
            </Text>
          )}
        </Alert>
        {start && (conclusion === 'required' || conclusion === 'likely-required') && (
          <Group>
            <Button
              variant="light"
              leftSection={<IconClipboardCheck size={16} />}
              onClick={() => {
                const q = new URLSearchParams({
                  title: `DPIA: ${start.name}`,
                  activities: String(start.activityId),
                  screening: JSON.stringify(s),
                  status: 'draft',
                });
                void navigate(`/dpias/new?${q.toString()}`);
              }}
            >
              Start a DPIA
            </Button>
            <Text size="xs" c="dimmed">
              Opens a new DPIA linked to this activity, with this screening.
            </Text>
          </Group>
        )}
      </Stack>
    </Input.Wrapper>
  );
}

/** An activity's screening, with "Start a DPIA" once the activity is saved. */
export function ActivityScreeningEditor(props: FieldEditorProps) {
  const name = typeof props.values.name === 'string' ? props.values.name : '';
  return (
    <ScreeningForm
      {...props}
      start={props.recordId ? { activityId: props.recordId, name: name || 'processing activity' } : undefined}
    />
  );
}

/** A DPIA's own screening. */
export function DpiaScreeningEditor(props: FieldEditorProps) {
  return <ScreeningForm {...props} />;
}
