import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: ROOT });

/** Lints `code` as if it were the file at `path`, and returns the layer-rule messages. */
async function layerErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, path) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules', () => {
  it('keep shared/ free of node, electron, react and other layers', async () => {
    for (const spec of [
      'node:fs',
      'fs',
      'electron',
      'react',
      'better-sqlite3',
      '../db/core',
      '../renderer/src/main',
    ]) {
      const errors = await layerErrors('shared/example.ts', `import x from '${spec}';\nexport default x;\n`);
      expect(errors, spec).toHaveLength(1);
      expect(errors[0]).toMatch(/shared\/ is pure/);
    }
    expect(await layerErrors('shared/example.ts', "import { z } from 'zod';\nexport default z;\n")).toEqual(
      [],
    );
  });

  it('keep renderer/ away from db/, cli/ and electron/', async () => {
    for (const spec of [
      '../../db/core',
      '../../cli/main',
      '../../electron/main/index',
      'electron',
      'node:path',
    ]) {
      expect(
        await layerErrors('renderer/src/example.ts', `import x from '${spec}';\nexport default x;\n`),
        spec,
      ).toHaveLength(1);
    }
    expect(
      await layerErrors(
        'renderer/src/example.ts',
        "import { contract } from '../../shared/contract';\nexport default contract;\n",
      ),
    ).toEqual([]);
  });

  it('keep db/ away from electron/ and renderer/', async () => {
    for (const spec of ['electron', '../electron/main/index', '../renderer/src/main']) {
      expect(
        await layerErrors('db/example.ts', `import x from '${spec}';\nexport default x;\n`),
        spec,
      ).toHaveLength(1);
    }
    expect(
      await layerErrors(
        'db/example.ts',
        "import { readFileSync } from 'node:fs';\nexport default readFileSync;\n",
      ),
    ).toEqual([]);
  });
});
