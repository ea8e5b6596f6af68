import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createAuditLog } from '../../db/audit';
import { openDatabase } from '../../db/open';
import { createRegisters } from '../../db/registers';
import { defineRegister, derived, type BaseRecord, type Register } from '../../shared/kit/define';
import { exportColumns } from '../../shared/kit/export';
import { choices, refs, rows, struct, text } from '../../shared/kit/fields';
import { readableValue } from '../../shared/kit/readable';
import { tempDir } from '../helpers/core';

/**
 * The kit's structured kinds, proven on two registers declared here: apps, and teams that use several apps
 * (refs with a link table), work on several topics (choices), keep duties as rows with a computed value per
 * entry, and a settings object (struct). A derived fact reads the linked apps whole.
 */
const appFields = {
  name: text({ label: 'App', required: true, sort: true, fts: 'column', form: { section: 'main' } }),
  risky: choices({
    label: 'Risks',
    options: [
      { value: 'external', label: 'Hosted outside' },
      { value: 'legacy', label: 'Legacy' },
    ],
    form: { section: 'main' },
  }),
};
const apps = defineRegister({
  name: 'apps',
  entity: 'app',
  table: 'apps',
  ftsTable: 'app_fts',
  title: 'Apps',
  noun: { one: 'app', other: 'apps' },
  description: 'Apps.',
  fields: appFields,
  sections: [{ id: 'main', legend: 'App', cols: 1 }],
  derived: {},
  relations: { teams: { register: 'teams', via: 'apps', label: 'Teams using it' } },
  identity: { fields: ['name'], column: 'name_key', key: (a) => a.name.toLowerCase(), same: 'same name' },
  titleOf: (a) => a.name,
  detailOf: () => '',
  defaultSort: { key: 'name', direction: 'asc' },
}) as unknown as Register;

const teamFields = {
  name: text({ label: 'Team', required: true, sort: true, fts: 'column', form: { section: 'main' } }),
  topics: choices({
    label: 'Topics',
    options: [
      { value: 'hr', label: 'Human resources' },
      { value: 'sales', label: 'Sales' },
      { value: 'it', label: 'IT' },
    ],
    filter: { kind: 'choice' },
    fts: 'other',
    form: { section: 'main' },
  }),
  apps: refs({
    label: 'Apps',
    register: 'apps',
    nameKey: 'appNames',
    link: { table: 'team_apps', idColumn: 'team_id', refColumn: 'app_id' },
    fts: 'other',
    form: { section: 'main' },
  }),
  duties: rows({
    label: 'Duties',
    form: { section: 'main' },
    rows: {
      noun: { one: 'duty', other: 'duties' },
      titleOf: (d) => String(d.title),
      fields: {
        title: { kind: 'text', label: 'Duty', required: true },
        weight: { kind: 'int', label: 'Weight', min: 1, max: 4, required: true },
      },
      derive: (d) => ({ heavy: (d.weight as number) >= 3 }),
      derivedSchema: { heavy: z.boolean() },
    },
  }),
  charter: struct({
    label: 'Charter',
    schema: z.object({ remote: z.boolean(), size: z.number().int() }),
    empty: { remote: false, size: 0 },
    form: { section: 'main' },
  }),
};
const teams = defineRegister({
  name: 'teams',
  entity: 'team',
  table: 'teams',
  ftsTable: 'team_fts',
  title: 'Teams',
  noun: { one: 'team', other: 'teams' },
  description: 'Teams.',
  fields: teamFields,
  sections: [{ id: 'main', legend: 'Team', cols: 1 }],
  derived: {
    exposed: derived({
      label: 'Uses an app hosted outside',
      schema: z.boolean(),
      needs: { linked: ['apps'] },
      compute: (_t: BaseRecord<typeof teamFields>, env) =>
        (env.linked.apps ?? []).some((a) => (a.risky as string[]).includes('external')),
    }),
  },
  identity: { fields: ['name'], column: 'name_key', key: (t) => t.name.toLowerCase(), same: 'same name' },
  titleOf: (t) => t.name,
  detailOf: () => '',
  defaultSort: { key: 'name', direction: 'asc' },
}) as unknown as Register;

