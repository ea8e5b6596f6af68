import { Anchor, Table, Text, Title } from '@mantine/core';
import type { AuditEntry, Register } from '../../../shared/kit/define';
import { readableValue, rowsChange } from '../../../shared/kit/readable';
import { REVIEW_BATCH } from '../../../shared/subprocessors/review';
import { linkTo } from '../app/router';
import { formatDate, formatDateTime } from '../lib/format';

const actionText: Record<AuditEntry['action'], string> = {
  create: 'Added to the register',
  update: 'Changed',
  archive: 'Archived',
  restore: 'Restored',
  delete: 'Deleted',
};

function describe(reg: Register, entry: AuditEntry): string {
  const field = entry.field ? reg.fields[entry.field] : undefined;
  const label = entry.field ? (field?.label ?? entry.field) : null;
  // A change to entries (a DPIA's risks) says which entries changed and how.
  if (entry.action === 'update' && field?.rows) {
    return `${label}: ${rowsChange(field.rows, entry.oldValue, entry.newValue)}`;
  }
  if (entry.action === 'update' && label) return label;
  if (entry.action === 'archive' || entry.action === 'restore') return actionText[entry.action];
  if (label) return `${actionText[entry.action]}: ${label}`;
  return actionText[entry.action];
}

/** Who changed what and when, newest first, with values as a DPO reads them rather than as stored. */
export function ChangeHistory({ reg, history }: { reg: Register; history: AuditEntry[] }) {
  const entries = [...history].sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id);
  return (
    <section aria-labelledby="history-heading">
      <Title order={2} size="h5" id="history-heading" mb="xs">
        Change history
      </Title>
      {entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          No changes recorded yet.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table
            striped
            highlightOnHover
            verticalSpacing={4}
            fz="sm"
            className="history-table"
            aria-labelledby="history-heading"
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={200}>When</Table.Th>
                <Table.Th w={140}>Who</Table.Th>
                <Table.Th w={200}>What</Table.Th>
                <Table.Th>Before</Table.Th>
                <Table.Th>After</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((entry) => {
                const showsValues = entry.action === 'update' && entry.field !== null;
                return (
                  <Table.Tr key={entry.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.at)}</Table.Td>
                    <Table.Td>{entry.actor}</Table.Td>
                    <Table.Td>
                      {describe(reg, entry)}
                      {entry.importId?.startsWith(REVIEW_BATCH) && (
                        <Text span size="xs" c="dimmed">
                          {' (accepted in '}
                          <Anchor
                            size="xs"
                            {...linkTo(`/reviews/${entry.importId.slice(REVIEW_BATCH.length)}`)}
                          >
                            sub-processor list review {entry.importId.slice(REVIEW_BATCH.length)}
                          </Anchor>
                          )
                        </Text>
                      )}
                      {entry.importId && !entry.importId.startsWith(REVIEW_BATCH) && (
                        <Text span size="xs" c="dimmed" title={`Import ${entry.importId}`}>
                          {' '}
                          {entry.importFile
                            ? `(imported from ${entry.importFile}${entry.importAt ? `, ${formatDate(entry.importAt.slice(0, 10))}` : ''})`
                            : '(by an import)'}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {showsValues
                        ? readableValue(reg, entry.field, entry.oldValue, { date: formatDate })
                        : ''}
                    </Table.Td>
                    <Table.Td>
                      {showsValues
                        ? readableValue(reg, entry.field, entry.newValue, { date: formatDate })
                        : ''}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  );
}
