import { invalidField } from './invalid';
import { dayFromParts, longDate } from './calendar';

/**
 * Moments in time for the breach clock. A moment is milliseconds since the epoch (exact elapsed time); it is
 * shown in an IANA zone through Intl.DateTimeFormat (in the browser and in Node) or at a fixed UTC offset.
 */

const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

/** A moment read from ISO-8601: the instant and the UTC offset it was written with. */
export interface ParsedInstant {
  ms: number;
  offsetMinutes: number;
}

/**
 * Reads an ISO-8601 moment that states its offset ("2026-03-27T14:30:00+01:00" or "…Z"); a moment without an
 * offset is ambiguous and refused, naming `field`.
 */
export function parseInstant(text: string, field = 'instant'): ParsedInstant {
  const m = ISO_WITH_OFFSET.exec(text.trim());
  if (!m)
    invalidField(
      field,
      `"${text}" is not an ISO-8601 moment with an offset, e.g. 2026-03-27T14:30:00+01:00.`,
    );
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s ?? '0');
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || probe.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    invalidField(field, `"${text}" is not a real date and time.`);
  }
  let offsetMinutes = 0;
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    offsetMinutes = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
    if (Math.abs(offsetMinutes) > 18 * 60) invalidField(field, `offset ${zone} is out of range.`);
  }
  const millis = frac ? Math.floor(Number(`0${frac}`) * 1000) : 0;
  const local =
    (dayFromParts(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second) * 1000 + millis;
  return { ms: local - offsetMinutes * 60_000, offsetMinutes };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** True when `zone` is an IANA time zone this platform knows (e.g. "Europe/Paris"). */
export function isTimeZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

interface LocalParts {
  day: number;
  hour: number;
  minute: number;
  offsetMinutes: number;
}

function localParts(ms: number, zone: string | number): LocalParts {
  if (typeof zone === 'number') {
    const shifted = ms + zone * 60_000;
    const day = Math.floor(shifted / 86_400_000);
    const inDay = shifted - day * 86_400_000;
    return {
      day,
      hour: Math.floor(inDay / 3_600_000),
      minute: Math.floor(inDay / 60_000) % 60,
      offsetMinutes: zone,
    };
  }
  const key = `${zone}\u0000${ms}`;
  const known = partsCache.get(key);
  if (known) return known;
  const parts: Record<string, string> = {};
  for (const p of formatterFor(zone).formatToParts(new Date(ms))) parts[p.type] = p.value;
  const name = parts.timeZoneName ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  const offsetMinutes = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  const value = {
    day: dayFromParts(Number(parts.year), Number(parts.month), Number(parts.day)),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    offsetMinutes,
  };
  if (partsCache.size >= PARTS_CACHE_SIZE) partsCache.clear();
  partsCache.set(key, value);
  return value;
}

/**
 * The local reading of a moment in a zone, kept by zone and exact moment: a list of breaches reads the same
 * awareness and deadline moments on every call, and the same "now" for every row. Intl is the costly part.
 */
const partsCache = new Map<string, LocalParts>();
const PARTS_CACHE_SIZE = 20_000;

/** The UTC offset, in minutes, of an IANA zone at a moment (daylight saving included). */
export function zoneOffsetMinutes(zone: string, ms: number): number {
  return localParts(ms, zone).offsetMinutes;
}

/** An offset as "UTC+01:00". */
export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * A moment as a DPO reads it in a zone (IANA name) or at a fixed offset (minutes):
 * "Friday 27 March 2026, 14:30 (UTC+01:00)".
 */
export function formatInstant(ms: number, zone: string | number): string {
  const p = localParts(ms, zone);
  const hhmm = `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
  return `${longDate(p.day)}, ${hhmm} (${formatOffset(p.offsetMinutes)})`;
}

/** A moment as ISO-8601 in UTC: "2026-03-30T13:30:00Z" (milliseconds only when there are some). */
export function isoUtc(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/** A length of time as hours and minutes, rounded down to the minute: "47 h 05 min". */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
