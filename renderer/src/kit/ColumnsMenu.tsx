import { Button, Checkbox, Group, Popover, Stack, Text } from '@mantine/core';
import { IconColumns3 } from '@tabler/icons-react';
import type { ColumnDef, VisibilityState } from '@tanstack/react-table';
import { columnMeta } from './columns';

type Columns = readonly ColumnDef<never>[] | readonly { id?: string; meta?: unknown }[];

/** Shows or hides register columns; the first (the record's title) always stays so every row can be opened. */
export function ColumnsMenu({
  columns,
  visibility,
  onChange,
  onReset,
}: {
  columns: Columns;
  visibility: VisibilityState;
  onChange: (visibility: VisibilityState) => void;
  onReset: () => void;
}) {
  return (
    <Popover position="bottom-end" shadow="md" width={240} trapFocus returnFocus>
      <Popover.Target>
        <Button variant="default" leftSection={<IconColumns3 size={16} />}>
          Columns
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={6}>
          <Text size="xs" fw={600} c="dimmed">
            Show columns
          </Text>
          {columns.map((column, i) => {
            const id = column.id!;
            const shown = visibility[id] !== false;
            return (
              <Checkbox
                key={id}
                size="xs"
                label={columnMeta(column).label}
                checked={shown}
                disabled={i === 0}
                onChange={(e) => onChange({ ...visibility, [id]: e.currentTarget.checked })}
              />
            );
          })}
          <Group justify="flex-end" mt={4}>
            <Button size="xs" variant="subtle" onClick={onReset}>
              Reset columns
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

export function defaultColumnVisibility(columns: Columns): VisibilityState {
  return Object.fromEntries(columns.map((c) => [c.id!, !columnMeta(c).hiddenByDefault]));
}
