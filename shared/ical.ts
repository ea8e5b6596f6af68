import { OBLIGATION_KINDS, type Obligation } from './overview';
import { addDays } from './rules/calendar';

/**
 * The deadlines calendar as an iCalendar file (RFC 5545) that Outlook, Google Calendar and Apple Calendar add as
 * a calendar: one event per obligation, its UID stable (register, record, kind) so importing a newer file updates
 * the event instead of adding a second one. A day-long obligation is an all-day event (RFC 5545 §3.6.1: DTSTART
 * as a DATE, DTEND the day after); a breach deadline is an event at its moment, in UTC, with an alarm 4 hours
 * before. Only the record's name or reference goes in: never a requester's personal data.
 */
export function toICalendar(
  obligations: readonly Obligation[],
  options: { now: Date; organisation: string | null },
): string {
  const stamp = utcStamp(options.now.toISOString());
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//DPO Workbench//Deadlines//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${text(`Data protection deadlines${options.organisation ? ` – ${options.organisation}` : ''}`)}`,
  ];
  for (const o of obligations) {
    const what = OBLIGATION_KINDS[o.kind];
    lines.push('BEGIN:VEVENT', `UID:${text(o.uid)}`, `DTSTAMP:${stamp}`);
    if (o.at) {
      lines.push(`DTSTART:${utcStamp(o.at)}`, `DTEND:${utcStamp(o.at)}`);
    } else {
      lines.push(
        `DTSTART;VALUE=DATE:${o.date.replaceAll('-', '')}`,
        `DTEND;VALUE=DATE:${addDays(o.date, 1).replaceAll('-', '')}`,
      );
    }
    lines.push(
      `SUMMARY:${text(`${what}: ${o.title}`)}`,
      `DESCRIPTION:${text(`${what} for ${o.title} (${o.register} record ${o.id}). Open it in DPO Workbench: ${o.register}/${o.id}.`)}`,
      `CATEGORIES:${text(what)}`,
      'TRANSP:TRANSPARENT',
    );
    if (o.at) {
      lines.push(
        'BEGIN:VALARM',
        'ACTION:DISPLAY',
        `DESCRIPTION:${text(`${what}: ${o.title}`)}`,
        'TRIGGER:-PT4H',
        'END:VALARM',
      );
    }
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks. */
function text(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** `20261203T101500Z` from an ISO-8601 UTC moment. */
function utcStamp(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

/**
 * Folds a content line longer than 75 octets (RFC 5545 §3.1): a line break and a space, never inside a UTF-8
 * character.
 */
function fold(line: string): string {
  if (utf8Length(line) <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let limit = 75;
  for (const ch of line) {
    if (utf8Length(current) + utf8Length(ch) > limit) {
      parts.push(current);
      current = '';
      limit = 74; // the continuation's leading space counts
    }
    current += ch;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** Octets of a string in UTF-8. */
function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}
