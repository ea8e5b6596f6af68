import { Badge, Group, Select, Table, Text } from '@mantine/core';
import { useMemo } from 'react';
import type { Register } from '../../../shared/kit/define';
import type { DateOrder, ImportColumn } from '../../../shared/import/types';
import { capitalised } from '../kit/api';
import { fieldOptions, IGNORE } from './labels';

/** One column as the user maps it. */
export interface ColumnChoice {
  column: number;
  header: string;
  field: string | null;
  dateOrder: DateOrder | null;
}

const DATE_ORDERS = [
  { value: 'dmy', label: 'Day first (31/12/2025)' },
  { value: 'mdy', label: 'Month first (12/31/2025)' },
];

/**
 * The columns of the sheet, each with its samples and a field picker (or "Ignore"), and a date-order picker
 * for date columns whose values could be read either way.
 */
export function MappingTable({
  reg,
  columns,
  choices,
  onChange,
  disabled,
}: {
  reg: Register;
  columns: readonly ImportColumn[];
  choices: readonly ColumnChoice[];
  onChange: (column: number, change: Partial<ColumnChoice>) => void;
  disabled: boolean;
}) {
  const options = useMemo(() => fieldOptions(reg), [reg]);
  const Noun = capitalised(reg.noun.one);
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing={6} striped highlightOnHover aria-label="Column mapping">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={70}>Column</Table.Th>
            <Table.Th>Header in the file</Table.Th>
            <Table.Th>Sample values</Table.Th>
            <Table.Th w={260}>{Noun} field</Table.Th>
            <Table.Th w={230}>Dates</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {columns.map((col) => {
            const choice = choices.find((c) => c.column === col.column);
            const field = choice?.field ?? null;
            const isDate = field !== null && reg.fields[field]?.kind === 'date';
            const needsOrder = isDate && (col.dateOrder === 'ambiguous' || col.dateOrder === 'mixed');
            const name = `column ${col.letter} (${col.header})`;
            return (
              <Table.Tr key={col.column} data-testid={`mapping-${col.letter}`}>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {col.letter}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={6}>
                    <Text size="sm" fw={500}>
                      {col.header}
                    </Text>
                    {col.hidden && (
                      <Badge size="xs" variant="outline" color="gray">
                        Hidden in the file
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {col.samples.length ? col.samples.join(' · ') : 'Empty'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Select
                    size="xs"
                    aria-label={`${Noun} field for ${name}`}
                    data={options}
                    value={field ?? IGNORE}
                    searchable
                    allowDeselect={false}
                    disabled={disabled}
                    onChange={(v) => {
                      const next = !v || v === IGNORE ? null : v;
                      onChange(col.column, { field: next });
                    }}
                  />
                </Table.Td>
                <Table.Td>
                  {needsOrder ? (
                    <Select
                      size="xs"
                      aria-label={`Date order for ${name}`}
                      placeholder="Choose: 03/04 is ambiguous"
                      data={DATE_ORDERS}
                      value={choice?.dateOrder ?? null}
                      disabled={disabled}
                      error={
                        choice?.dateOrder
                          ? undefined
                          : col.dateOrder === 'mixed'
                            ? 'Both orders appear'
                            : true
                      }
                      onChange={(v) => onChange(col.column, { dateOrder: (v as DateOrder | null) ?? null })}
                    />
                  ) : isDate && (col.dateOrder === 'dmy' || col.dateOrder === 'mdy') ? (
                    <Text size="xs" c="dimmed">
                      {col.dateOrder === 'dmy'
                        ? 'Day first, as the values show'
                        : 'Month first, as the values show'}
                    </Text>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
