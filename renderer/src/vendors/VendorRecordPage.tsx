import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { VendorDetail } from '../../../shared/domain/vendor';
import type { ApiError } from '../api/client';
import { invoke, toApiError } from '../api/client';
import { navigate } from '../app/router';
import { VendorEditor } from './VendorEditor';

type Loaded = { id: number; detail: VendorDetail } | { id: number; error: ApiError };

/** `#/vendors/:id`: one vendor's record with its derived facts, chain and history. */
export function VendorRecordPage({ id }: { id: number }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  const load = useCallback(async (): Promise<VendorDetail | null> => {
    try {
      const detail = await invoke('vendors:get', { id });
      setLoaded({ id, detail });
      return detail;
    } catch (err) {
      setLoaded({ id, error: toApiError(err) });
      return null;
    }
  }, [id]);

  useEffect(() => {
    let cancelled = false;
    invoke('vendors:get', { id }).then(
      (detail) => !cancelled && setLoaded({ id, detail }),
      (err: unknown) => !cancelled && setLoaded({ id, error: toApiError(err) }),
    );
    return () => {
      cancelled = true;
    };
  }, [id]);

  if (!loaded || loaded.id !== id) {
    return (
      <Center h="100%">
        <Loader size="sm" aria-label="Loading vendor" />
      </Center>
    );
  }
  if ('error' in loaded) {
    return (
      <Stack p="md" maw={640}>
        <Alert
          color="red"
          title={loaded.error.code === 'NOT_FOUND' ? 'No such vendor' : 'The vendor could not be loaded'}
        >
          {loaded.error.message}
        </Alert>
        <div>
          <Button variant="default" onClick={() => void navigate('/vendors')}>
            Back to the register
          </Button>
        </div>
      </Stack>
    );
  }
  return <VendorEditor key={id} detail={loaded.detail} onSaved={() => void load()} onChanged={load} />;
}
