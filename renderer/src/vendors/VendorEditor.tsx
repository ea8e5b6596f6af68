import { Alert, Anchor, Breadcrumbs, Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconArrowBackUp, IconDeviceFloppy } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import type { Vendor, VendorDetail } from '../../../shared/domain/vendor';
import { invoke, toApiError } from '../api/client';
import { navigate, releaseLeaveGuard, useLeaveGuard } from '../app/router';
import { StatusChip } from '../components/StatusChip';
import { ChangeHistory } from './ChangeHistory';
import { dpaStatusLabels } from './labels';
import { useVendorForm } from './use-vendor-form';
import { blankVendor, formValuesFrom } from './vendor-form';
import { VendorFacts } from './VendorFacts';
import { VendorFormFields } from './VendorFormFields';

function confirmLeave(): Promise<boolean> {
  return new Promise((resolve) => {
    modals.openConfirmModal({
      title: 'Leave without saving?',
      children: (
        <Text size="sm">Your changes to this vendor are not saved yet. If you leave, they are lost.</Text>
      ),
      labels: { confirm: 'Leave without saving', cancel: 'Stay on this vendor' },
      confirmProps: { color: 'red' },
      onConfirm: () => resolve(true),
      // Runs after onConfirm too; by then the promise is settled and this does nothing.
      onClose: () => resolve(false),
    });
  });
}

/** The "archived" toast (with its Undo) of each vendor, so restoring by any route also takes it away. */
const archivedToasts = new Map<number, string>();

async function restore(vendor: Vendor, onChanged: () => void): Promise<void> {
  try {
    await invoke('vendors:restore', { id: vendor.id });
    const toast = archivedToasts.get(vendor.id);
    if (toast) notifications.hide(toast);
    archivedToasts.delete(vendor.id);
    notifications.show({
      color: 'green',
      title: 'Vendor restored',
      message: `${vendor.name} is back in the register.`,
    });
    onChanged();
  } catch (err) {
    notifications.show({ color: 'red', title: 'Not restored', message: toApiError(err).message });
  }
}

function askToArchive(vendor: Vendor, onChanged: () => void): void {
  modals.openConfirmModal({
    title: `Archive ${vendor.name}?`,
    children: (
      <Text size="sm">
        Archived vendors leave the register and the parent picker, but keep their record and change history.
        You can restore them at any time.
      </Text>
    ),
    labels: { confirm: 'Archive', cancel: 'Cancel' },
    confirmProps: { color: 'red', leftSection: <IconArchive size={16} /> },
    onConfirm: async () => {
      try {
        await invoke('vendors:archive', { id: vendor.id });
      } catch (err) {
        notifications.show({ color: 'red', title: 'Not archived', message: toApiError(err).message });
        return;
      }
      const id = notifications.show({
        color: 'green',
        title: 'Vendor archived',
        autoClose: 10_000,
        message: (
          <Group gap="xs" justify="space-between" wrap="nowrap">
            <span>{vendor.name} left the register.</span>
            <Button
              size="compact-sm"
              variant="light"
              leftSection={<IconArrowBackUp size={14} />}
              onClick={() => {
                notifications.hide(id);
                void restore(vendor, onChanged);
              }}
            >
              Undo
            </Button>
          </Group>
        ),
      });
      archivedToasts.set(vendor.id, id);
      onChanged();
    },
  });
}

/**
 * One vendor's page: the form on the left, what the workbench derives on the right, the change history at the
 * bottom. With no `detail` it is the blank form for a new vendor.
 */
