import {
  ActionIcon,
  Button,
  Group,
  Input,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { RowField, RowsDecl } from '../../../shared/kit/fields';
import { capitalised } from './api';
import { DateField } from './DateField';
import { outOfRange } from './number-range';
import { InstantField } from './InstantField';

type Entry = Record<string, unknown>;

/** A new entry: every field empty (lists of nested entries empty). */
export function blankEntry(decl: RowsDecl): Entry {
  return Object.fromEntries(
    Object.entries(decl.fields).map(([name, f]) => [name, f.kind === 'rows' ? [] : null]),
  );
}

function EntryField({
  id,
  field,
  value,
  onChange,
}: {
  id: string;
  field: RowField;
  value: unknown;
  onChange: (value: unknown) => void;
}): ReactNode {
  const common = { id, label: field.label, description: field.description, required: field.required };
  switch (field.kind) {
    case 'text':
      return (
        <TextInput
          {...common}
          autoComplete="off"
          value={(value as string | null) ?? ''}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'longText':
      return (
        <Textarea
          {...common}
          autosize
          minRows={1}
          maxRows={6}
          value={(value as string | null) ?? ''}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'date':
      return <DateField {...common} value={(value as string | null) ?? null} onChange={(v) => onChange(v)} />;
    case 'instant':
      return <InstantField {...common} value={(value as string | null) ?? null} onChange={onChange} />;
    case 'int':
      if (field.choices) {
        return (
          <Select
            {...common}
            data={field.choices.map((c) => ({ value: String(c.value), label: c.label }))}
            value={value === null || value === undefined ? null : String(value)}
            clearable={!field.required}
            onChange={(v) => onChange(v === null ? null : Number(v))}
          />
        );
      }
      return (
        <NumberInput
          {...common}
          error={outOfRange(value, field.min, field.max)}
          value={(value as number | null) ?? ''}
          onChange={(v) => onChange(typeof v === 'number' ? v : null)}
          allowDecimal={false}
          clampBehavior="none"
          hideControls
        />
      );
    case 'enum':
      return (
        <Select
          {...common}
          data={field.options.map((o) => ({ value: o.value, label: o.label }))}
          value={(value as string | null) ?? null}
          clearable={!field.required}
          onChange={(v) => onChange(v)}
        />
      );
    case 'rows':
      return (
        <RowsEditor
          id={id}
          label={field.label}
          description={field.description}
          decl={field.rows}
          value={(value as Entry[] | null) ?? []}
          onChange={onChange}
          nested
        />
      );
  }
}

/**
 * The entries of a rows field (a DPIA's risks, a risk's measures, retention per data category), edited in
 * place: add, change, move up or down, remove. Nothing is stored until the record is saved, so a removal is
 * undone by leaving without saving; the change history then describes what changed in words.
 */
export function RowsEditor({
  id,
  label,
  description,
  decl,
  value,
  onChange,
  error,
  nested = false,
  entryExtra,
  locked = 0,
}: {
  id: string;
  label: string;
  description?: string;
  decl: RowsDecl;
  value: Entry[];
  onChange: (value: Entry[]) => void;
  error?: string;
  nested?: boolean;
  /** Something the register shows under each entry (a risk's levels). */
  entryExtra?: (entry: Entry, index: number) => ReactNode;
  /** The first entries, already saved in an append-only list: shown, not edited, moved or removed. */
  locked?: number;
}) {
  const noun = decl.noun;
  const set = (index: number, name: string, v: unknown) =>
    onChange(value.map((e, i) => (i === index ? { ...e, [name]: v } : e)));
  const move = (index: number, by: number) => {
    const next = [...value];
    const [entry] = next.splice(index, 1);
    next.splice(index + by, 0, entry!);
    onChange(next);
  };
  const full = value.length >= (decl.max ?? 200);
  // Fields in their declared order: a wide one (or nested entries) on its own line, the others side by side.
  const chunks: { wide: boolean; fields: [string, RowField][] }[] = [];
  for (const entry of Object.entries(decl.fields)) {
    const wide = entry[1].kind === 'rows' || entry[1].wide === true;
    const last = chunks[chunks.length - 1];
    if (!wide && last && !last.wide) last.fields.push(entry);
    else chunks.push({ wide, fields: [entry] });
  }

  return (
    <Input.Wrapper id={id} label={label} description={description} error={error}>
      <Stack gap="xs" mt={4} role="list" aria-label={label}>
        {value.length === 0 && (
          <Text size="sm" c="dimmed">
            No {noun.other} yet.
          </Text>
        )}
        {value.map((entry, index) => {
          const title = decl.titleOf(entry).trim() || `${capitalised(noun.one)} ${index + 1}`;
          const entryId = `${id}-${index}`;
          return (
            <Paper
              key={index}
              withBorder
              p={nested ? 'xs' : 'sm'}
              radius="sm"
              role="listitem"
              aria-label={title}
              bg={nested ? undefined : 'var(--mantine-color-body)'}
            >
              <Stack gap="xs">
                <Group justify="space-between" wrap="nowrap">
                  <Text size="sm" fw={600} truncate>
                    {capitalised(noun.one)} {index + 1}
                    {decl.titleOf(entry).trim() ? `: ${decl.titleOf(entry)}` : ''}
                  </Text>
                  {index < locked ? (
                    <Text size="xs" c="dimmed">
                      Recorded: add a new {noun.one} to supersede it
                    </Text>
                  ) : (
                    <Group gap={4} wrap="nowrap">
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={`Move ${noun.one} ${index + 1} up`}
                        disabled={index === locked}
                        onClick={() => move(index, -1)}
                      >
                        <IconArrowUp size={16} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={`Move ${noun.one} ${index + 1} down`}
                        disabled={index === value.length - 1}
                        onClick={() => move(index, 1)}
                      >
                        <IconArrowDown size={16} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`Remove ${noun.one} ${index + 1}`}
                        onClick={() => onChange(value.filter((_, i) => i !== index))}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Group>
                  )}
                </Group>
                <fieldset disabled={index < locked} className="rows-entry-fields">
                  {chunks.map((chunk, c) =>
                    chunk.wide ? (
                      <EntryField
                        key={chunk.fields[0]![0]}
                        id={`${entryId}-${chunk.fields[0]![0]}`}
                        field={chunk.fields[0]![1]}
                        value={entry[chunk.fields[0]![0]]}
                        onChange={(v) => set(index, chunk.fields[0]![0], v)}
                      />
                    ) : (
                      <SimpleGrid
                        key={`grid-${c}`}
                        cols={{ base: 1, sm: Math.min(chunk.fields.length, nested ? 3 : 4) }}
                        spacing="xs"
                      >
                        {chunk.fields.map(([name, f]) => (
                          <EntryField
                            key={name}
                            id={`${entryId}-${name}`}
                            field={f}
                            value={entry[name]}
                            onChange={(v) => set(index, name, v)}
                          />
                        ))}
                      </SimpleGrid>
                    ),
                  )}
                </fieldset>
                {entryExtra?.(entry, index)}
              </Stack>
            </Paper>
          );
        })}
        <Group>
          <Button
            size={nested ? 'compact-xs' : 'xs'}
            variant="light"
            leftSection={<IconPlus size={14} />}
            disabled={full}
            onClick={() => onChange([...value, blankEntry(decl)])}
          >
            Add {noun.one}
          </Button>
        </Group>
      </Stack>
    </Input.Wrapper>
  );
}
