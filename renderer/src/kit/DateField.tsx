import type { DateInputProps } from '@mantine/dates';
import { DateInput } from '@mantine/dates';
import { dateHint, formatDate, parseTypedDate } from '../lib/format';

/** A date picker that also takes a typed date in the user's format, shown the way the rest of the app shows dates. */
export function DateField(props: DateInputProps) {
  return (
    <DateInput
      valueFormat={(value) => formatDate(value)}
      dateParser={parseTypedDate}
      clearable
      placeholder={dateHint()}
      popoverProps={{ withinPortal: true }}
      {...props}
      // The format to type in, beside every date input (ISO is always read too).
      description={props.description ? `${String(props.description)} · ${dateHint()}` : dateHint()}
    />
  );
}
