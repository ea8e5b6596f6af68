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
