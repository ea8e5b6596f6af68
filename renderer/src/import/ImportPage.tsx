import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Divider,
  FileButton,
  Group,
  List,
  NumberInput,
  Paper,
  Progress,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconDeviceFloppy, IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import type {
  CommitResult,
  DuplicatePolicy,
  ImportRegister,
  ImportRecord,
  ImportRequest,
  InspectResult,
  MappingPreset,
  PreviewResult,
  UnsureMatch,
} from '../../../shared/import/types';
import { importProfile, lowerLabel, readsDates, unmappedRequired } from '../../../shared/import/profile';
import { ImportRegisterNames, registerByName, registers } from '../../../shared/registers/index';
import type { ApiError, ChosenFile } from '../api/client';
import { hasNativeFilePicker, invoke, toApiError, uploadImportFile } from '../api/client';
import { navigate } from '../app/router';
import { confirmUndo, ImportHistory } from './ImportHistory';
import { duplicatePolicyLabels } from './labels';
import type { ColumnChoice } from './MappingTable';
import { MappingTable } from './MappingTable';
import { ExportPanel } from './ExportPanel';
import { PreviewPanel } from './PreviewPanel';
import { RoundTripPanel } from './RoundTripPanel';
import { UnsureQuestions, type UnsureAnswer } from './UnsureQuestions';
import type { RunningJob } from './use-import-job';
import { useImportJob } from './use-import-job';

const ACCEPT =
  '.xlsx,.csv,.txt,.tsv,.xls,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function JobProgress({ job, onCancel }: { job: RunningJob; onCancel: () => void }) {
  const p = job.progress;
  const percent = p?.percent ?? 0;
  const waiting = p?.message?.startsWith('waiting') ? p.message.replace(/^waiting: /, '') : null;
  const rows = waiting
    ? `Waiting for another job to finish (${waiting})`
    : p
      ? `${p.done.toLocaleString()}${p.total ? ` of ${p.total.toLocaleString()}` : ''} rows`
      : 'Starting…';
  return (
    <Paper withBorder p="sm" role="status" aria-live="polite">
      <Group justify="space-between" mb={6}>
        <Text size="sm" fw={500}>
          {job.label}
        </Text>
        <Group gap="sm">
          <Text size="sm" c="dimmed" data-testid="job-rows">
            {rows} · {Math.round(percent)}%
          </Text>
          <Button size="compact-sm" variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Group>
      <Progress
        value={percent}
        animated={percent < 100}
        aria-label={`${job.label}: ${Math.round(percent)}%`}
      />
    </Paper>
  );
}

function choicesFrom(inspected: InspectResult): ColumnChoice[] {
  return inspected.columns.map((c) => ({
    column: c.column,
    header: c.header,
    field: c.field,
    dateOrder: c.dateOrder === 'dmy' || c.dateOrder === 'mdy' ? c.dateOrder : null,
    scale: c.scale ?? null,
  }));
}

function SavePresetForm({ onSave }: { onSave: (name: string) => Promise<void> }) {
  const [name, setName] = useState('');
  const [saving, setSaving] = useState(false);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!name.trim()) return;
        setSaving(true);
        void onSave(name.trim()).finally(() => setSaving(false));
      }}
    >
      <Stack gap="sm">
        <TextInput
          label="Name of the mapping"
          description="Files whose headers match are mapped the same way when you apply it."
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          data-autofocus
          required
        />
        <Group justify="flex-end">
          <Button type="submit" loading={saving} leftSection={<IconDeviceFloppy size={16} />}>
            Save mapping
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * Import / Export: choose the register and a spreadsheet, check how its columns map to the register's fields,
 * see what the import will do, run it with a progress bar (cancellable), and undo it later. Every step is the
 * core's; this page only shows the steps and their answers.
 */
