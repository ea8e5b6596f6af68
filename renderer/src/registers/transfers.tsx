import { Group, List, Stack, Text } from '@mantine/core';
import { IconWorldUpload } from '@tabler/icons-react';
import type { Transfer } from '../../../shared/domain/transfer';
import type { Register } from '../../../shared/kit/define';
import type { ChipColor } from '../../../shared/kit/fields';
import { UNVERIFIED_MARK } from '../../../shared/reference/sources';
import { StatusChip } from '../components/StatusChip';
import type { Rec, RecordDetail } from '../kit/api';
import { Fact, FactsPanel, LinkedRecords, RecordLink, ReviewFact, SourceFact } from '../kit/Facts';
import { activities } from '../../../shared/registers/index';
import { countryLabel, formatDate } from '../lib/format';
import type { RegisterUi } from './ui';
import { ValidityChip } from './vendors';

const levelChip: Record<string, { color: ChipColor; label: string }> = {
  ok: { color: 'green', label: 'Holds' },
  warning: { color: 'yellow', label: 'Check' },
  invalid: { color: 'red', label: 'Fails' },
};

const asTransfer = (r: Rec) => r as unknown as Transfer;

function VendorLink({ id, name }: { id: number; name: string | null }) {
  return <RecordLink path={`/vendors/${id}`}>{name ?? `Vendor #${id}`}</RecordLink>;
}

/** The rules engine's verdict with each reason and the rule it rests on; unverified rules say so. */
function TransferFacts({ reg, detail }: { reg: Register; detail: RecordDetail }) {
  const t = asTransfer(detail.record);
  const v = t.validity;
  return (
    <FactsPanel>
      <Fact label="Validity today">
        <Stack gap={6}>
          <Group gap={6} wrap="nowrap">
            <div style={{ flex: 'none' }}>
              <ValidityChip status={v.status} />
            </div>
            <Text size="sm">
              {v.regime
                ? `Judged under the ${v.regime}.`
                : 'Not judged: the exporter is not in the EEA, the UK or Switzerland.'}
            </Text>
          </Group>
          <List size="sm" spacing={6} listStyleType="none" ml={0} aria-label="Why">
            {v.reasons.map((r, i) => (
              <List.Item key={i}>
                <Stack gap={2}>
                  <Group gap={6} wrap="nowrap" align="flex-start">
                    <div style={{ flex: 'none' }}>
                      <StatusChip color={levelChip[r.level]!.color}>{levelChip[r.level]!.label}</StatusChip>
                    </div>
                    <Text size="sm">{r.text.replace(` ${UNVERIFIED_MARK}`, '')}</Text>
                  </Group>
                  <Text size="xs" c="dimmed">
                    {r.rule}
                    {r.confidence === 'R' && ` — ${UNVERIFIED_MARK}`}
                  </Text>
                </Stack>
              </List.Item>
            ))}
          </List>
          <Text size="xs" c="dimmed">
            Judged on today’s date; the verdict changes by itself when a decision or a transition period ends.
          </Text>
        </Stack>
      </Fact>
      <Fact label="Parties">
        <Stack gap={2}>
          <Text size="sm">
            Importer: <VendorLink id={t.importer} name={t.importerName} /> in{' '}
            {countryLabel(t.destinationCountry)}
          </Text>
          <Text size="sm">
            Exporter: {t.exporter ? <VendorLink id={t.exporter} name={t.exporterName} /> : 'our organisation'}
            {t.exporterCountry ? ` in ${countryLabel(t.exporterCountry)}` : ' (country not recorded)'}
          </Text>
        </Stack>
      </Fact>
      <LinkedRecords
        label="Processing activities relying on it"
        register={activities as unknown as Register}
        records={detail.related.activities ?? []}
        empty="No processing activity records this transfer yet."
      />
      <ReviewFact due={t.reviewOn} overdue={t.reviewOverdue} />
      <SourceFact reg={reg} record={detail.record} />
    </FactsPanel>
  );
}

/** The reasons that lower a verdict, as a tooltip for the chip in the table. */
const problems = (t: Transfer) =>
  t.validity.reasons
    .filter((r) => r.level !== 'ok')
    .map((r) => r.text)
    .join(' ') || undefined;

/** The transfer register's pages: the verdict in the table, and its reasons on the record. */
export const transfersUi: RegisterUi = {
  icon: IconWorldUpload,
  cells: {
    validity: (r) => <ValidityChip status={asTransfer(r).validity.status} title={problems(asTransfer(r))} />,
    reviewOn: (r) => (
      <>
        {asTransfer(r).reviewOverdue && <StatusChip color="red">Overdue</StatusChip>}
        <span className="grid-cell-text">{formatDate(asTransfer(r).reviewOn)}</span>
      </>
    ),
  },
  headerChips: (r) => <ValidityChip status={asTransfer(r).validity.status} />,
  Facts: TransferFacts,
  newAside: {
    title: 'The importer and the destination are required',
    text: 'Choose the vendor that receives the data and the country it goes to, then the transfer tool. Once saved, the record shows whether the transfer is valid today under the EU GDPR, the UK GDPR or the Swiss FADP, with each reason and the rule behind it.',
  },
};
