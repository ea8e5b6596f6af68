// Keeps better-sqlite3's native binary built for the runtime about to use it: `node` (tests, CLI, web door)
// or `electron` (the desktop app). Each build is cached beside the module, so switching back is a file copy.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { execFileSync, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const target = process.argv[2];
if (target !== 'node' && target !== 'electron') {
  console.error('usage: node scripts/native.mjs node|electron');
  process.exit(2);
}

const moduleDir = dirname(require.resolve('better-sqlite3/package.json'));
const binary = join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
const cacheRoot = join(moduleDir, '..', '.dpo-native');
const stateFile = join(cacheRoot, 'current.json');

function runtimeKey() {
  if (target === 'node') return `node-${process.versions.modules}-${process.platform}-${process.arch}`;
  const electronVersion = require('electron/package.json').version;
  return `electron-${electronVersion}-${process.platform}-${process.arch}`;
}

function nodeCanLoad() {
  const probe = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], {
    cwd: join(moduleDir, '..', '..'),
    stdio: 'ignore',
  });
  return probe.status === 0;
}

const key = runtimeKey();
const cached = join(cacheRoot, key, 'better_sqlite3.node');
const current = existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')).key : null;

function remember() {
  mkdirSync(dirname(cached), { recursive: true });
  copyFileSync(binary, cached);
  writeFileSync(stateFile, JSON.stringify({ key }));
}

if (target === 'node' && existsSync(binary) && nodeCanLoad()) {
  if (current !== key) remember();
  process.exit(0);
}
if (target === 'electron' && current === key && existsSync(binary)) process.exit(0);

// Before the first switch away from Node, keep the Node build so switching back is a copy, not a compile.
if (target === 'electron' && existsSync(binary) && nodeCanLoad()) {
  const nodeKey = `node-${process.versions.modules}-${process.platform}-${process.arch}`;
  mkdirSync(join(cacheRoot, nodeKey), { recursive: true });
  copyFileSync(binary, join(cacheRoot, nodeKey, 'better_sqlite3.node'));
}

if (existsSync(cached)) {
  copyFileSync(cached, binary);
  writeFileSync(stateFile, JSON.stringify({ key }));
  console.error(`better-sqlite3: switched to the cached build for ${key}`);
  process.exit(0);
}

console.error(
  `better-sqlite3: building the native module for ${key} (this needs a compiler, and for Electron internet)`,
);
if (target === 'node') {
  execFileSync('npm', ['rebuild', 'better-sqlite3'], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
} else {
  execFileSync('npx', ['electron-rebuild', '--force', '--only', 'better-sqlite3'], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
}
remember();
