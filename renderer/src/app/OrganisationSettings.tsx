import { Alert, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { Organisation } from '../../../shared/domain/settings';
import { invoke, toApiError } from '../api/client';
import { CountrySelect } from '../components/CountryPicker';

/**
 * The organisation whose registers these are: its name, and the country it is established in, which decides
 * the law its transfers are judged under (EU GDPR, UK GDPR or Swiss FADP) and fills in a new transfer's exporter.
 */
export function OrganisationSettings() {
  const [saved, setSaved] = useState<Organisation | null>(null);
  const [name, setName] = useState('');
  const [country, setCountry] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let cancelled = false;
    invoke('settings:get', {}).then(
      (s) => {
        if (cancelled) return;
        setSaved(s.organisation);
        setName(s.organisation.name ?? '');
        setCountry(s.organisation.country);
      },
      (err: unknown) => !cancelled && setError(toApiError(err).message),
    );
    return () => {
      cancelled = true;
    };
  }, []);

  const dirty = saved !== null && ((saved.name ?? '') !== name.trim() || saved.country !== country);
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const s = await invoke('settings:update', { organisation: { name, country } });
      setSaved(s.organisation);
      notifications.show({ color: 'green', title: 'Settings saved', message: 'The organisation is saved.' });
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="organisation-heading">
      <Title order={2} size="h5" mb={4} id="organisation-heading">
        Your organisation
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        The controller whose registers these are. Its country decides the law its transfers are judged under
        (EU GDPR in the EEA, UK GDPR in the UK, the FADP in Switzerland) and is the exporter’s country of a
        new transfer.
      </Text>
      <Stack gap="sm">
        <Group grow align="flex-start">
          <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <CountrySelect
            label="Established in"
            placeholder="Search by name or code"
            value={country}
            onChange={setCountry}
          />
        </Group>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group>
          <Button onClick={() => void save()} loading={saving} disabled={!dirty}>
            Save
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
