import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  clampToDisplays,
  DEFAULT_SIZE,
  MIN_SIZE,
  readWindowState,
  trackWindowState,
  writeWindowState,
  type TrackedWindow,
} from '../../electron/main/window-state';

const dirs: string[] = [];
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'dpo-window-'));
  dirs.push(dir);
  return join(dir, 'nested', 'window-state.json');
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const primary = { x: 0, y: 0, width: 1920, height: 1040 };
const right = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('window state file', () => {
  it('saves and restores the bounds', () => {
    const file = tempFile();
    const state = { x: 100, y: 80, width: 1400, height: 900, isMaximized: true };
    expect(writeWindowState(file, state)).toBe(true);
    expect(readWindowState(file)).toEqual(state);
  });

  it('treats a missing, malformed or invalid file as no memory', () => {
    const file = tempFile();
    expect(readWindowState(file)).toBeNull();
    writeWindowState(file, { x: 0, y: 0, width: 1000, height: 700, isMaximized: false });
    writeFileSync(file, '{"x": 1, "y"');
    expect(readWindowState(file)).toBeNull();
    writeFileSync(file, JSON.stringify({ x: 0, y: 0, width: -5, height: 700 }));
    expect(readWindowState(file)).toBeNull();
    writeFileSync(file, JSON.stringify({ x: 'left', y: 0, width: 1000, height: 700 }));
    expect(readWindowState(file)).toBeNull();
    writeFileSync(file, JSON.stringify({ x: 0, y: 0, width: 1000, height: 700 }));
    expect(readWindowState(file)).toEqual({ x: 0, y: 0, width: 1000, height: 700, isMaximized: false });
  });

  it('remembers the restored bounds when the window closes', () => {
    const file = tempFile();
    let onClose: (() => void) | undefined;
    const win = {
      on: (name: string, listener: () => void) => {
        if (name === 'close') onClose = listener;
      },
      getNormalBounds: () => ({ x: 10, y: 20, width: 1100, height: 750 }),
      isMaximized: () => true,
    } as unknown as TrackedWindow;
    trackWindowState(win, file);
    onClose!();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      x: 10,
      y: 20,
      width: 1100,
      height: 750,
      isMaximized: true,
    });
  });
});

describe('clampToDisplays', () => {
  it('centres the default size on the primary display when there is no memory', () => {
    expect(clampToDisplays(null, [primary], primary)).toEqual({
      x: (1920 - DEFAULT_SIZE.width) / 2,
      y: (1040 - DEFAULT_SIZE.height) / 2,
      ...DEFAULT_SIZE,
      isMaximized: false,
    });
  });

  it('keeps a window that fits where it was', () => {
    const state = { x: 2000, y: 100, width: 1500, height: 900, isMaximized: false };
    expect(clampToDisplays(state, [primary, right], primary)).toEqual(state);
  });

  it('brings back a window from an unplugged monitor onto the primary display', () => {
    const state = { x: 5000, y: 200, width: 1200, height: 800, isMaximized: true };
    const placed = clampToDisplays(state, [primary], primary);
    expect(placed).toMatchObject({
      width: DEFAULT_SIZE.width,
      height: DEFAULT_SIZE.height,
      isMaximized: true,
    });
    expect(placed.x).toBeGreaterThanOrEqual(0);
    expect(placed.x + placed.width).toBeLessThanOrEqual(1920);
  });

  it('moves a half-visible window fully onto the display it mostly covers', () => {
    const placed = clampToDisplays(
      { x: 1300, y: -300, width: 1000, height: 700, isMaximized: false },
      [primary, right],
      primary,
    );
    expect(placed).toEqual({ x: 920, y: 0, width: 1000, height: 700, isMaximized: false });
  });

  it('shrinks a window larger than the display and enlarges one below the minimum', () => {
    const small = { x: 0, y: 0, width: 1280, height: 720 };
    expect(
      clampToDisplays({ x: 0, y: 0, width: 4000, height: 3000, isMaximized: false }, [small], small),
    ).toEqual({
      ...small,
      isMaximized: false,
    });
    const tiny = clampToDisplays(
      { x: 10, y: 10, width: 200, height: 100, isMaximized: false },
      [primary],
      primary,
    );
    expect(tiny).toMatchObject({ width: MIN_SIZE.width, height: MIN_SIZE.height });
  });
});
