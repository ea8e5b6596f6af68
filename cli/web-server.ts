import { unlink } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { webDoor } from '../shared/bridge';
import { AppError, toErrorShape, type ErrorCode, type Envelope } from '../shared/errors';
import type { Core } from '../db/core';
import { MAX_IMPORT_BYTES } from '../db/import/detect';

export interface WebServerOptions {
  core: Core;
  /** 0 picks a free port. */
  port?: number;
  /** The built UI (out/web). */
  staticDir: string;
  /** Fixed token for tests; a random one per launch otherwise. */
  token?: string;
  /** Largest accepted request body. */
  maxBodyBytes?: number;
  /** How long a request, body included, may take to arrive (default 30 s). */
  requestTimeoutMs?: number;
  /** Largest accepted upload (default: the import's 100 MB). */
  maxUploadBytes?: number;
}

export interface WebServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
};

const STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNKNOWN_CHANNEL: 404,
  FORBIDDEN: 403,
  DB_FROM_FUTURE: 409,
  NOT_A_WORKBENCH_DB: 409,
  CANCELLED: 409,
  INTERNAL: 500,
};

function securityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function sendEnvelope(res: ServerResponse, envelope: Envelope<unknown>): void {
  const status = envelope.ok ? 200 : STATUS[envelope.error.code];
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(envelope));
}

function refuse(res: ServerResponse, code: ErrorCode, message: string): void {
  sendEnvelope(res, { ok: false, error: { code, message } });
}

