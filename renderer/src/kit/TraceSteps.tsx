import { List, Text } from '@mantine/core';
import { UNVERIFIED_MARK } from '../../../shared/reference/sources';
import { datesIn } from '../lib/format';

/** One step of the rules engine's trace: what it did, and the rule with its confidence mark. */
export interface TraceStepView {
  text: string;
  rule: string;
  confidence: string;
}

/**
 * The rules engine's steps, each with the rule behind it; a step resting on an unverified fact ([R]) says so
 * after its rule.
 */
export function TraceSteps({
  steps,
  label,
  size = 'xs',
  ordered = false,
  dates = false,
}: {
  steps: readonly TraceStepView[];
  label: string;
  size?: 'xs' | 'sm';
  ordered?: boolean;
  /** Show the dates in the steps' text in the user's date format. */
  dates?: boolean;
}) {
  return (
    <List size={size} spacing={4} type={ordered ? 'ordered' : 'unordered'} aria-label={label}>
      {steps.map((s, i) => (
        <List.Item key={i}>
          {(dates ? datesIn : (t: string) => t)(s.text.replace(` ${UNVERIFIED_MARK}`, ''))}{' '}
          <Text span size="xs" c="dimmed">
            ({s.rule}
            {s.confidence === 'R' ? `: ${UNVERIFIED_MARK}` : ''})
          </Text>
        </List.Item>
      ))}
    </List>
  );
}
