import { Alert, Button, Checkbox, Group, Paper, Radio, Select, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconFolderOpen } from '@tabler/icons-react';
import { useState } from 'react';
import type { ExportFormat, ExportLayout, ExportResult } from '../../../shared/export';
import { registers } from '../../../shared/registers/index';
import type { ApiError } from '../api/client';
import { chooseExportTarget, downloadExport, invoke, showExportedFile, toApiError } from '../api/client';

/** What a DPO chooses to export: the workbench's own workbook, one register as CSV, a report, or a template. */
type Kind = 'workbook' | 'csv' | 'pdf' | 'ico-ropa' | 'cnil';

const KINDS: { value: Kind; label: string; description: string }[] = [
  {
    value: 'workbook',
    label: 'Workbook for an auditor (.xlsx)',
    description:
      'A cover sheet, one sheet per register, risks and filings on their own sheets, and the audit log. It can be edited and imported back.',
  },
  {
    value: 'pdf',
    label: 'PDF report',
    description: 'A summary of what is due and at risk, then each register.',
  },
  { value: 'csv', label: 'One register as CSV', description: 'UTF-8, for tools that take CSV.' },
  {
    value: 'ico-ropa',
    label: 'ICO record of processing (.xlsx)',
    description: 'The processing activities in the columns of the ICO’s controller template.',
  },
  {
    value: 'cnil',
    label: 'CNIL register (.xlsx)',
    description: 'The processing activities under the headings of the CNIL’s register, in French.',
  },
];

function suggestedName(kind: Kind, csvRegister: string): string {
  const day = new Date().toISOString().slice(0, 10);
  if (kind === 'csv') return `${csvRegister}-${day}.csv`;
  if (kind === 'pdf') return `dpo-report-${day}.pdf`;
  if (kind === 'ico-ropa' || kind === 'cnil') return `${kind}-${day}.xlsx`;
  return `dpo-registers-${day}.xlsx`;
}

/**
 * The Export half of the Import / Export page: what to export, then a progress bar with cancel, then the file
 * (downloaded in the browser; saved where the user chose in the desktop app, with "Show in folder").
 */
export function ExportPanel({
  busy,
  run,
}: {
  busy: boolean;
  run: <T>(label: string, step: (jobId: string) => Promise<T>) => Promise<T>;
}) {
  const [kind, setKind] = useState<Kind>('workbook');
  const [chosen, setChosen] = useState<string[]>(registers.map((r) => r.name));
  const [csvRegister, setCsvRegister] = useState<string>('vendors');
  const [includeArchived, setIncludeArchived] = useState(false);
  const [auditLog, setAuditLog] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<(ExportResult & { saveId: string | null }) | null>(null);
  const many = kind === 'workbook' || kind === 'pdf';

  async function doExport() {
    setError(null);
    setDone(null);
    try {
      const target = await chooseExportTarget(suggestedName(kind, csvRegister));
      if (!target) return;
      const format: ExportFormat = kind === 'csv' ? 'csv' : kind === 'pdf' ? 'pdf' : 'xlsx';
      const layout: ExportLayout = kind === 'ico-ropa' || kind === 'cnil' ? kind : 'workbench';
      const result = await run('Exporting', (jobId) =>
        invoke('export:run', {
          format,
          layout,
          registers: (kind === 'csv' ? [csvRegister] : many ? chosen : []) as never,
          includeArchived,
          auditLog,
          target: 'saveId' in target ? { saveId: target.saveId } : { download: true },
          jobId,
        }),
      );
      if (result.downloadId) await downloadExport(result.downloadId, result.file);
      setDone({ ...result, saveId: 'saveId' in target ? target.saveId : null });
      const rows = Object.values(result.sheets).reduce((a, b) => a + b, 0);
      notifications.show({
        color: 'green',
        title: 'Export done',
        message: `${result.file.split(/[\\/]/).pop()}: ${rows.toLocaleString()} rows.`,
      });
    } catch (err) {
      const e = toApiError(err);
      if (e.code === 'CANCELLED') {
        notifications.show({ color: 'gray', title: 'Export cancelled', message: 'No file was written.' });
      } else setError(e);
    }
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="export-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="export-title">
          Export
        </Title>
        <Radio.Group value={kind} onChange={(v) => setKind(v as Kind)} label="What to export">
          <Stack gap={6} mt={4}>
            {KINDS.map((k) => (
              <Radio
                key={k.value}
                value={k.value}
                label={k.label}
                description={k.description}
                disabled={busy}
              />
            ))}
          </Stack>
        </Radio.Group>
        {many && (
          <Checkbox.Group value={chosen} onChange={setChosen} label="Registers">
            <Group gap="md" mt={4}>
              {registers.map((r) => (
                <Checkbox key={r.name} value={r.name} label={r.title} disabled={busy} />
              ))}
            </Group>
          </Checkbox.Group>
        )}
        {kind === 'csv' && (
          <Select
            label="Register"
            w={260}
            data={registers.map((r) => ({ value: r.name, label: r.title }))}
            value={csvRegister}
            allowDeselect={false}
            onChange={(v) => v && setCsvRegister(v)}
            disabled={busy}
          />
        )}
        <Group gap="lg">
          <Checkbox
            label="Include archived records"
            checked={includeArchived}
            onChange={(e) => setIncludeArchived(e.currentTarget.checked)}
            disabled={busy}
          />
          {kind === 'workbook' && (
            <Checkbox
              label="Include the audit log"
              checked={auditLog}
              onChange={(e) => setAuditLog(e.currentTarget.checked)}
              disabled={busy}
            />
          )}
        </Group>
        {error && (
          <Alert color="red" title="The export failed" role="alert">
            {error.message}
          </Alert>
        )}
        <Group>
          <Button
            leftSection={<IconDownload size={16} />}
            onClick={() => void doExport()}
            disabled={busy || (many && chosen.length === 0)}
          >
            Export…
          </Button>
          {many && chosen.length === 0 && (
            <Text size="sm" c="dimmed">
              Choose at least one register.
            </Text>
          )}
        </Group>
        {done && (
          <Alert color="green" title="Exported" data-testid="export-done">
            <Stack gap={4}>
              <Text size="sm">
                {done.file.split(/[\\/]/).pop()} · {(done.bytes / 1024).toFixed(0)} KB ·{' '}
                {Object.entries(done.sheets)
                  .map(([name, rows]) => `${name} ${rows.toLocaleString()}`)
                  .join(', ')}
              </Text>
              {done.saveId && (
                <Group>
                  <Button
                    size="compact-sm"
                    variant="default"
                    leftSection={<IconFolderOpen size={14} />}
                    onClick={() => void showExportedFile(done.saveId!)}
                  >
                    Show in folder
                  </Button>
                </Group>
              )}
            </Stack>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
