/** The day a moment falls on in this machine's time zone, `YYYY-MM-DD`: "today" for the registers. */
export function localIsoDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
