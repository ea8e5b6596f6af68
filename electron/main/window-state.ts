import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BrowserWindow } from 'electron';
import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const finite = z.number().finite();
export const WindowStateSchema = z.object({
  x: finite,
  y: finite,
  width: finite.positive(),
  height: finite.positive(),
  isMaximized: z.boolean().default(false),
});
export type WindowState = z.infer<typeof WindowStateSchema>;

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_SIZE = { width: 1280, height: 820 } as const;
export const MIN_SIZE = { width: 960, height: 600 } as const;

/**
 * Reads the remembered window bounds. A missing, unreadable or malformed file means "no memory", never an
 * error: the window then opens at its default size.
 * @returns the state, or null
 */
export function readWindowState(file: string): WindowState | null {
  try {
    const parsed = WindowStateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Writes the window bounds through a temporary file and a rename, so a crash mid-write cannot leave a torn file.
 * Failure only costs the remembered size, so it is reported and swallowed.
 * @returns whether the state was written
 */
export function writeWindowState(file: string, state: WindowState): boolean {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const temp = `${file}.tmp`;
    writeFileSync(temp, JSON.stringify(state));
    renameSync(temp, file);
    return true;
  } catch (err) {
    console.warn(`Could not remember the window size: ${err instanceof Error ? err.message : String(err)}`);
    return false;
  }
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max));
}

/**
 * Places the window on a display that exists now: the one it overlaps most, or centred on the primary display
 * when it would be off every screen (a monitor was unplugged). It is shrunk and moved to fit the work area.
 * @returns whole-pixel bounds and whether to maximize
 */
export function clampToDisplays(
  state: WindowState | null,
  workAreas: readonly Rect[],
  primary: Rect,
): Rect & { isMaximized: boolean } {
  let area = primary;
  let best = 0;
  if (state) {
    for (const candidate of workAreas) {
      const shared = overlap(state, candidate);
      if (shared > best) {
        best = shared;
        area = candidate;
      }
    }
  }
  const wanted = state && best > 0 ? state : { ...DEFAULT_SIZE, x: NaN, y: NaN };
  const width = Math.round(Math.min(Math.max(wanted.width, MIN_SIZE.width), area.width));
  const height = Math.round(Math.min(Math.max(wanted.height, MIN_SIZE.height), area.height));
  const centredX = area.x + (area.width - width) / 2;
  const centredY = area.y + (area.height - height) / 2;
  const x = Number.isFinite(wanted.x) ? clamp(wanted.x, area.x, area.x + area.width - width) : centredX;
  const y = Number.isFinite(wanted.y) ? clamp(wanted.y, area.y, area.y + area.height - height) : centredY;
  return { x: Math.round(x), y: Math.round(y), width, height, isMaximized: state?.isMaximized ?? false };
}

export type TrackedWindow = Pick<BrowserWindow, 'getNormalBounds' | 'isMaximized' | 'on'>;

/** Remembers the window's restored bounds and maximized flag when it closes. */
export function trackWindowState(win: TrackedWindow, file: string): void {
  win.on('close', () => {
    writeWindowState(file, { ...win.getNormalBounds(), isMaximized: win.isMaximized() });
  });
}
