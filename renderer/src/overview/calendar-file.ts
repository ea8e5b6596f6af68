import { chooseExportTarget, invoke } from '../api/client';
import { todayIso } from '../lib/format';

/**
 * Exports the deadlines calendar as an iCalendar file: saved where the user chooses in the desktop app,
 * downloaded in the browser. Null when the save dialog was cancelled.
 */
export async function exportCalendar(days = 365): Promise<{ fileName: string; events: number } | null> {
  const target = await chooseExportTarget(`deadlines-${todayIso()}.ics`);
  if (!target) return null;
  if ('saveId' in target) {
    const r = await invoke('calendar:ics', { days, saveId: target.saveId });
    return { fileName: target.fileName, events: r.events };
  }
  const r = await invoke('calendar:ics', { days });
  const url = URL.createObjectURL(new Blob([r.text], { type: 'text/calendar;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = r.fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { fileName: r.fileName, events: r.events };
}
