import { Button, Group, List, Stack, Text } from '@mantine/core';
import { IconListDetails, IconPlus } from '@tabler/icons-react';
import type { Register } from '../../../shared/kit/define';
import { activities, dpias, vendors } from '../../../shared/registers/index';
import type { Screening } from '../../../shared/registers/screening';
import { navigate } from '../app/router';
import { StatusChip } from '../components/StatusChip';
import type { Rec, RecordDetail } from '../kit/api';
import { enumChip } from '../kit/columns';
import { Fact, FactsPanel, LinkedRecords, RecordLink, ReviewFact, SourceFact } from '../kit/Facts';
import { countryLabel, countryList } from '../lib/format';
import { ActivityScreeningEditor, ConclusionChip } from './screening';
import type { RegisterUi } from './ui';

interface ChainVendor {
  id: number;
  name: string;
  role: string;
  archived: boolean;
  dpaStatus: string;
  countries: { country: string; covered: string; detail: string; transferId: number | null }[];
}

interface Activity {
  id: number;
  name: string;
  vendors: number[];
  thirdCountries: string[];
  transferGaps: string[];
  chain: ChainVendor[];
  dpiaNeeded: boolean;
  recordGaps: string[];
  reviewOn: string | null;
  reviewOverdue: boolean;
  screening: Screening & { conclusion: 'required' | 'likely-required' | 'not-likely-required' | null };
}

const asActivity = (r: Rec) => r as unknown as Activity;

const coverChip = (covered: string) =>
  covered === 'adequacy' ? (
    <StatusChip color="teal">Adequacy</StatusChip>
  ) : covered === 'transfer' ? (
    <StatusChip color="green">Transfer record</StatusChip>
  ) : (
    <StatusChip color="orange">Needs a transfer mechanism</StatusChip>
  );

/** Each vendor of the activity with its DPA status, and how each country it processes data in is covered. */
function VendorChain({ activity }: { activity: Activity }) {
  if (activity.chain.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No vendor recorded for this activity.
      </Text>
    );
  }
  return (
    <List size="sm" spacing={8} listStyleType="none" ml={0} aria-label="Vendors and their transfers">
      {activity.chain.map((v) => (
        <List.Item key={v.id}>
          <Stack gap={4}>
            <Group gap={6} wrap="wrap">
              <RecordLink path={`/vendors/${v.id}`}>{v.name}</RecordLink>
              {enumChip(vendors.fields.dpaStatus, v.dpaStatus)}
              {v.archived && <StatusChip color="gray">Archived: unlink it</StatusChip>}
            </Group>
            {v.countries.length === 0 ? (
              <Text size="xs" c="dimmed">
                Processes data only inside your area.
              </Text>
            ) : (
              v.countries.map((c) => (
                <Group key={c.country} gap={6} wrap="wrap" pl="sm">
                  <Text size="xs">{countryLabel(c.country)}</Text>
                  {coverChip(c.covered)}
                  {c.transferId !== null && (
                    <RecordLink path={`/transfers/${c.transferId}`}>transfer {c.transferId}</RecordLink>
                  )}
                  {c.covered === 'gap' && !v.archived && (
                    <Button
                      size="compact-xs"
                      variant="light"
                      leftSection={<IconPlus size={12} />}
                      aria-label={`Record a transfer to ${countryLabel(c.country)} for ${v.name}`}
                      onClick={() =>
                        void navigate(`/transfers/new?importer=${v.id}&destinationCountry=${c.country}`)
                      }
                    >
                      Record a transfer
                    </Button>
                  )}
                </Group>
              ))
            )}
          </Stack>
        </List.Item>
      ))}
    </List>
  );
}

/** What the workbench derives from an activity: the whole chain for one purpose, the DPIA question, the gaps. */
function ActivityFacts({ reg, detail }: { reg: Register; detail: RecordDetail }) {
  const a = asActivity(detail.record);
  const linked = detail.related.dpias ?? [];
  return (
    <FactsPanel>
      <Fact label="Third countries">
        <Stack gap={4}>
          <Text size="sm">
            {a.thirdCountries.length === 0
              ? 'None: its vendors process the data inside your area.'
              : countryList(a.thirdCountries)}
          </Text>
          {a.transferGaps.length > 0 && (
            <div>
              <StatusChip color="orange">Transfer gaps: {a.transferGaps.join(', ')}</StatusChip>
            </div>
          )}
        </Stack>
      </Fact>
      <Fact label="Vendors and their transfers">
        <VendorChain activity={a} />
      </Fact>
      <Fact label="DPIA">
        <Stack gap={4}>
          <Group gap={6}>
            <ConclusionChip conclusion={a.screening.conclusion} />
            {a.dpiaNeeded && <StatusChip color="red">DPIA needed, none linked</StatusChip>}
          </Group>
        </Stack>
      </Fact>
      <LinkedRecords
        label="DPIAs covering it"
        register={dpias as unknown as Register}
        records={linked}
        empty="No DPIA covers this activity."
      />
      <Fact label="Missing from the record (Art 30(1))">
        {a.recordGaps.length === 0 ? (
          <Text size="sm">Nothing: every item Art 30(1) asks for is recorded.</Text>
        ) : (
          <Text size="sm">{a.recordGaps.join('; ')}.</Text>
        )}
      </Fact>
      <ReviewFact due={a.reviewOn} overdue={a.reviewOverdue} />
      <SourceFact reg={reg} record={detail.record} />
    </FactsPanel>
  );
}

/** The record of processing's pages: transfer gaps and the DPIA question in the table, the chain on the record. */
export const activitiesUi: RegisterUi = {
  icon: IconListDetails,
  cells: {
    thirdCountries: (r) => {
      const a = asActivity(r);
      if (a.thirdCountries.length === 0) return null;
      if (a.transferGaps.length > 0)
        return (
          <StatusChip color="orange" title={`Needs a transfer mechanism: ${countryList(a.transferGaps)}`}>
            {a.transferGaps.join(', ')}
          </StatusChip>
        );
      return <span className="grid-cell-text">{a.thirdCountries.join(', ')}</span>;
    },
    dpiaNeeded: (r) => (asActivity(r).dpiaNeeded ? <StatusChip color="red">DPIA needed</StatusChip> : null),
  },
  headerChips: (r) => {
    const a = asActivity(r);
    return (
      <>
        {enumChip(activities.fields.status, r.status)}
        {a.dpiaNeeded && <StatusChip color="red">DPIA needed</StatusChip>}
        {a.transferGaps.length > 0 && (
          <StatusChip color="orange">Transfer gaps: {a.transferGaps.join(', ')}</StatusChip>
        )}
        {a.reviewOverdue && <StatusChip color="red">Review overdue</StatusChip>}
      </>
    );
  },
  Facts: ActivityFacts,
  editors: { screening: ActivityScreeningEditor },
  newAside: {
    title: 'Only the name is required',
    text: 'Record what you know now; the record lists what Art 30(1) still asks for. Link the vendors that receive the data: once saved, the record shows the countries they send it to, any transfer gap, and whether the screening calls for a DPIA.',
  },
};
