import { Badge, Group, Select, Table, Text } from '@mantine/core';
import { useMemo } from 'react';
import type { Register } from '../../../shared/kit/define';
import { importProfile, readsDates } from '../../../shared/import/profile';
import { describeScale, judgeScale, parseScale, scaleName } from '../../../shared/import/scale';
import type { DateOrder, ImportColumn, NumberScale } from '../../../shared/import/types';
import { capitalised } from '../kit/api';
import { fieldOptions, IGNORE } from './labels';

/** One column as the user maps it. */
export interface ColumnChoice {
  column: number;
  header: string;
  field: string | null;
  dateOrder: DateOrder | null;
  /** A rating column of numbers: the scale they read on (null: the field's own, 1 up to one per value). */
  scale: NumberScale | null;
}

const DATE_ORDERS = [
  { value: 'dmy', label: 'Day first (31/12/2025)' },
  { value: 'mdy', label: 'Month first (12/31/2025)' },
];

/** The scales a rating column of numbers is offered: the usual ones, either way up. */
const SCALES = ['1-3', '1-4', '1-5', '0-5', '1-10', '0-10', '1-25', '0-100', '3-1', '4-1', '5-1', '10-1'];
const scaleKey = (s: NumberScale) => `${s.low}-${s.high}`;

/**
 * The columns of the sheet, each with its samples and a field picker (or "Ignore"), a date-order picker for
 * date columns whose values could be read either way, and a scale picker for rating columns of numbers.
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
  const profile = useMemo(() => importProfile(reg), [reg]);
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
            <Table.Th w={230}>Reading</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {columns.map((col) => {
            const choice = choices.find((c) => c.column === col.column);
            const field = choice?.field ?? null;
            const isDate = field !== null && readsDates(profile.byName.get(field));
            const needsOrder = isDate && (col.dateOrder === 'ambiguous' || col.dateOrder === 'mixed');
            const name = `column ${col.letter} (${col.header})`;
            const rating = field !== null ? profile.byName.get(field) : undefined;
            const scale = rating?.scale && col.numbers ? (choice?.scale ?? null) : undefined;
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
                      // A rating column of numbers takes the scale its header and values give.
                      const spec = next ? profile.byName.get(next) : undefined;
                      onChange(col.column, {
                        field: next,
                        scale: spec?.scale ? judgeScale(spec, col.header, col.numbers ?? null) : null,
                      });
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
                  ) : scale !== undefined && rating ? (
                    <>
                      <Select
                        size="xs"
                        aria-label={`Number scale for ${name}`}
                        placeholder="Choose the scale"
                        data={[...new Set([...(scale ? [scaleKey(scale)] : []), ...SCALES])].map((k) => {
                          const s = parseScale(k)!;
                          return {
                            value: k,
                            label: s.low < s.high ? `${scaleName(s)}, ${s.high} highest` : scaleName(s),
                          };
                        })}
                        value={scale ? scaleKey(scale) : null}
                        disabled={disabled}
                        allowDeselect={false}
                        error={scale ? undefined : `Numbers up to ${col.numbers!.max}`}
                        onChange={(v) => v && onChange(col.column, { scale: parseScale(v) })}
                      />
                      {scale && (
                        <Text size="xs" c="dimmed" mt={2}>
                          {describeScale(rating, scale)}
                        </Text>
                      )}
                    </>
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
