import { Button, Checkbox, Group, Popover, Stack, Text } from '@mantine/core';
import { IconColumns3 } from '@tabler/icons-react';
import type { VisibilityState } from '@tanstack/react-table';
import { columnMeta, vendorColumns } from './vendor-columns';

/** Shows or hides register columns; the name always stays so every row can be opened. */
export function ColumnsMenu({
  visibility,
  onChange,
  onReset,
}: {
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
          {vendorColumns.map((column) => {
            const id = column.id!;
            const shown = visibility[id] !== false;
            return (
              <Checkbox
                key={id}
                size="xs"
                label={columnMeta(column).label}
                checked={shown}
                disabled={id === 'name'}
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

export function defaultColumnVisibility(): VisibilityState {
  return Object.fromEntries(vendorColumns.map((c) => [c.id!, !columnMeta(c).hiddenByDefault]));
}