const TABLES = ['apps', 'teams']
  .map(
    (t) => `
  CREATE TABLE ${t} (id INTEGER PRIMARY KEY, name TEXT NOT NULL, name_key TEXT NOT NULL,
    ${t === 'apps' ? "risky TEXT NOT NULL DEFAULT '[]'," : "topics TEXT NOT NULL DEFAULT '[]', apps TEXT NOT NULL DEFAULT '[]', duties TEXT NOT NULL DEFAULT '[]', charter TEXT NOT NULL,"}
    import_id TEXT, search_extra TEXT NOT NULL DEFAULT '', archived_at TEXT, created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL) STRICT;
  CREATE INDEX ${t}_active ON ${t}(id) WHERE archived_at IS NULL;
  CREATE INDEX ${t}_archived ON ${t}(id) WHERE archived_at IS NOT NULL;
  CREATE INDEX ${t}_name ON ${t}(name, id) WHERE archived_at IS NULL;
  CREATE INDEX ${t}_created_at ON ${t}(created_at, id) WHERE archived_at IS NULL;
  CREATE INDEX ${t}_updated_at ON ${t}(updated_at, id) WHERE archived_at IS NULL;
  CREATE VIRTUAL TABLE ${t.slice(0, -1)}_fts USING fts5(name, other, content = '', contentless_delete = 1);`,
  )
  .join('\n').concat(`
  CREATE TABLE team_apps (team_id INTEGER NOT NULL REFERENCES teams(id), app_id INTEGER NOT NULL REFERENCES apps(id),
    PRIMARY KEY (team_id, app_id)) STRICT, WITHOUT ROWID;
  CREATE INDEX team_apps_app ON team_apps(app_id, team_id);`);

let cleanup = () => {};
afterEach(() => cleanup());

function setup() {
  const t = tempDir();
  const { db } = openDatabase(join(t.dir, 'kit.sqlite'));
  cleanup = () => {
    db.close();
    t.cleanup();
  };
  db.exec(TABLES);
  const audit = createAuditLog(db);
  const repos = createRegisters(db, audit, { registers: [apps, teams] });
  let clock = Date.parse('2026-03-02T10:00:00Z');
  const ctx = { actor: 'tester', now: () => new Date((clock += 1000)) };
  const make = (reg: Register, input: Record<string, unknown>) =>
    repos.repoOf(reg.name).create(reg.schemas.input.parse(input), ctx);
  return { db, audit, repos, ctx, make };
}

