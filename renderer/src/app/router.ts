import { useEffect, useSyncExternalStore, type MouseEvent } from 'react';
import { registers } from '../../../shared/registers/index';
import { captureLaunchToken, currentDoor, isTokenFragment } from '../api/client';

/**
 * The pages the shell can show, read from the address fragment: a register (`#/vendors`, page `vendors`), a
 * new record (`#/transfers/new?importer=3`, page `transfer-new` with what the address fills in), a record
 * (`#/vendors/12`, page `vendor`), a vendor's new sub-processor list under review (`#/vendors/12/review-list`), the
 * import page, settings.
 */
export type Route =
  | { page: 'settings' }
  | { page: 'overview' }
  | { page: 'calendar' }
  | { page: 'subprocessor-review'; id: number }
  | { page: 'import'; register?: string }
  | { page: 'not-found'; path: string }
  | { page: string; id?: number; prefill?: Record<string, string>; query?: Record<string, string> };

export const HOME_PATH = '/overview';

/** Reads a fragment path such as `/vendors/12` into a route. */
export function parseRoute(path: string): Route {
  // A launch token is not a page; it is taken out of the address before anything is shown.
  if (isTokenFragment(path)) return { page: 'overview' };
  const [pathPart, queryPart] = path.split('?') as [string, string | undefined];
  const parts = pathPart.split('/').filter(Boolean);
  const query = queryPart ? Object.fromEntries(new URLSearchParams(queryPart)) : null;
  if (parts.length === 0) return { page: 'overview' };
  const reg = registers.find((r) => r.name === parts[0]);
  if (reg) {
    // A register's address may carry its filters (an Overview figure's link).
    if (parts.length === 1) return query ? { page: reg.name, query } : { page: reg.name };
    if (parts.length === 2 && parts[1] === 'new') {
      return query ? { page: `${reg.entity}-new`, prefill: query } : { page: `${reg.entity}-new` };
    }
    if (parts.length === 2 && /^[1-9]\d*$/.test(parts[1]!)) return { page: reg.entity, id: Number(parts[1]) };
    // A vendor's new sub-processor list, reviewed against its chain.
    if (
      reg.name === 'vendors' &&
      parts.length === 3 &&
      /^[1-9]\d*$/.test(parts[1]!) &&
      parts[2] === 'review-list'
    )
      return { page: 'subprocessor-review', id: Number(parts[1]) };
  }
  if (parts[0] === 'settings' && parts.length === 1) return { page: 'settings' };
  if (parts[0] === 'overview' && parts.length === 1) return { page: 'overview' };
  if (parts[0] === 'calendar' && parts.length === 1) return { page: 'calendar' };
  if (parts[0] === 'import' && parts.length === 1) {
    return query?.register ? { page: 'import', register: query.register } : { page: 'import' };
  }
  return { page: 'not-found', path };
}

/** Which register page a route shows: the register, a new record, or one record. */
export function registerRoute(
  route: Route,
):
  | { name: string; view: 'list'; query: Record<string, string> | null }
  | { name: string; view: 'new'; prefill: Record<string, string> }
  | { name: string; view: 'record'; id: number }
  | null {
  for (const reg of registers) {
    if (route.page === reg.name)
      return { name: reg.name, view: 'list', query: ('query' in route && route.query) || null };
    if (route.page === `${reg.entity}-new`) {
      return { name: reg.name, view: 'new', prefill: ('prefill' in route && route.prefill) || {} };
    }
    if (route.page === reg.entity && 'id' in route && route.id)
      return { name: reg.name, view: 'record', id: route.id };
  }
  return null;
}

function readPath(): string {
  const path = window.location.hash.replace(/^#/, '');
  return path.startsWith('/') ? path : `/${path}`;
}

type LeaveGuard = () => Promise<boolean>;
let leaveGuard: LeaveGuard | null = null;
let current = typeof window === 'undefined' ? HOME_PATH : readPath();
const subscribers = new Set<() => void>();

function commit(path: string, replace: boolean): void {
  if (replace) history.replaceState(null, '', `#${path}`);
  else history.pushState(null, '', `#${path}`);
  current = path;
  for (const notify of subscribers) notify();
}

/**
 * An ordinary link to a page of the app: `href` for the keyboard, middle-click and "open in new tab", and a click
 * that routes in the app (asking first when a form has unsaved changes) unless a modifier asks for the browser's.
 */
export function linkTo(path: string): { href: string; onClick: (e: MouseEvent) => void } {
  return {
    href: `#${path}`,
    onClick: (e) => {
      if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      void navigate(path);
    },
  };
}

/** Moves to another page, asking first when a form with unsaved changes is open. */
export async function navigate(path: string, options: { replace?: boolean } = {}): Promise<boolean> {
  if (path === current) return true;
  if (leaveGuard && !(await leaveGuard())) return false;
  leaveGuard = null;
  commit(path, options.replace ?? false);
  return true;
}

function onHashChange(): void {
  // A new launch link pasted into this tab (after `dpo serve` started again): keep its token, take it out of the
  // address bar at once, and load the app again with it. The fragment is never shown as a page.
  if (captureLaunchToken()) {
    window.location.reload();
    return;
  }
  const next = readPath();
  if (next === current) return;
  if (leaveGuard) {
    // Back/forward or a typed address: put the guarded page back, then ask before leaving it.
    const guard = leaveGuard;
    history.replaceState(null, '', `#${current}`);
    void guard().then((ok) => {
      if (!ok) return;
      leaveGuard = null;
      commit(next, true);
    });
    return;
  }
  current = next;
  for (const notify of subscribers) notify();
}

function subscribe(notify: () => void): () => void {
  if (subscribers.size === 0) {
    current = readPath();
    window.addEventListener('hashchange', onHashChange);
  }
  subscribers.add(notify);
  return () => {
    subscribers.delete(notify);
    if (subscribers.size === 0) window.removeEventListener('hashchange', onHashChange);
  };
}

/** The current fragment path, re-rendering on every change. */
export function useCurrentPath(): string {
  return useSyncExternalStore(subscribe, () => current);
}

export function useRoute(): Route {
  return parseRoute(useCurrentPath());
}

/**
 * While `active`, leaving the page (in-app navigation, back button, closing the browser tab) asks
 * `confirmLeave` first. Only one page holds the guard at a time.
 */
export function useLeaveGuard(active: boolean, confirmLeave: LeaveGuard): void {
  useEffect(() => {
    if (!active) return;
    leaveGuard = confirmLeave;
    // A browser asks before closing the tab. Electron would silently refuse to close the window instead,
    // unless the main process handles 'will-prevent-unload', so the desktop door does not ask here.
    const askOnUnload = currentDoor() === 'web';
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    if (askOnUnload) window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      if (leaveGuard === confirmLeave) leaveGuard = null;
      if (askOnUnload) window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [active, confirmLeave]);
}

/** Drops any guard without asking: after a save, the page may be left freely. */
export function releaseLeaveGuard(): void {
  leaveGuard = null;
}

/** Re-reads the address; tests set `location.hash` directly between renders. */
export function syncRouteFromLocation(): void {
  leaveGuard = null;
  current = readPath();
  for (const notify of subscribers) notify();
}
