import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Register } from '../../../shared/kit/define';
import type { ApiError } from '../api/client';
import { toApiError } from '../api/client';
import { navigate } from '../app/router';
import type { RegisterUi } from '../registers/ui';
import type { RecordDetail } from './api';
import { registerApi } from './api';
import { RecordEditor } from './RecordEditor';

type Loaded = { id: number; detail: RecordDetail } | { id: number; error: ApiError };

/** `#/<register>/:id`: one record with its derived facts, links and history. */
export function RecordPage({ reg, ui, id }: { reg: Register; ui: RegisterUi; id: number }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const api = useMemo(() => registerApi(reg), [reg]);

  const load = useCallback(async (): Promise<RecordDetail | null> => {
    try {
      const detail = await api.get(id);
      setLoaded({ id, detail });
      return detail;
    } catch (err) {
      setLoaded({ id, error: toApiError(err) });
      return null;
    }
  }, [id, api]);

  useEffect(() => {
    let cancelled = false;
    api.get(id).then(
      (detail) => !cancelled && setLoaded({ id, detail }),
      (err: unknown) => !cancelled && setLoaded({ id, error: toApiError(err) }),
    );
    return () => {
      cancelled = true;
    };
  }, [id, api]);

  if (!loaded || loaded.id !== id) {
    return (
      <Center h="100%">
        <Loader size="sm" aria-label={`Loading ${reg.noun.one}`} />
      </Center>
    );
  }
  if ('error' in loaded) {
    return (
      <Stack p="md" maw={640}>
        <Alert
          color="red"
          title={
            loaded.error.code === 'NOT_FOUND'
              ? `No such ${reg.noun.one}`
              : `The ${reg.noun.one} could not be loaded`
          }
        >
          {loaded.error.message}
        </Alert>
        <div>
          <Button variant="default" onClick={() => void navigate(`/${reg.name}`)}>
            Back to the register
          </Button>
        </div>
      </Stack>
    );
  }
  return (
    <RecordEditor
      key={`${reg.name}/${id}`}
      reg={reg}
      ui={ui}
      detail={loaded.detail}
      onSaved={() => void load()}
      onChanged={load}
    />
  );
}

/** `#/<register>/new`: the blank form (filled from the address, e.g. `?importer=3&destinationCountry=US`); after
 * the first save the address becomes the new record's. */
export function NewRecordPage({
  reg,
  ui,
  prefill,
}: {
  reg: Register;
  ui: RegisterUi;
  prefill?: Record<string, unknown>;
}) {
  return (
    <RecordEditor
      key={`${reg.name}/new/${JSON.stringify(prefill ?? {})}`}
      reg={reg}
      ui={ui}
      detail={null}
      prefill={prefill}
      onSaved={(record) => void navigate(`/${reg.name}/${record.id}`, { replace: true })}
    />
  );
}
