import { Badge } from '@mantine/core';
import type { MantineColor } from '@mantine/core';
import type { ReactNode } from 'react';

/** A small chip whose text carries the meaning; the colour only repeats it (contrast: see app/theme.ts). */
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
      data-color={color}
    >
      {children}
    </Badge>
  );
}
