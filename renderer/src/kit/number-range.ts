/** The message for a whole number outside its field's range, as typed (null when it is in range or empty). */
export function outOfRange(value: unknown, min?: number, max?: number): string | null {
  if (typeof value !== 'number' || min === undefined || max === undefined) return null;
  return value < min || value > max ? `Use a whole number from ${min} to ${max}.` : null;
}
