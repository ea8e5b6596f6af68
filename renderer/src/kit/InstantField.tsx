import type { DateTimePickerProps } from '@mantine/dates';
import { DateTimePicker } from '@mantine/dates';

const pad = (n: number) => String(n).padStart(2, '0');

/** A stored ISO moment as the picker holds it: the local wall time, "YYYY-MM-DD HH:mm:ss". */
function toLocal(iso: string | null): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** The picker's local wall time as a moment (ISO-8601 UTC). */
function toIso(local: string | null): string | null {
  if (!local) return null;
  const d = new Date(local.replace(' ', 'T'));
  return Number.isNaN(d.getTime()) ? null : d.toISOString().replace(/\.000Z$/, 'Z');
}

/**
 * A moment (a breach's awareness, a filing): a date and a time in the user's own time zone, stored as ISO-8601
 * UTC so that a clock never meets the host's zone.
 */
export function InstantField({
  value,
  onChange,
  ...props
}: Omit<DateTimePickerProps, 'value' | 'onChange'> & {
  value: string | null;
  onChange: (value: string | null) => void;
}) {
  return (
    <DateTimePicker
      valueFormat="YYYY-MM-DD HH:mm"
      clearable
      placeholder="Pick a date and time"
      popoverProps={{ withinPortal: true }}
      {...props}
      value={toLocal(value)}
      onChange={(v) => onChange(toIso(v))}
    />
  );
}
