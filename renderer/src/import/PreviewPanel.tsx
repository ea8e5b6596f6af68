import { Alert, Badge, Group, Stack, Table, Tabs, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import type { PreviewResult } from '../../../shared/import/types';
import type { ReactNode } from 'react';
import { fieldsFilled, importProfile } from '../../../shared/import/profile';
import { given } from '../../../shared/import/row';
import type { Register } from '../../../shared/kit/define';
import type { Rec } from '../kit/api';
import { fieldCell } from '../kit/columns';
import { fieldLabel, rowActionLabels } from './labels';

function Count({ label, value, color }: { label: string; value: number; color: string }) {
  return (
    <Badge size="lg" variant="light" color={color} data-testid={`count-${label.toLowerCase()}`}>
      {value.toLocaleString()} {label.toLowerCase()}
    </Badge>
  );
}

/**
 * The fields the first rows show: those the mapping fills, and those their cells gave besides (a website from a
 * linked name, a legal entity in brackets), in the register's order; the notes stay in the Flagged tab. A field
 * no column maps, filled only through another (the signing date a DPA status's words may give), shows when a row
 * gives it.
 */
export function previewFields(
  reg: Register,
  mapped: readonly (string | null)[],
  sample: readonly { given?: readonly string[]; values?: Record<string, unknown> }[] = [],
): string[] {
  const own = new Set(mapped);
  const shown = new Set(
    fieldsFilled(importProfile(reg), mapped).filter(
      (n) => own.has(n) || sample.some((r) => given(r.values?.[n])),
    ),
  );
  for (const r of sample) for (const f of r.given ?? []) if (reg.fields[f]) shown.add(f);
  shown.delete('notes');
  return Object.keys(reg.fields).filter((n) => shown.has(n));
}

/** A sample row's value as the register's table shows it; a value the row does not give, empty. */
function sampleCell(
  reg: Register,
  name: string,
  values: Record<string, unknown>,
  invalid: boolean,
): ReactNode {
  const v = values[name];
  if (v === undefined || v === null) return null;
  const field = reg.fields[name]!;
  // An invalid row's cell that could not be read comes as the text the file gave.
  if (invalid && typeof v === 'string' && field.kind !== 'text') return v;
  // A list or a reference that did not resolve (an invalid row) is shown as the file gave it.
  if (
    (field.kind === 'ref' && typeof v !== 'number') ||
    (field.kind === 'refs' && !values[field.refs!.nameKey])
  )
    return Array.isArray(v) ? v.join(', ') : String(v);
  // The kit's cell reads only the field and the names of the records it points to; a column that shows a
  // derived fact in the register (the effective DPA status) shows it here too.
  const shows = field.table ? field.table.shows : undefined;
  if (shows && values[shows] !== undefined)
    return fieldCell(name, field, { ...values, [name]: values[shows] } as Rec);
  return fieldCell(name, field, values as Rec);
}

/** What the import would do: counts, every problem cell, duplicate groups and the first rows as they will be written. */
export function PreviewPanel({
  reg,
  preview,
  mapped,
}: {
  reg: Register;
  preview: PreviewResult;
  /** The field each column maps to. */
  mapped: readonly (string | null)[];
}) {
  const { counts } = preview;
  const shown = previewFields(reg, mapped, preview.sample);
  const errors = preview.issues.filter((i) => i.severity === 'error');
  const warnings = preview.issues.filter((i) => i.severity === 'warning');
  return (
    <Stack gap="sm">
      <Group gap="xs" aria-label="What the import will do">
        <Count label="New" value={counts.created} color="green" />
        <Count label="Updated" value={counts.updated} color="blue" />
        <Count label="Merged" value={counts.merged} color="cyan" />
        <Count label="Skipped" value={counts.skipped} color="gray" />
        <Count label="Invalid" value={counts.invalid} color={counts.invalid ? 'red' : 'gray'} />
        <Text size="sm" c="dimmed">
          of {counts.rows.toLocaleString()} rows
        </Text>
      </Group>
      {counts.invalid > 0 && (
        <Text size="sm">
          Invalid rows are left out; the rest is imported in one go. Fix them in the file and import it again,
          or change the mapping.
        </Text>
      )}
      <Tabs defaultValue={errors.length ? 'problems' : 'rows'} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="problems">Problems ({errors.length.toLocaleString()})</Tabs.Tab>
          <Tabs.Tab value="warnings">Flagged ({warnings.length.toLocaleString()})</Tabs.Tab>
          <Tabs.Tab value="duplicates">Duplicates ({preview.duplicatesTotal.toLocaleString()})</Tabs.Tab>
          <Tabs.Tab value="rows">First rows</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="problems" pt="xs">
          <IssueTable reg={reg} issues={errors} empty="Every row can be read." label="Invalid cells" />
          {preview.issuesTotal > preview.issues.length && (
            <Text size="xs" c="dimmed" mt={4}>
              The first {preview.issues.length.toLocaleString()} of {preview.issuesTotal.toLocaleString()} are
              listed.
            </Text>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="warnings" pt="xs">
          <Alert variant="light" icon={<IconInfoCircle size={16} />} mb="xs" title="Regions">
            {preview.regionRule}
          </Alert>
          <IssueTable reg={reg} issues={warnings} empty="Nothing was flagged." label="Flagged cells" />
        </Tabs.Panel>
        <Tabs.Panel value="duplicates" pt="xs">
          {preview.duplicates.length === 0 ? (
            <Text size="sm">No {reg.noun.one} appears twice, and none is in the register already.</Text>
          ) : (
            <Table aria-label="Duplicates" verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Company</Table.Th>
                  <Table.Th>Rows</Table.Th>
                  <Table.Th>In the register</Table.Th>
                  <Table.Th>What happens</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.duplicates.map((d) => (
                  <Table.Tr key={d.key}>
                    <Table.Td>{d.name}</Table.Td>
                    <Table.Td>{d.rows.join(', ')}</Table.Td>
                    <Table.Td>{d.existing ? d.existing.name : '—'}</Table.Td>
                    <Table.Td>{d.outcome}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="rows" pt="xs">
          <Table.ScrollContainer minWidth={720}>
            <Table aria-label="First rows as imported" verticalSpacing={4} striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Row</Table.Th>
                  <Table.Th>Action</Table.Th>
                  {shown.map((name) => (
                    <Table.Th key={name}>{reg.fields[name]!.label}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.sample.map((r) => (
                  <Table.Tr key={r.row}>
                    <Table.Td>{r.row}</Table.Td>
                    <Table.Td>
                      {rowActionLabels[r.action]}
                      {r.duplicateOfRow ? ` (row ${r.duplicateOfRow})` : ''}
                    </Table.Td>
                    {shown.map((name) => (
                      <Table.Td key={name}>
                        {sampleCell(reg, name, r.values, r.action === 'invalid')}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function IssueTable({
  reg,
  issues,
  empty,
  label,
}: {
  reg: Register;
  issues: PreviewResult['issues'];
  empty: string;
  label: string;
}) {
  if (issues.length === 0) return <Text size="sm">{empty}</Text>;
  return (
    <Table.ScrollContainer minWidth={720} mah={360}>
      <Table aria-label={label} verticalSpacing={4} stickyHeader>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={60}>Row</Table.Th>
            <Table.Th>Column</Table.Th>
            <Table.Th>Field</Table.Th>
            <Table.Th>Value</Table.Th>
            <Table.Th>Reason</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {issues.map((i, n) => (
            <Table.Tr key={`${i.row}-${i.field}-${n}`}>
              <Table.Td>{i.row}</Table.Td>
              <Table.Td>{i.column ?? '—'}</Table.Td>
              <Table.Td>{i.field ? fieldLabel(reg, i.field) : '—'}</Table.Td>
              <Table.Td>
                <Text size="sm" lineClamp={2}>
                  {i.value ?? ''}
                </Text>
              </Table.Td>
              <Table.Td>{i.message}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
