import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY, metaPolicy, samePolicy } from '../main/csp';

const META_RE = /<meta\b[^>]*http-equiv\s*=\s*["']content-security-policy["'][^>]*>/i;
const CONTENT_RE = /\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')/i;
const INLINE_MODULE_RE = /<script\s+type=["']module["']\s*>([\s\S]*?)<\/script>/gi;
const INLINE_SCRIPT_RE = /<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi;
const DEV_SCRIPT_PREFIX = '/@dpo-inline-script/';

/**
 * Reads the policy of a page's meta Content-Security-Policy tag.
 * @returns the policy text, or null when the page has none
 */
export function findMetaCsp(html: string): string | null {
  const tag = META_RE.exec(html)?.[0];
  if (!tag) return null;
  const match = CONTENT_RE.exec(tag);
  return match ? (match[1] ?? match[2] ?? '') : '';
}

/**
 * Keeps the built page's CSP equal to the one the main process sends, because file:// loads get no headers:
 * the meta tag is injected when the page has none, and a page with a different policy fails the build. The
 * built page must hold no inline script, which `script-src 'self'` would block.
 *
 * In development, inline module scripts that plugins add (React Fast Refresh's preamble) are served as
 * same-origin modules instead, so the dev window runs under the same policy as the installed app.
 * @returns the Vite plugin for the desktop renderer
 */
export function cspHtmlPlugin(policy: string = CONTENT_SECURITY_POLICY): Plugin {
  const devScripts = new Map<string, string>();
  return {
    name: 'dpo:csp-html',
    resolveId(id) {
      return id.startsWith(DEV_SCRIPT_PREFIX) && devScripts.has(id) ? id : undefined;
    },
    load(id) {
      return devScripts.get(id);
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const existing = findMetaCsp(html);
        // The meta tag carries the header's policy less what only a header may say (frame-ancestors).
        const expected = metaPolicy(policy);
        if (existing !== null && !samePolicy(existing, expected)) {
          const message =
            `${ctx.filename}: its Content-Security-Policy meta tag differs from the desktop policy in ` +
            `electron/main/csp.ts.\n  page:    ${existing}\n  desktop: ${expected}`;
          if (!ctx.server) throw new Error(message);
          this.warn(message);
        }
        let out = html;
        if (ctx.server) {
          out = out.replace(INLINE_MODULE_RE, (_tag, body: string) => {
            // Named by content so reloading the page reuses the same module instead of adding one per load.
            const id = `${DEV_SCRIPT_PREFIX}${createHash('sha256').update(body).digest('hex').slice(0, 16)}.js`;
            devScripts.set(id, body);
            return `<script type="module" src="${id}"></script>`;
          });
        } else {
          const inline = [...out.matchAll(INLINE_SCRIPT_RE)].filter((m) => (m[1] ?? '').trim() !== '');
          if (inline.length > 0) {
            throw new Error(
              `${ctx.filename}: ${inline.length} inline script(s) would be blocked by script-src 'self'.`,
            );
          }
        }
        if (existing !== null) return out;
        return {
          html: out,
          tags: [
            {
              tag: 'meta',
              attrs: { 'http-equiv': 'Content-Security-Policy', content: expected },
              injectTo: 'head-prepend',
            },
          ],
        };
      },
    },
  };
}
