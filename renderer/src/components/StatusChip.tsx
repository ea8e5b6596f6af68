import { Badge } from '@mantine/core';
import type { MantineColor } from '@mantine/core';
import type { CSSProperties, ReactNode } from 'react';

/**
 * A small chip whose text carries the meaning; the colour only repeats it. Text colours are the darkest
 * (light theme) or lightest (dark theme) shade of the hue so every chip keeps AA contrast.
 */
export function StatusChip({
  color,
  children,
  title,
  leftSection,
}: {
  color: MantineColor;
  children: ReactNode;
  title?: string;
  leftSection?: ReactNode;
}) {
  return (
    <Badge
      className="status-chip"
      variant="light"
      color={color}
      radius="sm"
      size="sm"
      title={title}
      leftSection={leftSection}
      style={
        {
          '--chip-text': `var(--mantine-color-${color}-9)`,
          '--chip-text-dark': `var(--mantine-color-${color}-2)`,
        } as CSSProperties
      }
    >
      {children}
    </Badge>
  );
}
