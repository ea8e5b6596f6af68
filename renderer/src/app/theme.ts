import type { CSSVariablesResolver } from '@mantine/core';
import { createTheme, NumberInput, Select } from '@mantine/core';

/** One accent colour, the system font, compact sizes: a tool read for hours, not a website. */
export const theme = createTheme({
  primaryColor: 'indigo',
  // Shade 8 keeps white button text at AA contrast (5.3:1 on indigo, 4.5:1 on red) in both themes.
  primaryShade: { light: 8, dark: 8 },
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif, "Apple Color Emoji", "Segoe UI Emoji"',
  fontFamilyMonospace:
    'ui-monospace, "SF Mono", "Cascadia Mono", "Segoe UI Mono", Menlo, Consolas, monospace',
  headings: { fontFamily: 'inherit', fontWeight: '650' },
  defaultRadius: 'sm',
  focusRing: 'auto',
  cursorType: 'pointer',
  components: {
    // Choosing the value already chosen keeps it (clearing is the × button's job), and a number is never
    // changed behind the user's back: a value out of range is an error on its field.
    Select: Select.extend({ defaultProps: { allowDeselect: false } }),
    NumberInput: NumberInput.extend({ defaultProps: { clampBehavior: 'none' } }),
  },
});

/** Shade 9 of these hues on their own shade 1 reads below 4.5:1 (yellow 2.7, orange 3.6, green 3.8, red 4.5). */
const paleHues = ['red', 'orange', 'yellow', 'green'];

/**
 * WCAG AA for small text needs 4.5:1. Mantine's dimmed grey (#868e96) gives 3.3:1 on white and its error reds
 * 3.5:1 (red 6 on white) and 3.4:1 (red 8 on dark); these give 5.2:1, 5.4:1 and 6.7:1. Text on light chips and
 * alerts ("light" variant) is darkened by 30% for the pale hues, which lifts all of them above 5:1.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#656d76',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    ...Object.fromEntries(
      paleHues.map((hue) => [
        `--mantine-color-${hue}-light-color`,
        `color-mix(in srgb, var(--mantine-color-${hue}-9), black 30%)`,
      ]),
    ),
  },
  dark: { '--mantine-color-error': 'var(--mantine-color-red-4)' },
});
