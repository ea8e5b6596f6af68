import { Group, Input } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useState } from 'react';
import { DateField } from './DateField';

const pad = (n: number) => String(n).padStart(2, '0');

/** The user's own time zone, named in the field so a moment is never typed in the wrong one. */
const LOCAL_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** A stored ISO moment as the local day and time the user reads: ["2026-03-27", "14:30"]. */
function toLocal(iso: string | null): [string | null, string] {
  if (!iso) return [null, ''];
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return [null, ''];
  return [
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
    `${pad(d.getHours())}:${pad(d.getMinutes())}`,
  ];
}

/** A local day and time as a moment, ISO-8601 UTC. */
function toIso(day: string, time: string): string | null {
  const d = new Date(`${day}T${time}`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString().replace(/\.000Z$/, 'Z');
}

/**
 * A moment (a breach's awareness, a filing): a date, typed or picked, and a time, typed, in the user's own time
 * zone (named under the field), stored as ISO-8601 UTC so that a clock never meets the host's zone. The value
 * changes once both are given; clearing the date clears it.
 */
export function InstantField({
  id,
  label,
  description,
  error,
  required,
  value,
  onChange,
}: {
  id?: string;
  label?: string;
  description?: string;
  error?: string;
  required?: boolean;
  value: string | null;
  onChange: (value: string | null) => void;
}) {
  const [[day, time], setParts] = useState(() => toLocal(value));
  // The moment this field last showed or reported: a different value comes from outside (a reset, a reload).
  const [known, setKnown] = useState(value);
  if (value !== known) {
    setKnown(value);
    setParts(toLocal(value));
  }
  const report = (d: string | null, t: string) => {
    setParts([d, t]);
    // A time being typed is empty until complete: the moment stays as it was until it is.
    if (d !== null && !t) return;
    const next = d === null ? null : toIso(d, t);
    if (next !== known) {
      setKnown(next);
      onChange(next);
    }
  };
  const zone = `Your local time (${LOCAL_ZONE})`;
  return (
    <Input.Wrapper
      id={id}
      label={label}
      description={description ? `${description}. ${zone}` : zone}
      error={error}
      required={required}
    >
      {/* In a narrow column the time goes under the date. */}
      <Group gap={6} wrap="wrap" align="flex-start">
        <DateField
          id={id}
          aria-label={label ? `${label}: date` : 'Date'}
          value={day}
          onChange={(d) => report(d, time)}
          error={Boolean(error)}
          style={{ flex: '1 1 150px', minWidth: 150 }}
        />
        <TimeInput
          id={id ? `${id}-time` : undefined}
          aria-label={label ? `${label}: time` : 'Time'}
          value={time}
          onChange={(e) => report(day, e.currentTarget.value)}
          error={Boolean(error)}
          w={110}
        />
      </Group>
    </Input.Wrapper>
  );
}