export function ImportPage({ register: initialRegister }: { register?: string }) {
  const [registerName, setRegisterName] = useState(
    initialRegister && registerByName(initialRegister) ? initialRegister : 'vendors',
  );
  const reg = registerByName(registerName)!;
  const register = registerName as ImportRegister;
  const profile = importProfile(reg);
  const noun = reg.noun;
  const { job, run, cancel } = useImportJob();
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [inspected, setInspected] = useState<InspectResult | null>(null);
  const [choices, setChoices] = useState<ColumnChoice[]>([]);
  const [headerRow, setHeaderRow] = useState<number | string>('');
  const [onDuplicate, setOnDuplicate] = useState<DuplicatePolicy>('skip');
  const [expandRegions, setExpandRegions] = useState(false);
  const [preview, setPreview] = useState<PreviewResult | null>(null);
  /** Rows matched on an unsure duplicate, as the previews of this file listed them, and the user's answers. */
  const [questions, setQuestions] = useState<UnsureMatch[]>([]);
  const [answers, setAnswers] = useState<Record<number, UnsureAnswer>>({});
  const [result, setResult] = useState<(CommitResult & { fileName: string }) | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [presets, setPresets] = useState<MappingPreset[]>([]);
  const [history, setHistory] = useState<ImportRecord[]>([]);
  const nativePicker = hasNativeFilePicker();
  /** A workbook the workbench exported itself (its hidden _meta sheet): it comes back as a round trip. */
  const isExport = inspected?.sheets.some((s) => s.name === '_meta' && s.hidden) === true;

  const refresh = useCallback(() => {
    invoke('import:list', {})
      .then((p) => setHistory(p.rows))
      .catch(() => undefined);
    invoke('import:presets:list', { register: register })
      .then(setPresets)
      .catch(() => undefined);
  }, [register]);
  useEffect(refresh, [refresh]);

  /** Another register: the file is chosen again, for that register's vocabulary. */
  function switchTo(name: string) {
    setRegisterName(name);
    setFile(null);
    setInspected(null);
    setPreview(null);
    setResult(null);
    setError(null);
  }

  async function inspect(
    chosen: ChosenFile,
    extra: { sheet?: string; headerRow?: number; preset?: string } = {},
  ) {
    setError(null);
    setPreview(null);
    setQuestions([]);
    setAnswers({});
    try {
      const r = await run('Reading the file', (jobId) =>
        invoke('import:inspect', {
          source: { fileId: chosen.fileId },
          register: register,
          ...extra,
          jobId,
        }),
      );
      setInspected(r);
      setChoices(choicesFrom(r));
      setHeaderRow(r.headerRow);
    } catch (err) {
      setError(toApiError(err));
    }
  }

  async function choose(picked: File | null) {
    if (!picked && !nativePicker) return;
    setError(null);
    setResult(null);
    setInspected(null);
    setPreview(null);
    try {
      const chosen = await uploadImportFile(picked as File);
      setFile(chosen);
      await inspect(chosen);
    } catch (err) {
      const e = toApiError(err);
      if (e.code !== 'CANCELLED') setError(e);
    }
  }

  const apartRows = (given: Record<number, UnsureAnswer>) =>
    Object.entries(given)
      .filter(([, a]) => a === 'apart')
      .map(([row]) => Number(row));
  const request = (jobId: string, given = answers): ImportRequest | null =>
    file && inspected
      ? {
          source: { fileId: file.fileId },
          register: register,
          sheet: inspected.sheet,
          headerRow: inspected.headerRow,
          columns: choices.map((c) => ({
            column: c.column,
            header: c.header,
            field: c.field,
            ...(c.dateOrder ? { dateOrder: c.dateOrder } : {}),
            ...(c.scale ? { scale: c.scale } : {}),
          })),
          options: { onDuplicate, expandRegions, apart: apartRows(given) },
          expectedRows: inspected.rowCount ?? undefined,
          jobId,
        }
      : null;

  async function doPreview(given = answers) {
    setError(null);
    try {
      const p = await run('Checking every row', (jobId) => invoke('import:preview', request(jobId, given)!));
      setPreview(p);
      // A row answered "different companies" is no longer listed as unsure; its question stays, with its answer.
      setQuestions((known) => [...known, ...p.unsure.filter((q) => !known.some((k) => k.row === q.row))]);
    } catch (err) {
      setError(toApiError(err));
    }
  }

  /** An answer changes what the import does with the row: the preview is checked again with it. */
  function answer(row: number, value: UnsureAnswer) {
    const next = { ...answers, [row]: value };
    setAnswers(next);
    void doPreview(next);
  }
  const unanswered = questions.filter((q) => !answers[q.row]).length;

  async function doCommit() {
    setError(null);
    const fileName = inspected?.fileName ?? '';
    try {
      const r = await run('Importing', (jobId) => invoke('import:commit', request(jobId)!));
      setResult({ ...r, fileName });
      notifications.show({
        color: 'green',
        title: 'Import done',
        message: `${r.created.toLocaleString()} new ${noun.other} and ${r.updated.toLocaleString()} updated from ${fileName}.`,
      });
      // The upload is gone once imported: a new import starts from choosing a file.
      setFile(null);
      setInspected(null);
      setPreview(null);
      refresh();
    } catch (err) {
      const e = toApiError(err);
      if (e.code === 'CANCELLED') {
        notifications.show({ color: 'gray', title: 'Import cancelled', message: 'Nothing was written.' });
      } else setError(e);
    }
  }

  function undo(
    record: Pick<ImportRecord, 'id' | 'fileName' | 'created' | 'updated' | 'merged' | 'register'>,
  ) {
    confirmUndo(record, async () => {
      const r = await run('Undoing the import', (jobId) => invoke('import:undo', { id: record.id, jobId }));
      const undoneNoun = registerByName(r.register)?.noun.other ?? 'records';
      notifications.show({
        color: 'green',
        title: 'Import undone',
        message: `${r.removed.toLocaleString()} ${undoneNoun} removed, ${r.reverted.toLocaleString()} restored.`,
      });
      setResult((current) => (current?.importId === record.id ? null : current));
      refresh();
    });
  }

  function savePreset() {
    const id = modals.open({
      title: 'Save this mapping',
      children: (
        <SavePresetForm
          onSave={async (name) => {
            try {
              await invoke('import:presets:save', {
                register: register,
                name,
                mapping: Object.fromEntries(choices.map((c) => [c.header, c.field])),
              });
              notifications.show({
                color: 'green',
                title: 'Mapping saved',
                message: `“${name}” can be applied to the next file.`,
              });
              modals.close(id);
              refresh();
            } catch (err) {
              notifications.show({ color: 'red', title: 'Not saved', message: toApiError(err).message });
            }
          }}
        />
      ),
    });
  }

  const busy = job !== null;
  const unmapped = unmappedRequired(
    profile,
    choices.map((c) => c.field),
  );
  const hasName = unmapped.length === 0;
  const missingOrders = inspected
    ? inspected.columns.filter((col) => {
        const c = choices.find((x) => x.column === col.column);
        return (
          c?.field &&
          readsDates(profile.byName.get(c.field)) &&
          (col.dateOrder === 'ambiguous' || col.dateOrder === 'mixed') &&
          !c.dateOrder
        );
      })
    : [];
  const change = (column: number, patch: Partial<ColumnChoice>) => {
    setChoices((cs) => cs.map((c) => (c.column === column ? { ...c, ...patch } : c)));
    setPreview(null);
  };

  return (
    <Stack p="lg" gap="md" maw={1200}>
      <div>
        <Title order={1} size="h3">
          Import / Export
        </Title>
        <Text size="sm" c="dimmed">
          Bring a list into a register from a spreadsheet (.xlsx, .csv or .txt, up to 100 MB): a procurement
          export, a vendor’s published sub-processor list, a transfer register, last year’s records, or a
          workbook exported here and edited. Export the registers for an auditor below.
        </Text>
      </div>

      <Group gap="sm" align="center">
        <Text size="sm" fw={500} id="import-register-label">
          Import into
        </Text>
        <SegmentedControl
          aria-labelledby="import-register-label"
          data={registers
            .filter((r) => (ImportRegisterNames as readonly string[]).includes(r.name))
            .map((r) => ({ value: r.name, label: r.title }))}
          value={registerName}
          disabled={busy}
          onChange={switchTo}
        />
      </Group>

      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            1. Choose a file
          </Title>
          <Group>
            {nativePicker ? (
              <Button
                leftSection={<IconFileSpreadsheet size={16} />}
                onClick={() => void choose(null)}
                disabled={busy}
              >
                Choose a spreadsheet…
              </Button>
            ) : (
              <FileButton onChange={(f) => void choose(f)} accept={ACCEPT}>
                {(props) => (
                  <Button {...props} leftSection={<IconUpload size={16} />} disabled={busy}>
                    Choose a spreadsheet…
                  </Button>
                )}
              </FileButton>
            )}
            {file && (
              <Text size="sm" data-testid="chosen-file">
                {file.fileName} · {(file.size / 1024).toFixed(file.size < 10_240 ? 1 : 0)} KB
              </Text>
            )}
          </Group>
          {inspected && isExport && (
            <Text size="sm" c="dimmed">
              A workbook exported by the workbench, {inspected.sheets.filter((x) => !x.hidden).length} sheets.
            </Text>
          )}
          {inspected && !isExport && (
            <Stack gap="xs">
              <Text size="sm" c="dimmed">
                {inspected.format === 'xlsx'
                  ? `Excel workbook, ${inspected.sheets.length} sheet${inspected.sheets.length === 1 ? '' : 's'}`
                  : `Text file, ${inspected.encoding?.toUpperCase()}, separated by ${
                      inspected.delimiter === '\t' ? 'tabs' : `“${inspected.delimiter}”`
                    }`}
                {' · '}
                {(inspected.rowCount ?? 0).toLocaleString()} data rows below the header in row{' '}
                {inspected.headerRow}
              </Text>
              <Group align="flex-end">
                {inspected.sheets.length > 1 && (
                  <Select
                    label="Sheet"
                    data={inspected.sheets.map((s) => ({
                      value: s.name,
                      label: s.hidden ? `${s.name} (hidden)` : s.name,
                    }))}
                    value={inspected.sheet}
                    allowDeselect={false}
                    disabled={busy}
                    onChange={(sheet) => sheet && file && void inspect(file, { sheet })}
                  />
                )}
                <NumberInput
                  label="Header row"
                  min={1}
                  w={120}
                  value={headerRow}
                  onChange={setHeaderRow}
                  disabled={busy}
                />
                <Button
                  variant="default"
                  disabled={
                    busy || !file || typeof headerRow !== 'number' || headerRow === inspected.headerRow
                  }
                  onClick={() =>
                    file &&
                    void inspect(file, { sheet: inspected.sheet ?? undefined, headerRow: Number(headerRow) })
                  }
                >
                  Read from this row
                </Button>
              </Group>
              {inspected.warnings.length > 0 && (
                <Alert variant="light" color="yellow" title="Worth a look" p="xs">
                  <List size="sm" spacing={2}>
                    {inspected.warnings.map((w) => (
                      <List.Item key={w}>{w}</List.Item>
                    ))}
                  </List>
                  {inspected.looksLike && (
                    <Button
                      mt="xs"
                      size="compact-sm"
                      variant="light"
                      onClick={() => switchTo(inspected.looksLike!.register)}
                    >
                      Import into {inspected.looksLike.title} (choose the file again)
                    </Button>
                  )}
                </Alert>
              )}
            </Stack>
          )}
        </Stack>
      </Paper>

      {job && <JobProgress job={job} onCancel={() => void cancel()} />}

      {inspected && file && isExport && (
        <RoundTripPanel
          file={file}
          busy={busy}
          run={run}
          onDone={() => {
            setFile(null);
            setInspected(null);
            refresh();
          }}
        />
      )}

      {error && (
        <Alert
          color="red"
          title="The file cannot be imported as it is"
          role="alert"
          withCloseButton
          onClose={() => setError(null)}
        >
          <Text size="sm">{error.message}</Text>
          {(error.details as { problem?: string } | undefined)?.problem === 'no-header' && file && (
            <Group mt="xs" align="flex-end">
              <NumberInput label="Header row" min={1} w={120} value={headerRow} onChange={setHeaderRow} />
              <Button
                variant="default"
                disabled={typeof headerRow !== 'number'}
                onClick={() => void inspect(file, { headerRow: Number(headerRow) })}
              >
                Read from this row
              </Button>
            </Group>
          )}
        </Alert>
      )}

      {inspected && file && !isExport && (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Group justify="space-between">
              <Title order={2} size="h4">
                2. Map the columns
              </Title>
              <Group gap="xs">
                {presets.length > 0 && (
                  <Select
                    size="xs"
                    aria-label="Apply a saved mapping"
                    placeholder="Apply a saved mapping"
                    data={presets.map((p) => p.name)}
                    value={null}
                    disabled={busy}
                    onChange={(preset) =>
                      preset &&
                      void inspect(file, {
                        sheet: inspected.sheet ?? undefined,
                        headerRow: inspected.headerRow,
                        preset,
                      })
                    }
                  />
                )}
                <Button
                  size="xs"
                  variant="default"
                  leftSection={<IconDeviceFloppy size={14} />}
                  onClick={savePreset}
                  disabled={busy}
                >
                  Save mapping…
                </Button>
              </Group>
            </Group>
            <MappingTable
              reg={reg}
              columns={inspected.columns}
              choices={choices}
              onChange={change}
              disabled={busy}
            />
            {unmapped.map((f) => (
              <Alert key={f.name} color="red" variant="light" p="xs">
                Map one column to {f.label}: every {noun.one} needs {/^[aeiou]/i.test(f.label) ? 'an' : 'a'}{' '}
                {lowerLabel(f.label)}.
              </Alert>
            ))}
            {missingOrders.length > 0 && (
              <Alert color="yellow" variant="light" p="xs">
                Choose whether the dates in {missingOrders.map((c) => `“${c.header}”`).join(', ')} are day
                first or month first: values such as 03/04/2025 can be read either way.
              </Alert>
            )}
          </Stack>
        </Paper>
      )}

      {inspected && file && !isExport && (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={2} size="h4">
              3. Duplicates and regions
            </Title>
            <SegmentedControl
              w="fit-content"
              aria-label={`When a ${noun.one} is already in the register or earlier in the file`}
              data={(['skip', 'update', 'create'] as const).map((p) => ({
                value: p,
                label: duplicatePolicyLabels(reg)[p].label,
              }))}
              value={onDuplicate}
              onChange={(v) => {
                setOnDuplicate(v as DuplicatePolicy);
                setPreview(null);
              }}
              disabled={busy}
            />
            <Text size="sm" c="dimmed">
              {duplicatePolicyLabels(reg)[onDuplicate].help}{' '}
              {reg.identity.fuzzy
                ? 'Companies match on their legal name, so “Acme, Inc.” and “ACME Inc” are the same.'
                : `Rows match on ${reg.identity.same.replace(/^same /, 'the same ')}.`}
            </Text>
            <Checkbox
              label="Expand “EU” and “EEA” to their member states"
              description="Otherwise they are flagged and kept in the notes. “Worldwide”, “Global” and continents are always flagged, never expanded."
              checked={expandRegions}
              onChange={(e) => {
                setExpandRegions(e.currentTarget.checked);
                setPreview(null);
              }}
              disabled={busy}
            />
            <Divider />
            <Group>
              <Button
                variant={preview ? 'default' : 'filled'}
                onClick={() => void doPreview()}
                disabled={busy || !hasName}
              >
                Preview
              </Button>
              {preview && (
                <Button
                  onClick={() => void doCommit()}
                  disabled={
                    busy ||
                    missingOrders.length > 0 ||
                    unanswered > 0 ||
                    preview.counts.created + preview.counts.updated + preview.counts.merged === 0
                  }
                >
                  Import: {preview.counts.created.toLocaleString()} new,{' '}
                  {(preview.counts.updated + preview.counts.merged).toLocaleString()} updated
                </Button>
              )}
            </Group>
            {preview && questions.length > 0 && (
              <UnsureQuestions questions={questions} answers={answers} onAnswer={answer} disabled={busy} />
            )}
            {preview && <PreviewPanel reg={reg} preview={preview} mapped={choices.map((c) => c.field)} />}
          </Stack>
        </Paper>
      )}

      {result && result.importId === null && (
        <Alert color="blue" title={`Nothing changed: ${result.fileName}`} role="status">
          <Text size="sm" data-testid="import-result">
            {result.invalidRows > 0
              ? `No row could be imported: ${result.invalidRows.toLocaleString()} invalid, ${result.skipped.toLocaleString()} skipped of ${result.rows.toLocaleString()} rows.`
              : `Every row is already in the register as the file gives it (${result.skipped.toLocaleString()} skipped). No import was recorded.`}
          </Text>
        </Alert>
      )}
      {result && result.importId !== null && (
        <Alert color="green" title={`Imported ${result.fileName}`} role="status">
          <Stack gap="xs">
            <Text size="sm" data-testid="import-result">
              {result.created.toLocaleString()} new, {result.updated.toLocaleString()} updated,{' '}
              {result.merged.toLocaleString()} merged, {result.skipped.toLocaleString()} skipped,{' '}
              {result.invalidRows.toLocaleString()} invalid of {result.rows.toLocaleString()} rows.
            </Text>
            <Group>
              <Anchor
                href={`#/${reg.name}`}
                onClick={(e) => {
                  e.preventDefault();
                  void navigate(`/${reg.name}`);
                }}
              >
                Open the {noun.one} register
              </Anchor>
              <Button
                size="compact-sm"
                variant="light"
                color="red"
                leftSection={<IconArrowBackUp size={14} />}
                disabled={busy}
                onClick={() =>
                  undo({
                    id: result.importId!,
                    register: register,
                    fileName: result.fileName,
                    created: result.created,
                    updated: result.updated,
                    merged: result.merged,
                  })
                }
              >
                Undo this import
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}

      <Divider />
      <ImportHistory records={history} onUndo={undo} busy={busy} />

      <Divider />
      <ExportPanel busy={busy} run={run} />
    </Stack>
  );
}
