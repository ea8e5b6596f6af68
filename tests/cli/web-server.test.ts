import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../cli/web-server';
import { testCore } from '../helpers/core';

let t: ReturnType<typeof testCore>;
let server: WebServer;

beforeEach(async () => {
  t = testCore();
  const web = join(t.dir, 'web');
  mkdirSync(join(web, 'assets'), { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>DPO Workbench</title>');
  writeFileSync(join(web, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(t.dir, 'secret.txt'), 'secret');
  server = await startWebServer({ core: t.core, staticDir: web });
});
afterEach(async () => {
  await server.close();
  t.close();
});

/** A raw request, so Host and Origin can be set to anything (fetch forbids that). */
function send(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: opts.method ?? 'GET',
          path: opts.path,
          headers: { host: `127.0.0.1:${server.port}`, ...opts.headers },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        },
      );
      req.on('error', reject);
      req.end(opts.body);
    },
  );
}

const invoke = (body: string, headers: Record<string, string> = {}) =>
  send({
    method: 'POST',
    path: '/api/invoke',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json', ...headers },
    body,
  });

describe('web door', () => {
  it('listens on 127.0.0.1 and prints a URL with a random per-launch token', async () => {
    expect(server.url).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/#token=[A-Za-z0-9_-]{43}$`),
    );
    const other = await startWebServer({ core: t.core, staticDir: t.dir });
    expect(other.token).not.toBe(server.token);
    await other.close();
  });

  it('dispatches a valid call', async () => {
    const r = await invoke(
      JSON.stringify({ channel: 'vendors:create', input: { name: 'Acme', processingCountries: ['USA'] } }),
    );
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({
      ok: true,
      value: { name: 'Acme', processingCountries: ['US'] },
    });
  });

  it('refuses API calls without the token or with a wrong one', async () => {
    const missing = await invoke('{"channel":"vendors:list"}', { authorization: '' });
    expect(missing.status).toBe(403);
    expect(JSON.parse(missing.body).error.code).toBe('FORBIDDEN');
    const wrong = await invoke('{"channel":"vendors:list"}', {
      authorization: `Bearer ${server.token.slice(0, -1)}x`,
    });
    expect(wrong.status).toBe(403);
    // A tab left open from an earlier launch is told what to do, in words.
    expect(JSON.parse(wrong.body).error.message).toMatch(
      /Paste the link `dpo serve` printed into this tab\.$/,
    );
    const events = await send({ path: '/api/events' });
    expect(events.status).toBe(403);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin', async () => {
    const host = await invoke('{"channel":"vendors:list"}', { host: 'evil.example:80' });
    expect(host.status).toBe(403);
    const page = await send({ path: '/', headers: { host: `attacker.test:${server.port}` } });
    expect(page.status).toBe(403);
    const origin = await invoke('{"channel":"vendors:list"}', { origin: 'https://evil.example' });
    expect(origin.status).toBe(403);
    const crossSite = await invoke('{"channel":"vendors:list"}', { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    const own = await invoke('{"channel":"vendors:list"}', { origin: `http://127.0.0.1:${server.port}` });
    expect(own.status).toBe(200);
  });

  it('answers bad input with a clear envelope', async () => {
    const badJson = await invoke('{"channel": ');
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.body)).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'The request body is not valid JSON.' },
    });
    const unknown = await invoke('{"channel":"vendors:destroy","input":{}}');
    expect(JSON.parse(unknown.body).error.code).toBe('UNKNOWN_CHANNEL');
    const noChannel = await invoke('[1,2]');
    expect(JSON.parse(noChannel.body).error.code).toBe('VALIDATION');
    const invalid = await invoke('{"channel":"vendors:create","input":{"name":""}}');
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.body).error.details).toEqual([
      { path: 'name', message: 'A vendor needs a name.' },
    ]);
    const form = await invoke('channel=vendors:list', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(400);
  });

  it('serves the built UI with security headers and never files outside it', async () => {
    const index = await send({ path: '/' });
    expect(index.status).toBe(200);
    expect(index.body).toContain('DPO Workbench');
    expect(index.headers['content-security-policy']).toContain("default-src 'self'");
    expect(index.headers['x-frame-options']).toBe('DENY');
    expect((await send({ path: '/assets/app.js' })).headers['content-type']).toMatch(/javascript/);
    expect((await send({ path: '/../secret.txt' })).body).not.toContain('secret');
    expect((await send({ path: '/%2e%2e/secret.txt' })).body).not.toContain('secret');
    expect((await send({ path: '/nope.js' })).status).toBe(404);
  });

  it('answers a body over the limit with 413 and its message, not a reset connection', async () => {
    const small = await startWebServer({ core: t.core, staticDir: join(t.dir, 'web'), maxBodyBytes: 1_000 });
    try {
      const r = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: small.port,
            method: 'POST',
            path: '/api/invoke',
            headers: {
              host: `127.0.0.1:${small.port}`,
              authorization: `Bearer ${small.token}`,
              'content-type': 'application/json',
            },
          },
          (res) => {
            let body = '';
            res.on('data', (c: Buffer) => (body += c.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify({ channel: 'vendors:create', input: { name: 'x'.repeat(50_000) } }));
      });
      expect(r.status).toBe(413);
      expect(JSON.parse(r.body).error.message).toBe('The request is larger than 1000 bytes.');
    } finally {
      await small.close();
    }
  });

  it('drops a request whose body does not arrive in time', async () => {
    const slow = await startWebServer({ core: t.core, staticDir: join(t.dir, 'web'), requestTimeoutMs: 500 });
    try {
      const started = Date.now();
      const outcome = await new Promise<string>((resolve) => {
        const req = request({
          host: '127.0.0.1',
          port: slow.port,
          method: 'POST',
          path: '/api/invoke',
          headers: {
            host: `127.0.0.1:${slow.port}`,
            authorization: `Bearer ${slow.token}`,
            'content-type': 'application/json',
            'content-length': '100',
          },
        });
        req.on('response', (res) => resolve(`status ${res.statusCode}`));
        req.on('error', () => resolve('closed'));
        req.write('{"channel":');
      });
      expect(['status 408', 'closed']).toContain(outcome);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await slow.close();
    }
  });

  it('never takes where a record came from from a door', async () => {
    const created = JSON.parse(
      (
        await invoke(
          '{"channel":"vendors:create","input":{"name":"Acme","sourceKind":"import","sourceDetail":"forged.xlsx row 3"}}',
        )
      ).body,
    );
    expect(created.value).toMatchObject({ sourceKind: 'manual', sourceDetail: null });
  });

  it('serves an export for download once, however many ask at the same moment', async () => {
    const r = JSON.parse(
      (
        await invoke(
          '{"channel":"export:run","input":{"format":"csv","registers":["vendors"],"target":{"download":true}}}',
        )
      ).body,
    );
    const id = r.value.downloadId as string;
    const get = () =>
      send({ path: `/api/download?id=${id}`, headers: { authorization: `Bearer ${server.token}` } });
    const [a, b] = await Promise.all([get(), get()]);
    expect([a.status, b.status].sort()).toEqual([200, 404]);
    const served = a.status === 200 ? a : b;
    expect(served.headers['content-disposition']).toMatch(
      /^attachment; filename="vendors-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(served.body.startsWith('\uFEFFID,Name')).toBe(true);
    expect((await get()).status).toBe(404);
  });
});
