import {
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Checkbox,
  Grid,
  Group,
  Paper,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconArrowBackUp, IconDeviceFloppy } from '@tabler/icons-react';
import { useCallback, useEffect, useRef } from 'react';
import type { Register } from '../../../shared/kit/define';
import { toApiError } from '../api/client';
import { navigate, releaseLeaveGuard, useLeaveGuard } from '../app/router';
import { StatusChip } from '../components/StatusChip';
import type { RegisterUi } from '../registers/ui';
import type { Rec, RecordDetail } from './api';
import { capitalised, registerApi } from './api';
import { ChangeHistory } from './ChangeHistory';
import { FormFields } from './FormFields';
import { blankValues, formValuesFrom } from './record-form';
import { inputId, useRecordForm } from './use-record-form';

function confirmLeave(reg: Register): Promise<boolean> {
  return new Promise((resolve) => {
    modals.openConfirmModal({
      title: 'Leave without saving?',
      children: (
        <Text size="sm">
          Your changes to this {reg.noun.one} are not saved yet. If you leave, they are lost.
        </Text>
      ),
      labels: { confirm: 'Leave without saving', cancel: `Stay on this ${reg.noun.one}` },
      confirmProps: { color: 'red' },
      onConfirm: () => resolve(true),
      // Runs after onConfirm too; by then the promise is settled and this does nothing.
      onClose: () => resolve(false),
    });
  });
}

/** The "archived" toast (with its Undo) of each record, so restoring by any route also takes it away. */
const archivedToasts = new Map<string, string>();

async function restore(
  reg: Register,
  record: Rec,
  onChanged: () => void,
  alsoIds: number[] = [],
): Promise<void> {
  const key = `${reg.name}/${record.id}`;
  try {
    await registerApi(reg).restore(record.id, alsoIds);
    const toast = archivedToasts.get(key);
    if (toast) notifications.hide(toast);
    archivedToasts.delete(key);
    notifications.show({
      color: 'green',
      title: `${capitalised(reg.noun.one)} restored`,
      message: `${reg.titleOf(record)} is back in the register${alsoIds.length > 0 ? `, with the ${alsoIds.length} archived with it` : ''}.`,
    });
    onChanged();
  } catch (err) {
    notifications.show({ color: 'red', title: 'Not restored', message: toApiError(err).message });
  }
}

/**
 * Asks before archiving. A record with current records below it in its tree (a vendor's sub-processors) says
 * so, naming them, and offers to archive them too, in one step that one Undo takes back.
 */
function askToArchive(
  reg: Register,
  record: Rec,
  onChanged: () => void,
  below: { id: number; name: string }[] = [],
): void {
  const title = reg.titleOf(record);
  let withBelow = false;
  const n = below.length;
  const what = `${n} ${n === 1 ? reg.noun.one : reg.noun.other}`;
  modals.openConfirmModal({
    title: `Archive ${title}?`,
    children: (
      <Stack gap="sm">
        {n > 0 && (
          <Alert
            color="orange"
            title={`${what} ${n === 1 ? 'hangs' : 'hang'} from ${title} (${reg.tree?.name})`}
          >
            <Text size="sm">
              {below
                .slice(0, 8)
                .map((b) => b.name)
                .join(', ')}
              {n > 8 ? ` and ${n - 8} more` : ''}.
            </Text>
            <Checkbox
              mt="xs"
              label={`Archive ${n === 1 ? 'it' : `these ${n}`} too`}
              onChange={(e) => {
                withBelow = e.currentTarget.checked;
              }}
            />
          </Alert>
        )}
        <Text size="sm">
          Archived {reg.noun.other} leave the register and its pickers, but keep their record and change
          history. You can restore them at any time.
        </Text>
      </Stack>
    ),
    labels: { confirm: 'Archive', cancel: 'Cancel' },
    confirmProps: { color: 'red', leftSection: <IconArchive size={16} /> },
    onConfirm: async () => {
      const taken = withBelow ? below.map((b) => b.id) : [];
      try {
        await registerApi(reg).archive(record.id, withBelow);
      } catch (err) {
        notifications.show({ color: 'red', title: 'Not archived', message: toApiError(err).message });
        return;
      }
      const id = notifications.show({
        color: 'green',
        title: `${capitalised(reg.noun.one)} archived`,
        autoClose: 10_000,
        message: (
          <Group gap="xs" justify="space-between" wrap="nowrap">
            <span>
              {title}
              {taken.length > 0 ? ` and ${what}` : ''} left the register.
            </span>
            <Button
              size="compact-sm"
              variant="light"
              leftSection={<IconArrowBackUp size={14} />}
              onClick={() => {
                notifications.hide(id);
                void restore(reg, record, onChanged, taken);
              }}
            >
              Undo
            </Button>
          </Group>
        ),
      });
      archivedToasts.set(`${reg.name}/${record.id}`, id);
      onChanged();
    },
  });
}

