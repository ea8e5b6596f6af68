import { describe, expect, it, vi } from 'vitest';
import type { DpoBridge } from '../../../shared/bridge';
import { ApiError, captureLaunchToken, invoke, onProgress } from '../../../renderer/src/api/client';

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

describe('api client', () => {
  it('keeps the launch token for this tab and takes it out of the address bar', () => {
    history.replaceState(null, '', '/#token=s3cret-token');
    captureLaunchToken();
    expect(sessionStorage.getItem('dpo.webToken')).toBe('s3cret-token');
    expect(window.location.hash).toBe('#/');
    expect(window.location.href).not.toContain('s3cret');
  });

  it('calls the web door with the bearer token and unwraps the envelope', async () => {
    sessionStorage.setItem('dpo.webToken', 'tok');
    const fetchMock = vi
      .spyOn(globalThis, 'fetch')
      .mockResolvedValue(jsonResponse({ ok: true, value: { created: 2, skipped: 0 } }));

    await expect(invoke('demo:load', {})).resolves.toEqual({ created: 2, skipped: 0 });

    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/invoke');
    expect(init?.method).toBe('POST');
    expect(new Headers(init?.headers).get('Authorization')).toBe('Bearer tok');
    expect(JSON.parse(String(init?.body))).toEqual({ channel: 'demo:load', input: {} });
  });

  it('throws a typed ApiError with the field issues of a VALIDATION envelope', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      jsonResponse({
        ok: false,
        error: {
          code: 'VALIDATION',
          message: 'Not valid.',
          details: [{ path: 'name', message: 'A vendor needs a name.' }],
        },
      }),
    );
    const error = await invoke('vendors:create', { name: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'VALIDATION', message: 'Not valid.' });
    expect((error as ApiError).fieldIssues).toEqual([{ path: 'name', message: 'A vendor needs a name.' }]);
  });

  it('reads the envelope of a refused token, and explains a refusal without one', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValueOnce(
      jsonResponse({ ok: false, error: { code: 'FORBIDDEN', message: 'Bad token.' } }, 403),
    );
    await expect(invoke('app:info', {})).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'Bad token.' });

    vi.spyOn(globalThis, 'fetch').mockResolvedValueOnce(new Response('nope', { status: 403 }));
    await expect(invoke('app:info', {})).rejects.toMatchObject({ code: 'FORBIDDEN' });

    vi.spyOn(globalThis, 'fetch').mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await expect(invoke('app:info', {})).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('uses the desktop bridge when the window has one', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch');
    const bridge: DpoBridge = {
      invoke: vi.fn(async () => ({
        ok: true as const,
        value: { ok: true, entries: 4, firstBadId: null, reason: null },
      })),
      onEvent: vi.fn(() => () => {}),
    };
    (window as Window & { dpo?: DpoBridge }).dpo = bridge;

    await expect(invoke('audit:verify', {})).resolves.toMatchObject({ entries: 4 });
    expect(bridge.invoke).toHaveBeenCalledWith('audit:verify', {});
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('streams progress events from the web door', async () => {
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('event: job:progress\ndata: {"jobId":"j1","kind":"import",'));
        controller.enqueue(encoder.encode('"done":5,"total":10}\n\n: keep-alive\n\n'));
      },
    });
    const fetchMock = vi
      .spyOn(globalThis, 'fetch')
      .mockResolvedValue(new Response(body, { headers: { 'Content-Type': 'text/event-stream' } }));
    const listener = vi.fn();

    const stop = onProgress(listener);
    await vi.waitFor(() =>
      expect(listener).toHaveBeenCalledWith({ jobId: 'j1', kind: 'import', done: 5, total: 10 }),
    );
    stop();
    expect(fetchMock.mock.calls[0]![0]).toBe('/api/events');
  });
});

describe('a new launch link pasted into an open tab', () => {
  it('keeps the new token, strips it from the address at once, reloads, and never shows it as a page', async () => {
    const { parseRoute, syncRouteFromLocation, useCurrentPath } =
      await import('../../../renderer/src/app/router');
    const { renderHook } = await import('@testing-library/react');
    sessionStorage.setItem('dpo.webToken', 'old-token');
    history.replaceState(null, '', '/#/vendors');
    syncRouteFromLocation();
    const reload = vi.fn();
    const original = window.location;
    Object.defineProperty(window, 'location', {
      configurable: true,
      value: {
        ...original,
        reload,
        get hash() {
          return original.hash;
        },
        get pathname() {
          return original.pathname;
        },
        get search() {
          return original.search;
        },
        get href() {
          return original.href;
        },
      },
    });
    try {
      const hook = renderHook(() => useCurrentPath());
      history.replaceState(null, '', '/#token=new-token');
      window.dispatchEvent(new HashChangeEvent('hashchange'));
      expect(sessionStorage.getItem('dpo.webToken')).toBe('new-token');
      expect(original.href).not.toContain('new-token');
      expect(reload).toHaveBeenCalledTimes(1);
      expect(hook.result.current).not.toContain('token');
      hook.unmount();
    } finally {
      Object.defineProperty(window, 'location', { configurable: true, value: original });
    }
    expect(parseRoute('/token=abc')).toEqual({ page: 'overview' });
    expect(parseRoute('token=abc')).toEqual({ page: 'overview' });
  });

  it('says what to do when a refusal comes without the server’s own words', async () => {
    sessionStorage.setItem('dpo.webToken', 'stale');
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('Unauthorized', { status: 401 }));
    await expect(invoke('app:info', {})).rejects.toThrow(/Paste the link `dpo serve` printed into this tab/);
    vi.restoreAllMocks();
  });
});
