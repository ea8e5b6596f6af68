import { Alert, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useSettingsSection } from './use-settings-section';
import { CountrySelect } from '../components/CountryPicker';

/**
 * The organisation whose registers these are: its name, and the country it is established in, which decides
 * the law its transfers are judged under (EU GDPR, UK GDPR or Swiss FADP) and fills in a new transfer's exporter.
 */
export function OrganisationSettings() {
  const [name, setName] = useState('');
  const [country, setCountry] = useState<string | null>(null);
  const { saved, error, saving, save } = useSettingsSection(
    'organisation',
    'The organisation is saved.',
    (o) => {
      setName(o.name ?? '');
      setCountry(o.country);
    },
  );

  const dirty = saved !== null && ((saved.name ?? '') !== name.trim() || saved.country !== country);
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
          <Button
            onClick={() => void save({ name: name.trim() || null, country })}
            loading={saving}
            disabled={!dirty}
          >
            Save
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