function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > limit) {
        // Answered once the rest has been read past (not kept): a socket reset before the answer would
        // leave the page without the message.
        over = true;
        chunks.length = 0;
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolveBody(over ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * The local web door: serves the built UI and the contract on 127.0.0.1 only. API calls need the per-launch
 * token; requests whose Host or Origin is not this server are refused (against DNS rebinding and other sites).
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const staticRoot = resolve(options.staticDir);
  const maxBody = options.maxBodyBytes ?? 10 * 1024 * 1024;
  const maxUpload = options.maxUploadBytes ?? MAX_IMPORT_BYTES;
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const hasToken = (req: IncomingMessage) => {
    const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    if (!m?.[1]) return false;
    const given = Buffer.from(m[1]);
    return given.length === tokenBytes.length && timingSafeEqual(given, tokenBytes);
  };

  // Connections are checked against the timeouts below every second (Node's default is every 30 s).
  const server = createServer({ connectionsCheckingInterval: 1_000 }, async (req, res) => {
    securityHeaders(res);
    try {
      const host = req.headers.host ?? '';
      if (!allowedHosts().has(host))
        return refuse(res, 'FORBIDDEN', 'This server answers only to its own address.');
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedOrigins().has(origin)) {
        return refuse(res, 'FORBIDDEN', 'Requests from other sites are refused.');
      }
      if (req.headers['sec-fetch-site'] === 'cross-site') {
        return refuse(res, 'FORBIDDEN', 'Requests from other sites are refused.');
      }
      const url = new URL(req.url ?? '/', `http://${host}`);

      if (url.pathname.startsWith('/api/')) {
        if (!hasToken(req))
          return refuse(
            res,
            'FORBIDDEN',
            'This tab is not signed in to the workbench server: it was started again since, or the link lost its token. Paste the link `dpo serve` printed into this tab.',
          );
        if (url.pathname === webDoor.invokePath) return await handleInvoke(req, res);
        if (url.pathname === webDoor.eventsPath && req.method === 'GET') return handleEvents(req, res);
        if (url.pathname === webDoor.uploadPath) return await handleUpload(req, res);
        if (url.pathname === webDoor.downloadPath && req.method === 'GET') {
          return await handleDownload(url.searchParams.get('id') ?? '', res);
        }
        return refuse(res, 'NOT_FOUND', `No API at ${url.pathname}.`);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 'NOT_FOUND', 'Not found.');
      return serveStatic(url.pathname, res);
    } catch {
      if (!res.headersSent) refuse(res, 'INTERNAL', 'The request failed.');
      else res.end();
    }
  });

  async function handleInvoke(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== 'POST') return refuse(res, 'NOT_FOUND', 'Use POST.');
    // Only JSON: a plain HTML form cannot send it, which closes the classic cross-site form post.
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      return refuse(res, 'VALIDATION', 'Send the request as application/json.');
    }
    const raw = await readBody(req, maxBody);
    if (raw === null) {
      res.writeHead(413, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      return res.end(
        JSON.stringify({
          ok: false,
          error: { code: 'VALIDATION', message: `The request is larger than ${maxBody} bytes.` },
        }),
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return refuse(res, 'VALIDATION', 'The request body is not valid JSON.');
    }
    if (
      typeof body !== 'object' ||
      body === null ||
      typeof (body as { channel?: unknown }).channel !== 'string'
    ) {
      return refuse(res, 'VALIDATION', 'The request body must be {"channel": "...", "input": {...}}.');
    }
    const { channel, input } = body as { channel: string; input?: unknown };
    sendEnvelope(res, await options.core.dispatch(channel, input));
  }

  /**
   * Receives a file for import into the core's private upload folder (100 MB at most). Only raw bytes as
   * application/octet-stream: a form on another site cannot send that without a preflight we never answer.
   */
  async function handleUpload(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== 'POST') return refuse(res, 'NOT_FOUND', 'Use POST.');
    if (!/^application\/octet-stream\b/i.test(req.headers['content-type'] ?? '')) {
      return refuse(res, 'VALIDATION', 'Send the file as application/octet-stream.');
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxUpload) {
      req.resume();
      return refuse(
        res,
        'VALIDATION',
        'The file is larger than 100 MB; the import reads files up to 100 MB.',
      );
    }
    let name = 'upload';
    try {
      name = decodeURIComponent(String(req.headers['x-file-name'] ?? 'upload'));
    } catch {
      return refuse(res, 'VALIDATION', 'The file name is not valid.');
    }
    try {
      const file = await options.core.uploads.saveUpload(req, name, maxUpload);
      sendEnvelope(res, { ok: true, value: file });
    } catch (err) {
      if (!(err instanceof AppError)) return refuse(res, 'INTERNAL', 'The upload failed.');
      // Stop reading a body we refused; the browser gets the answer either way.
      req.resume();
      sendEnvelope(res, { ok: false, error: toErrorShape(err) });
    }
  }

  /** Serves an export once, as an attachment under its own name, then deletes it. */
  async function handleDownload(id: string, res: ServerResponse) {
    let file: { path: string; fileName: string };
    try {
      file = options.core.uploads.take(id);
    } catch (err) {
      return sendEnvelope(res, { ok: false, error: toErrorShape(err) });
    }
    const type = file.fileName.endsWith('.pdf')
      ? 'application/pdf'
      : file.fileName.endsWith('.csv')
        ? 'text/csv; charset=utf-8'
        : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': statSync(file.path).size,
      'Content-Disposition': `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"`,
      'Cache-Control': 'no-store',
    });
    await pipeline(createReadStream(file.path), res).catch(() => undefined);
    await unlink(file.path).catch(() => undefined);
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse) {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    const off = options.core.onProgress((event) => {
      res.write(`event: job:progress\ndata: ${JSON.stringify(event)}\n\n`);
    });
    const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(ping);
      off();
    });
  }

  function serveStatic(pathname: string, res: ServerResponse) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return refuse(res, 'NOT_FOUND', 'Not found.');
    }
    const wanted = decoded === '/' ? '/index.html' : decoded;
    const file = resolve(join(staticRoot, wanted));
    if (!file.startsWith(staticRoot + sep)) return refuse(res, 'NOT_FOUND', 'Not found.');
    const target = existsSync(file) && statSync(file).isFile() ? file : null;
    if (!target) {
      if (!existsSync(join(staticRoot, 'index.html'))) {
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        return res.end('The UI is not built. Run `npm run build:web` (or `npm run web`).');
      }
      return refuse(res, 'NOT_FOUND', 'Not found.');
    }
    res.writeHead(200, {
      'Content-Type': TYPES[extname(target)] ?? 'application/octet-stream',
      'Cache-Control': target.endsWith('index.html') ? 'no-store' : 'max-age=3600',
    });
    createReadStream(target).pipe(res);
  }

  // A request, body included, must arrive within 30 s (a 100 MB upload on the loopback takes about one), so a
  // slow or stalled client cannot hold a connection open; idle keep-alive connections close after 5 s.
  server.requestTimeout = options.requestTimeoutMs ?? 30_000;
  server.headersTimeout = Math.min(server.requestTimeout, 30_000);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/#${webDoor.tokenFragmentKey}=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        // Uploads live only as long as the server that received them.
        options.core.uploads.close();
        server.close(() => ok());
      }),
  };
}
