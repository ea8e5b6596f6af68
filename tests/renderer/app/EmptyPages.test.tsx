import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installFakeCore } from '../fake-core';
import { renderApp } from '../render-app';

/** React's warnings about markup (a block inside a paragraph) go to console.error in development. */
function watchConsole() {
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  return {
    nesting: () =>
      error.mock.calls
        .map((c) => c.map(String).join(' '))
        .filter((m) => /cannot be a descendant|cannot contain a nested|validateDOMNesting/i.test(m)),
    restore: () => error.mockRestore(),
  };
}

let watch: ReturnType<typeof watchConsole> | null = null;
afterEach(() => {
  watch?.restore();
  watch = null;
});

describe('empty pages', () => {
  it('the empty vendor register explains itself in valid markup', async () => {
    watch = watchConsole();
    installFakeCore([]);
    renderApp('/vendors');
    expect(await screen.findByText('Your vendor register is empty')).toBeTruthy();
    expect(watch.nesting()).toEqual([]);
  });

  it('the empty Overview offers the demo data in valid markup', async () => {
    watch = watchConsole();
    const core = installFakeCore([]);
    core.override('overview:get', () => ({ hasRecords: false }) as never);
    renderApp('/overview');
    expect(await screen.findByText('Nothing to oversee yet')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Load demo data' })).toBeTruthy();
    expect(watch.nesting()).toEqual([]);
  });
});
