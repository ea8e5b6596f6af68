/**
 * The Content-Security-Policy of the desktop window. The main process sends it as a response header with every
 * load (the app's own app:// origin, and the dev server), and the renderer's index.html carries the same policy
 * in a meta tag as well. Styles allow 'unsafe-inline' because the component library injects style tags.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Directives a browser ignores (and warns about) when the policy comes in a meta tag: only a header carries them. */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

/**
 * The policy as a page's meta tag carries it: the header's, without what only a header may say
 * (frame-ancestors, report-uri, sandbox), so the console stays clean.
 */
export function metaPolicy(policy: string): string {
  return policy
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p && !HEADER_ONLY.has(p.split(/\s+/)[0]!.toLowerCase()))
    .join('; ');
}

/** The desktop policy's meta-tag form (renderer/index.html). */
export const META_CONTENT_SECURITY_POLICY = metaPolicy(CONTENT_SECURITY_POLICY);

/**
 * Parses a policy into its directives, so two spellings of the same policy (order, spacing) compare equal.
 * @returns a map from directive name to its sorted source list
 */
export function parsePolicy(policy: string): Map<string, string> {
  const directives = new Map<string, string>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    directives.set(name.toLowerCase(), sources.sort().join(' '));
  }
  return directives;
}

/** True when both policies hold the same directives with the same sources. */
export function samePolicy(a: string, b: string): boolean {
  const left = parsePolicy(a);
  const right = parsePolicy(b);
  if (left.size !== right.size) return false;
  for (const [name, sources] of left) if (right.get(name) !== sources) return false;
  return true;
}
