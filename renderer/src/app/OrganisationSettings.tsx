import { Alert, Button, Group, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useSettingsSection } from './use-settings-section';
import { CountrySelect } from '../components/CountryPicker';
import { TIME_ZONES } from '../lib/format';

/**
 * The organisation whose registers these are: its name, and the country it is established in, which decides
 * the law its transfers are judged under (EU GDPR, UK GDPR or Swiss FADP) and fills in a new transfer's exporter.
 */

export function OrganisationSettings() {
  const [name, setName] = useState('');
  const [country, setCountry] = useState<string | null>(null);
  const [dpoContact, setDpoContact] = useState('');
  const [timeZone, setTimeZone] = useState<string | null>(null);
  const { saved, error, saving, save } = useSettingsSection(
    'organisation',
    'The organisation is saved.',
    (o) => {
      setName(o.name ?? '');
      setCountry(o.country);
      setDpoContact(o.dpoContact ?? '');
      setTimeZone(o.timeZone);
    },
  );

  const dirty =
    saved !== null &&
    ((saved.name ?? '') !== name.trim() ||
      saved.country !== country ||
      (saved.dpoContact ?? '') !== dpoContact.trim() ||
      saved.timeZone !== timeZone);
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
        <Group grow align="flex-start">
          <Textarea
            label="DPO contact"
            description="As your notices and filings give it"
            autosize
            minRows={1}
            value={dpoContact}
            onChange={(e) => setDpoContact(e.currentTarget.value)}
          />
          <Select
            label="Time zone"
            description="Breach clocks are shown in it"
            placeholder="Search, e.g. Europe/Oslo"
            searchable
            clearable
            data={TIME_ZONES as string[]}
            value={timeZone}
            onChange={setTimeZone}
          />
        </Group>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group>
          <Button
            onClick={() =>
              void save({
                name: name.trim() || null,
                country,
                dpoContact: dpoContact.trim() || null,
                timeZone,
              })
            }
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