describe('structured kinds on the kit', () => {
  it('choices take values or labels, filter in SQL, and read as labels', () => {
    const s = setup();
    s.make(apps, { name: 'Mail' });
    const hr = s.make(teams, { name: 'People', topics: ['Human resources', 'it', 'hr'] });
    s.make(teams, { name: 'Deals', topics: ['sales'] });
    expect(hr.topics).toEqual(['hr', 'it']);
    const bad = teams.schemas.input.safeParse({ name: 'X', topics: ['finance'] });
    expect(bad.success || bad.error.issues[0]!.path.join('.')).toBe('topics.0');
    const list = s.repos
      .repoOf('teams')
      .list(teams.schemas.query.parse({ filters: { topics: ['it'] } }) as never, s.ctx);
    expect(list.rows.map((r) => r.name)).toEqual(['People']);
    expect(readableValue(teams, 'topics', hr.topics)).toBe('Human resources, IT');
    // The labels are searchable.
    const found = s.repos
      .repoOf('teams')
      .list(teams.schemas.query.parse({ search: 'human' }) as never, s.ctx);
    expect(found.rows.map((r) => r.name)).toEqual(['People']);
  });

  it('refs resolve names, keep a link table, name the linked records, and show on the other side', () => {
    const s = setup();
    const mail = s.make(apps, { name: 'Mail', risky: ['external'] });
    const wiki = s.make(apps, { name: 'Wiki' });
    const team = s.make(teams, { name: 'People', apps: ['Mail', wiki.id, 'mail'] });
    expect(team.apps).toEqual([mail.id, wiki.id]);
    expect(team.appNames).toEqual(['Mail', 'Wiki']);
    expect(team.exposed).toBe(true);
    expect(s.db.prepare('SELECT team_id, app_id FROM team_apps ORDER BY app_id').all()).toEqual([
      { team_id: team.id, app_id: mail.id },
      { team_id: team.id, app_id: wiki.id },
    ]);
    const detail = s.repos.repoOf('apps').detail(wiki.id, s.ctx, () => []) as unknown as {
      related: { teams: { id: number }[] };
    };
    expect(detail.related.teams.map((t) => t.id)).toEqual([team.id]);
    // An unknown name is refused, naming the entry.
    const bad = (() => {
      try {
        s.make(teams, { name: 'Ghosts', apps: ['Nope'] });
        return null;
      } catch (e) {
        return e as { details: { path: string }[] };
      }
    })();
    expect(bad?.details[0]?.path).toBe('apps.0');
    // Renaming an app re-indexes the teams that name it.
    s.repos.repoOf('apps').update(wiki.id, { name: 'Knowledge base', risky: [] }, s.ctx);
    const hit = s.repos
      .repoOf('teams')
      .list(teams.schemas.query.parse({ search: 'knowledge' }) as never, s.ctx);
    expect(hit.rows.map((r) => r.name)).toEqual(['People']);
    // Removing a link updates the link table.
    s.repos
      .repoOf('teams')
      .update(team.id, teams.schemas.input.parse({ name: 'People', apps: [wiki.id] }), s.ctx);
    expect(s.db.prepare('SELECT count(*) AS n FROM team_apps').get()).toEqual({ n: 1 });
    expect(s.repos.repoOf('teams').get(team.id, s.ctx).exposed).toBe(false);
  });

  it('rows validate each entry, carry their computed values out, and audit as one change', () => {
    const s = setup();
    const bad = teams.schemas.input.safeParse({ name: 'X', duties: [{ title: 'Hire', weight: 9 }] });
    expect(bad.success || bad.error.issues[0]!.path.join('.')).toBe('duties.0.weight');
    const team = s.make(teams, { name: 'People', duties: [{ title: 'Hire', weight: 3 }] });
    expect(team.duties).toEqual([{ title: 'Hire', weight: 3, heavy: true }]);
    // The record as read goes back in as input (the computed value is dropped).
    const again = teams.schemas.input.parse({
      ...team,
      duties: [...(team.duties as object[]), { title: 'Pay', weight: 1 }],
    });
    s.repos.repoOf('teams').update(team.id, again, s.ctx);
    const stored = s.db.prepare('SELECT duties FROM teams').get() as { duties: string };
    expect(JSON.parse(stored.duties)).toEqual([
      { title: 'Hire', weight: 3 },
      { title: 'Pay', weight: 1 },
    ]);
    const history = s.audit.history('team', team.id);
    expect(history.map((h) => h.field)).toContain('duties');
  });

  it('struct keeps its empty value until set', () => {
    const s = setup();
    const team = s.make(teams, { name: 'People' });
    expect(team.charter).toEqual({ remote: false, size: 0 });
    const set = s.repos
      .repoOf('teams')
      .update(
        team.id,
        teams.schemas.input.parse({ name: 'People', charter: { remote: true, size: 4 } }),
        s.ctx,
      );
    expect(set.charter).toEqual({ remote: true, size: 4 });
  });

  it('exports choices as labels, refs as names, rows as their titles', () => {
    const s = setup();
    s.make(apps, { name: 'Mail' });
    const team = s.make(teams, {
      name: 'People',
      topics: ['hr'],
      apps: ['Mail'],
      duties: [{ title: 'Hire', weight: 2 }],
    });
    const cols = Object.fromEntries(exportColumns(teams).map((c) => [c.key, c.value(team)]));
    expect(cols).toMatchObject({ topics: 'Human resources', apps: 'Mail', duties: 'Hire' });
  });
});
