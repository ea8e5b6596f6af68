import { describe, expect, it } from 'vitest';
import { formatDay, formatHint, parseDay } from '../../shared/date-format';

describe('the date format setting', () => {
  it('reads a typed day in the chosen order, and ISO always', () => {
    expect(parseDay('01/03/2028', 'DD/MM/YYYY')).toBe('2028-03-01');
    expect(parseDay('01/03/2028', 'MM/DD/YYYY')).toBe('2028-01-03');
    expect(parseDay('01.03.2028', 'DD.MM.YYYY')).toBe('2028-03-01');
    expect(parseDay('2028-03-01', 'MM/DD/YYYY')).toBe('2028-03-01');
    expect(parseDay('31/02/2028', 'DD/MM/YYYY')).toBeNull();
    expect(parseDay('2028', 'DD/MM/YYYY')).toBeNull();
    // "auto" follows the system: an en-US system writes the month first.
    expect(parseDay('01/03/2028', 'auto', 'en-US')).toBe('2028-01-03');
    expect(parseDay('01/03/2028', 'auto', 'en-GB')).toBe('2028-03-01');
  });

  it('writes a day in the chosen format', () => {
    expect(formatDay('2028-03-01', 'DD/MM/YYYY')).toBe('01/03/2028');
    expect(formatDay('2028-03-01', 'MM/DD/YYYY')).toBe('03/01/2028');
    expect(formatDay('2028-03-01', 'DD.MM.YYYY')).toBe('01.03.2028');
    expect(formatDay('2028-03-01', 'YYYY-MM-DD')).toBe('2028-03-01');
    expect(formatDay('2028-03-01', 'auto', 'en-GB')).toBe('1 Mar 2028');
    expect(formatHint('auto', 'de-DE')).toBe('DD/MM/YYYY');
    expect(formatHint('auto', 'en-US')).toBe('MM/DD/YYYY');
  });
});
