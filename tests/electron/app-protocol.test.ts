import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Protocol } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFileFor, serveAppProtocol } from '../../electron/main/app-protocol';

let root: string;
let renderer: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'dpo-protocol-'));
  renderer = join(root, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>DPO Workbench</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'secret');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the app:// origin', () => {
  it('maps its URLs to files of the built renderer, and nothing outside it', () => {
    expect(appFileFor(renderer, 'app://workbench/index.html')).toBe(join(renderer, 'index.html'));
    expect(appFileFor(renderer, 'app://workbench/')).toBe(join(renderer, 'index.html'));
    expect(appFileFor(renderer, 'app://workbench/assets/app.js?v=1#x')).toBe(
      join(renderer, 'assets', 'app.js'),
    );
    // "%2e%2e" is read as ".." by the URL parser, which stops at the origin's root: still inside the folder.
    expect(appFileFor(renderer, 'app://workbench/%2e%2e/secret.txt')).toBe(join(renderer, 'secret.txt'));
    // An encoded slash is decoded after the parser: "../" would climb out, and is refused.
    expect(appFileFor(renderer, 'app://workbench/..%2fsecret.txt')).toBeNull();
    expect(appFileFor(renderer, 'app://workbench/a%00b')).toBeNull();
    expect(appFileFor(renderer, 'app://other/index.html')).toBeNull();
    expect(appFileFor(renderer, 'file:///etc/passwd')).toBeNull();
    expect(appFileFor(renderer, 'app://workbench/%E0%A4%A')).toBeNull();
  });

  it('serves them with the CSP and their type, and answers 404 for anything else', async () => {
    let handler: ((request: Request) => Promise<Response>) | null = null;
    const protocol = { handle: (_scheme: string, h: typeof handler) => (handler = h) } as unknown as Protocol;
    serveAppProtocol(protocol, renderer, "default-src 'self'");
    const get = (url: string) => handler!(new Request(url));
    const page = await get('app://workbench/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(await page.text()).toContain('DPO Workbench');
    expect((await get('app://workbench/%2e%2e/secret.txt')).status).toBe(404);
    expect((await get('app://workbench/missing.js')).status).toBe(404);
  });
});
