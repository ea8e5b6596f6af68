import { Alert, Group, Radio, Table, Text } from '@mantine/core';
import { IconQuestionMark } from '@tabler/icons-react';
import type { UnsureMatch } from '../../../shared/import/types';

/** The user's answer for a row matched on an unsure duplicate. */
export type UnsureAnswer = 'same' | 'apart';

/**
 * Rows the import took for another row's or record's company on an unsure match ("Globex" beside "Globex
 * Corporation"): each is asked about, and the import waits for every answer. "Different companies" imports the
 * row as a company of its own (`options.apart`).
 */
export function UnsureQuestions({
  questions,
  answers,
  onAnswer,
  disabled,
}: {
  questions: readonly UnsureMatch[];
  answers: Readonly<Record<number, UnsureAnswer>>;
  onAnswer: (row: number, answer: UnsureAnswer) => void;
  disabled: boolean;
}) {
  const open = questions.filter((q) => !answers[q.row]).length;
  return (
    <Alert
      color={open > 0 ? 'yellow' : 'gray'}
      variant="light"
      icon={<IconQuestionMark size={16} />}
      title={
        open > 0
          ? `Same company? ${open} ${open === 1 ? 'row' : 'rows'} to answer before importing`
          : 'Same company? Every row is answered'
      }
    >
      <Text size="sm" mb="xs">
        These rows match another company on the name alone: one name gives a legal form, the other none. Say
        whether each is the same company; a different one is imported as its own.
      </Text>
      <Table aria-label="Possible duplicates to answer" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Row</Table.Th>
            <Table.Th>In the file</Table.Th>
            <Table.Th>Taken as</Table.Th>
            <Table.Th>Answer</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {questions.map((q) => (
            <Table.Tr key={q.row}>
              <Table.Td>{q.row}</Table.Td>
              <Table.Td>{q.name}</Table.Td>
              <Table.Td>{q.sameAs}</Table.Td>
              <Table.Td>
                <Radio.Group
                  // Named for screen readers through its label, which takes no room in the row.
                  label={`Row ${q.row}: is ${q.name} the same company as ${q.sameAs}?`}
                  styles={{ label: { display: 'none' } }}
                  value={answers[q.row] ?? null}
                  onChange={(v) => onAnswer(q.row, v as UnsureAnswer)}
                >
                  <Group gap="md">
                    <Radio value="same" label="Same company" disabled={disabled} />
                    <Radio value="apart" label="Different companies" disabled={disabled} />
                  </Group>
                </Radio.Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Alert>
  );
}
