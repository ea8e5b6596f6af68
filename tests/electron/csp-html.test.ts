import { readFileSync } from 'node:fs';
import type { IndexHtmlTransformContext, IndexHtmlTransformResult, ViteDevServer } from 'vite';
import { describe, expect, it, vi } from 'vitest';
import { cspHtmlPlugin, findMetaCsp } from '../../electron/build/csp-html';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY, samePolicy } from '../../electron/main/csp';

type Handler = (this: { warn: (m: string) => void }, html: string, ctx: IndexHtmlTransformContext) => unknown;

function run(html: string, dev: boolean, plugin = cspHtmlPlugin()) {
  const hook = plugin.transformIndexHtml as { order: string; handler: Handler };
  const warn = vi.fn();
  const ctx = {
    path: '/index.html',
    filename: '/app/renderer/index.html',
    ...(dev ? { server: {} as ViteDevServer } : {}),
  } as IndexHtmlTransformContext;
  const result = hook.handler.call({ warn }, html, ctx) as IndexHtmlTransformResult;
  return { result, warn, plugin, order: hook.order };
}

const page = (head: string, body = '<script type="module" src="./src/main.tsx"></script>') =>
  `<!doctype html><html><head>${head}</head><body><div id="root"></div>${body}</body></html>`;
const meta = (policy: string) => `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;

describe('the desktop CSP', () => {
  it('forbids inline and remote script, plugins, framing and form posts', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).toMatch(/object-src 'none'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/frame-ancestors 'none'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/form-action 'none'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/connect-src 'self'/);
  });

  it('is the policy renderer/index.html carries, less what only a header may say', () => {
    const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    const policy = findMetaCsp(html);
    expect(policy).not.toBeNull();
    expect(samePolicy(policy!, META_CONTENT_SECURITY_POLICY)).toBe(true);
    // A browser ignores frame-ancestors in a meta tag and says so in the console on every load.
    expect(policy).not.toMatch(/frame-ancestors/);
    expect(META_CONTENT_SECURITY_POLICY).toBe(
      CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", ''),
    );
  });
});

describe('cspHtmlPlugin', () => {
  it('runs after other plugins have added their tags', () => {
    expect(run(page(''), false).order).toBe('post');
  });

  it('injects the meta tag first in <head> when the page has none', () => {
    const { result } = run(page('<title>x</title>'), false);
    expect(result).toMatchObject({
      tags: [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CONTENT_SECURITY_POLICY },
          injectTo: 'head-prepend',
        },
      ],
    });
  });

  it('accepts the same policy written in another order', () => {
    const reordered = META_CONTENT_SECURITY_POLICY.split('; ').reverse().join(';  ');
    const html = page(meta(reordered));
    expect(run(html, false).result).toBe(html);
  });

  it('fails the build when the page carries a different policy', () => {
    expect(() => run(page(meta("default-src 'self'; script-src 'self' 'unsafe-inline'")), false)).toThrow(
      /differs from the desktop policy/,
    );
  });

  it('only warns about a different policy in development', () => {
    const { warn } = run(page(meta('default-src *')), true);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('differs'));
  });

  it('fails the build when an inline script would be blocked', () => {
    expect(() =>
      run(page(meta(META_CONTENT_SECURITY_POLICY), '<script>window.x = 1</script>'), false),
    ).toThrow(/inline script/);
  });

  it('serves inline module scripts as same-origin modules in development', async () => {
    const preamble = 'import { injectIntoGlobalHook } from "/@react-refresh";\ninjectIntoGlobalHook(window);';
    const html = page(`${meta(CONTENT_SECURITY_POLICY)}<script type="module">${preamble}</script>`);
    const { result, plugin } = run(html, true);
    const out = result as string;
    expect(out).not.toContain('injectIntoGlobalHook');
    const src = /<script type="module" src="(\/@dpo-inline-script\/[0-9a-f]+\.js)"><\/script>/.exec(out)?.[1];
    expect(src).toBeDefined();
    const resolveId = plugin.resolveId as (id: string) => string | undefined;
    const load = plugin.load as (id: string) => string | undefined;
    expect(resolveId(src!)).toBe(src);
    expect(load(src!)).toBe(preamble);
    expect(resolveId('/@dpo-inline-script/unknown.js')).toBeUndefined();
    expect(run(html, true, plugin).result as string).toBe(out);
  });
});