export function VendorEditor({
  detail,
  onSaved,
  onChanged,
}: {
  detail: VendorDetail | null;
  onSaved: (vendor: Vendor) => void;
  /** Asks the page to fetch the vendor again after an archive, restore or conflict. */
  onChanged?: () => Promise<VendorDetail | null>;
}) {
  const vendor = detail?.vendor ?? null;
  const form = useVendorForm({
    initial: vendor ? formValuesFrom(vendor) : blankVendor,
    vendorId: vendor?.id,
    expectedUpdatedAt: vendor?.updatedAt,
    onSaved: (saved) => {
      form.reset(formValuesFrom(saved));
      releaseLeaveGuard();
      onSaved(saved);
    },
  });

  useLeaveGuard(form.dirty && !form.saving, confirmLeave);
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

  // After navigation, focus goes where work starts: the name of a new vendor, or the record's title.
  const titleRef = useRef<HTMLHeadingElement>(null);
  const isNew = vendor === null;
  useEffect(() => {
    if (isNew) document.getElementById('vendor-name')?.focus();
    else titleRef.current?.focus({ preventScroll: true });
  }, [isNew]);

  // The conflict notice sits above the form; bring it into view wherever the user was editing.
  const conflictRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!form.conflict) return;
    conflictRef.current?.scrollIntoView({ block: 'nearest' });
    conflictRef.current?.focus({ preventScroll: true });
  }, [form.conflict]);

  const refresh = () => void onChanged?.();
  const title = vendor ? vendor.name : 'New vendor';
  const dpa = vendor ? dpaStatusLabels[vendor.effectiveDpaStatus] : null;

  return (
    <div className="page">
      <div className="page-toolbar">
        <Group justify="space-between" wrap="nowrap">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Breadcrumbs separatorMargin={6} fz="sm">
              <Anchor
                href="#/vendors"
                size="sm"
                onClick={(e) => {
                  e.preventDefault();
                  void navigate('/vendors');
                }}
              >
                Vendors
              </Anchor>
              <Text size="sm" c="dimmed" truncate>
                {vendor ? 'Vendor record' : 'New vendor'}
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
              {dpa && <StatusChip color={dpa.color}>DPA: {dpa.label}</StatusChip>}
              {vendor?.reviewOverdue && <StatusChip color="red">Review overdue</StatusChip>}
              {vendor?.archived && <StatusChip color="gray">Archived</StatusChip>}
              {form.dirty && (
                <Text size="xs" c="dimmed">
                  Unsaved changes
                </Text>
              )}
            </Group>
          </Stack>
          <Group gap="xs" wrap="nowrap">
            {vendor &&
              (vendor.archived ? (
                <Button
                  variant="default"
                  leftSection={<IconArrowBackUp size={16} />}
                  onClick={() => void restore(vendor, refresh)}
                >
                  Restore
                </Button>
              ) : (
                <Button
                  variant="default"
                  leftSection={<IconArchive size={16} />}
                  onClick={() => askToArchive(vendor, refresh)}
                >
                  Archive
                </Button>
              ))}
            <Button
              type="submit"
              form="vendor-form"
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
              title="Someone else saved this vendor after you opened it"
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
                      if (latest) form.reset(formValuesFrom(latest.vendor));
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
          {vendor?.archived && (
            <Alert color="gray" title="This vendor is archived">
              It is hidden from the register and from the parent picker. Restore it to bring it back.
            </Alert>
          )}
          <Grid gap="md">
            <Grid.Col span={{ base: 12, lg: 8 }}>
              <VendorFormFields
                form={form}
                vendorId={vendor?.id}
                parentName={vendor?.parentName ?? null}
                onSubmit={() => void form.save()}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 4 }}>
              <div style={{ position: 'sticky', top: 0 }}>
                {detail ? (
                  <VendorFacts detail={detail} />
                ) : (
                  <Paper withBorder p="md" radius="md" component="aside" aria-label="About this form">
                    <Title order={2} size="h5" mb="xs">
                      Only the name is required
                    </Title>
                    <Text size="sm">
                      Fill in what you know now. Once saved, the record shows the DPA status its dates give,
                      the processing countries outside the EEA that need a transfer mechanism, and where the
                      vendor sits in the sub-processor chain.
                    </Text>
                  </Paper>
                )}
              </div>
            </Grid.Col>
          </Grid>
          {detail && <ChangeHistory history={detail.history} />}
        </Stack>
      </div>
    </div>
  );
}
