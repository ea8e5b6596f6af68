import type { DateInputProps } from '@mantine/dates';
import { DateInput } from '@mantine/dates';
import { formatDate, parseTypedDate } from '../lib/format';

/** A date picker that also takes a typed date in the user's format, shown the way the rest of the app shows dates. */
export function DateField(props: DateInputProps) {
  return (
    <DateInput
      valueFormat={(value) => formatDate(value)}
      dateParser={parseTypedDate}
      clearable
      placeholder="Pick or type a date"
      popoverProps={{ withinPortal: true }}
      {...props}
    />
  );
}
