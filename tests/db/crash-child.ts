// A process the crash test kills with SIGKILL at a random moment: it imports a list, or saves records in a loop,
// and says on stdout how far it got ("commit" once the import's write transaction is open, "saved N" after
// each acknowledged save).
import { openCore } from '../../db/core';
import { loadHolidayRules } from '../../shared/rules/holidays';

await loadHolidayRules();

const [mode, dbPath, file] = process.argv.slice(2) as ['import' | 'saves', string, string];
const core = openCore({ dbPath, door: 'cli', actor: 'crash', importMode: 'inline', anchorFile: null });
const say = (line: string) => process.stdout.write(`${line}\n`);

if (mode === 'import') {
  const inspected = await core.dispatch('import:inspect', { source: { path: file } });
  if (!inspected.ok) throw new Error(JSON.stringify(inspected.error));
  const i = inspected.value as {
    sheet: string | null;
    headerRow: number;
    columns: { column: number; header: string; field: string | null }[];
  };
  core.onProgress((e) => {
    if (e.kind === 'import:commit' && e.done > 0) say('commit');
  });
  say('inspected');
  const r = await core.dispatch('import:commit', {
    source: { path: file },
    sheet: i.sheet,
    headerRow: i.headerRow,
    columns: i.columns.map((c) => ({ column: c.column, header: c.header, field: c.field })),
    options: { onDuplicate: 'create' },
  });
  say(r.ok ? 'done' : `failed ${JSON.stringify(r.error)}`);
} else {
  for (let n = 1; ; n++) {
    const r = await core.dispatch('vendors:create', { name: `Saved ${n}`, notes: `save ${n}` });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    say(`saved ${n}`);
  }
}
core.close();