/**
 * One record's page, the same for every register: the form on the left, what the workbench derives on the
 * right (the register's facts panel), the change history at the bottom. With no `detail` it is the blank form
 * for a new record, filled with `prefill` (a transfer created from a vendor's gap).
 */
export function RecordEditor({
  reg,
  ui,
  detail,
  prefill,
  onSaved,
  onChanged,
}: {
  reg: Register;
  ui: RegisterUi;
  detail: RecordDetail | null;
  prefill?: Record<string, unknown>;
  onSaved: (record: Rec) => void;
  /** Asks the page to fetch the record again after an archive, restore or conflict. */
  onChanged?: () => Promise<RecordDetail | null>;
}) {
  const record = detail?.record ?? null;
  const noun = reg.noun.one;
  const form = useRecordForm({
    reg,
    initial: record ? formValuesFrom(reg, record) : blankValues(reg, prefill),
    recordId: record?.id,
    expectedUpdatedAt: record?.updatedAt,
    onSaved: (saved) => {
      form.reset(formValuesFrom(reg, saved));
      releaseLeaveGuard();
      onSaved(saved);
    },
  });

  const leave = useCallback(() => confirmLeave(reg), [reg]);
  useLeaveGuard(form.dirty && !form.saving, leave);
  useHotkeys(
    [
      [
        'mod+S',
        () => {
          if (!form.saving) void form.save();
        },
      ],
    ],
    [],
  );

  // After navigation, focus goes where work starts: the first field of a new record, or the record's title.
  const titleRef = useRef<HTMLHeadingElement>(null);
  const isNew = record === null;
  useEffect(() => {
    const first = reg.fieldList.find((f) => f.field.form)?.name;
    if (isNew && first) document.getElementById(inputId(reg, first))?.focus();
    else titleRef.current?.focus({ preventScroll: true });
  }, [isNew, reg]);

  // The conflict notice sits above the form; bring it into view wherever the user was editing.
  const conflictRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!form.conflict) return;
    conflictRef.current?.scrollIntoView({ block: 'nearest' });
    conflictRef.current?.focus({ preventScroll: true });
  }, [form.conflict]);

  const refresh = () => void onChanged?.();
  const title = record ? reg.titleOf(record) : `New ${noun}`;
  const refLabels = Object.fromEntries([
    ...reg.fieldList
      .filter((f) => f.field.ref)
      .map((f) => [f.name, (record?.[f.field.ref!.nameKey] as string | null | undefined) ?? null]),
    ...reg.fieldList
      .filter((f) => f.field.refs)
      .map((f) => [f.name, (record?.[f.field.refs!.nameKey] as (string | null)[] | undefined) ?? []]),
  ]) as Record<string, string | null | (string | null)[]>;

  return (
    <div className="page">
      <div className="page-toolbar">
        <Group justify="space-between" wrap="nowrap">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Breadcrumbs separatorMargin={6} fz="sm">
              <Anchor
                href={`#/${reg.name}`}
                size="sm"
                onClick={(e) => {
                  e.preventDefault();
                  void navigate(`/${reg.name}`);
                }}
              >
                {reg.title}
              </Anchor>
              <Text size="sm" c="dimmed" truncate>
                {record ? `${capitalised(noun)} record` : `New ${noun}`}
              </Text>
            </Breadcrumbs>
            <Group gap="xs" wrap="nowrap">
              <Title
                order={1}
                size="h3"
                lineClamp={1}
                ref={titleRef}
                tabIndex={-1}
                style={{ outline: 'none' }}
              >
                {title}
              </Title>
              <Group gap={4} wrap="nowrap" style={{ flex: 'none' }}>
                {record && ui.headerChips?.(record)}
                {record?.archived && <StatusChip color="gray">Archived</StatusChip>}
              </Group>
              {form.dirty && (
                <Text size="xs" c="dimmed">
                  Unsaved changes
                </Text>
              )}
            </Group>
          </Stack>
          <Group gap="xs" wrap="nowrap">
            {record &&
              (record.archived ? (
                <Button
                  variant="default"
                  leftSection={<IconArrowBackUp size={16} />}
                  onClick={() => void restore(reg, record, refresh)}
                >
                  Restore
                </Button>
              ) : (
                <Button
                  variant="default"
                  leftSection={<IconArchive size={16} />}
                  onClick={() =>
                    askToArchive(
                      reg,
                      record,
                      refresh,
                      (
                        (
                          detail as
                            { children?: { id: number; name: string; archived: boolean }[] } | undefined
                        )?.children ?? []
                      ).filter((c) => !c.archived),
                    )
                  }
                >
                  Archive
                </Button>
              ))}
            <Button
              type="submit"
              form={`${reg.entity}-form`}
              loading={form.saving}
              leftSection={<IconDeviceFloppy size={16} />}
              title="Save (Ctrl+S)"
            >
              Save
            </Button>
          </Group>
        </Group>
      </div>
      <div className="page-scroll">
        <Stack p="md" gap="md" maw={1400}>
          {form.conflict && (
            <Alert
              ref={conflictRef}
              tabIndex={-1}
              color="red"
              title={`Someone else saved this ${noun} after you opened it`}
              role="alert"
            >
              <Stack gap="xs">
                <Text size="sm">
                  Your edits are still in the form. Take their version to start again from what is saved now,
                  or keep your edits and save again to replace theirs.
                </Text>
                <Group gap="xs">
                  <Button
                    size="xs"
                    variant="default"
                    onClick={async () => {
                      const latest = await onChanged?.();
                      if (latest) form.reset(formValuesFrom(reg, latest.record));
                    }}
                  >
                    Show their version
                  </Button>
                  <Button
                    size="xs"
                    variant="default"
                    onClick={async () => {
                      await onChanged?.();
                      form.dismissConflict();
                    }}
                  >
                    Keep my edits
                  </Button>
                </Group>
              </Stack>
            </Alert>
          )}
          {record?.archived && (
            <Alert color="gray" title={`This ${noun} is archived`}>
              It is hidden from the register and from its pickers. Restore it to bring it back.
            </Alert>
          )}
          <Grid gap="md">
            {/* From 992 px wide the facts stay beside the form (and scroll on their own), never below it. */}
            <Grid.Col span={{ base: 12, md: 8 }}>
              <FormFields
                reg={reg}
                form={form}
                recordId={record?.id}
                refLabels={refLabels}
                onSubmit={() => void form.save()}
                editors={ui.editors}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <div className="record-side">
                {detail ? (
                  ui.Facts && <ui.Facts reg={reg} detail={detail} onChanged={refresh} />
                ) : (
                  <Paper withBorder p="md" radius="md" component="aside" aria-label="About this form">
                    <Title order={2} size="h5" mb="xs">
                      {ui.newAside.title}
                    </Title>
                    <Text size="sm">{ui.newAside.text}</Text>
                  </Paper>
                )}
              </div>
            </Grid.Col>
          </Grid>
          {detail && <ChangeHistory reg={reg} history={detail.history} />}
        </Stack>
      </div>
    </div>
  );
}
