import { createTheme } from '@mantine/core';

/** One accent colour, the system font, compact sizes: a tool read for hours, not a website. */
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 7, dark: 4 },
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif, "Apple Color Emoji", "Segoe UI Emoji"',
  fontFamilyMonospace:
    'ui-monospace, "SF Mono", "Cascadia Mono", "Segoe UI Mono", Menlo, Consolas, monospace',
  headings: { fontFamily: 'inherit', fontWeight: '650' },
  defaultRadius: 'sm',
  focusRing: 'auto',
  cursorType: 'pointer',
});
