import { Button, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconBuildingStore, IconListCheck, IconPlus } from '@tabler/icons-react';
import type { Vendor } from '../../../shared/domain/vendor';
import type { Transfer } from '../../../shared/domain/transfer';
import type { Register } from '../../../shared/kit/define';
import type { ChipColor } from '../../../shared/kit/fields';
import { activities, reviews as reviewsRegister, transfers, vendors } from '../../../shared/registers/index';
import { linkTo, navigate } from '../app/router';
import { StatusChip } from '../components/StatusChip';
import type { Rec, RecordDetail } from '../kit/api';
import { Fact, FactsPanel, LinkedRecords, RecordLink, ReviewFact, SourceFact } from '../kit/Facts';
import { cellText, enumChip } from '../kit/columns';
import { countryLabel, countryList, formatDate, todayIso } from '../lib/format';
import type { RegisterUi } from './ui';

const option = <K extends 'role' | 'dpaStatus' | 'sourceKind'>(field: K, value: string) =>
  vendors.fields[field].options.find((o) => o.value === value) ?? {
    label: value,
    color: 'gray' as ChipColor,
  };
const dpaLabel = (status: string) => option('dpaStatus', status).label;

function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000);
}

/** Why the DPA reads as it does: the stored status, and what its dates make of it today. */
export function dpaReason(v: Vendor, today = todayIso()): string {
  const recorded = dpaLabel(v.dpaStatus).toLowerCase();
  if (v.effectiveDpaStatus === 'expired' && v.dpaStatus !== 'expired') {
    return `Recorded as ${recorded}, but its expiry date ${formatDate(v.dpaExpiresAt)} has passed.`;
  }
  switch (v.effectiveDpaStatus) {
    case 'signed': {
      const signed = v.dpaSignedAt ? `Signed on ${formatDate(v.dpaSignedAt)}` : 'Signed';
      if (!v.dpaExpiresAt) return `${signed}; no expiry date recorded.`;
      const left = daysBetween(today, v.dpaExpiresAt);
      return `${signed}; expires on ${formatDate(v.dpaExpiresAt)}${left <= 90 ? `, in ${left} days` : ''}.`;
    }
    case 'expired':
      return v.dpaExpiresAt ? `Expired on ${formatDate(v.dpaExpiresAt)}.` : 'Recorded as expired.';
    case 'none':
      return v.role === 'processor' || v.role === 'sub-processor'
        ? 'No DPA recorded. A processor needs a contract meeting Art 28(3).'
        : 'No agreement recorded.';
    case 'requested':
      return 'Requested from the vendor; not signed yet.';
    case 'draft':
      return 'In draft; not signed yet.';
    case 'not-required':
      return 'Recorded as not required.';
  }
}

function VendorLink({ id, name, current }: { id: number; name: string; current?: boolean }) {
  if (current)
    return (
      <Text span fw={700} size="sm">
        {name} (this vendor)
      </Text>
    );
  return <RecordLink path={`/vendors/${id}`}>{name}</RecordLink>;
}

/** The sub-processor chain: parents from the top down to this vendor, then everything below it by depth. */
export function SubprocessorChain({ vendor, detail }: { vendor: Vendor; detail: RecordDetail }) {
  const parents = detail.parents ?? [];
  const children = detail.children ?? [];
  const above = [...parents].reverse();
  const indent = (level: number) => ({ paddingLeft: level * 16 });
  const role = (r: string) => (
    <Text span size="xs" c="dimmed">
      {option('role', r).label}
    </Text>
  );
  return (
    <section aria-labelledby="chain-heading">
      <Title order={2} size="h5" id="chain-heading" mb={6}>
        Sub-processor chain
      </Title>
      {above.length === 0 && children.length === 0 ? (
        <Text size="sm" c="dimmed">
          Engaged by us directly, with no sub-processors recorded.
        </Text>
      ) : (
        <ul className="chain-list" aria-label="Sub-processor chain">
          {above.map((p, i) => (
            <li key={`p${p.id}`} style={indent(i)}>
              <Group gap={6} wrap="nowrap">
                {i > 0 && <span aria-hidden>└</span>}
                <VendorLink id={p.id} name={p.name} /> {role(p.role)}
                {p.archived && <StatusChip color="gray">Archived</StatusChip>}
              </Group>
            </li>
          ))}
          <li style={indent(above.length)}>
            <Group gap={6} wrap="nowrap">
              {above.length > 0 && <span aria-hidden>└</span>}
              <VendorLink id={vendor.id} name={vendor.name} current /> {role(vendor.role)}
            </Group>
          </li>
          {children.map((c) => (
            <li
              key={`c${c.id}`}
              style={indent(above.length + c.depth)}
              aria-label={`${c.name}, depth ${c.depth}`}
            >
              <Group gap={6} wrap="nowrap">
                <span aria-hidden>└</span>
                <VendorLink id={c.id} name={c.name} /> {role(c.role)}
                {c.depth > 1 && (
                  <Text span size="xs" c="dimmed">
                    level {c.depth}
                  </Text>
                )}
                {c.note && <StatusChip color="gray">{c.note}</StatusChip>}
                {c.archived && <StatusChip color="gray">Archived</StatusChip>}
              </Group>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const validityColors: Record<string, ChipColor> = { valid: 'green', warning: 'yellow', invalid: 'red' };
const validityLabels: Record<string, string> = { valid: 'Valid', warning: 'Warning', invalid: 'Invalid' };

/** A transfer's verdict as a chip with its word. */
export function ValidityChip({ status, title }: { status: string; title?: string }) {
  return (
    <StatusChip color={validityColors[status] ?? 'gray'} title={title}>
      {validityLabels[status] ?? status}
    </StatusChip>
  );
}

/** The path of a new transfer to this vendor, to this country. */
const newTransferPath = (vendorId: number, country?: string) =>
  `/transfers/new?importer=${vendorId}${country ? `&destinationCountry=${country}` : ''}`;

/**
 * Each processing country outside the area: covered by adequacy (named), by one of its transfer records (with
 * its verdict), or a gap, with the way to record the transfer that closes it.
 */
function TransferCoverage({ vendor, transfersTo }: { vendor: Vendor; transfersTo: Transfer[] }) {
  if (vendor.transferCoverage.length === 0) {
    return (
      <Text size="sm">
        {vendor.processingCountries.length === 0
          ? 'No processing countries recorded.'
          : 'Every processing country is in the EEA.'}
      </Text>
    );
  }
  return (
    <List size="sm" spacing={6} aria-label="Third countries" listStyleType="none" ml={0}>
      {vendor.transferCoverage.map((c) => (
        <List.Item key={c.country}>
          <Stack gap={2}>
            <Group gap={6} wrap="wrap">
              <span>{countryLabel(c.country)}</span>
              {c.covered === 'adequacy' && <StatusChip color="teal">Adequacy decision</StatusChip>}
              {c.covered === 'transfer' && (
                <RecordLink path={`/transfers/${c.transferId}`}>
                  {(() => {
                    const t = transfersTo.find((x) => x.id === c.transferId);
                    return t ? transfers.detailOf(t) : 'Transfer record';
                  })()}
                </RecordLink>
              )}
              {c.covered === 'gap' && <StatusChip color="orange">Needs a transfer mechanism</StatusChip>}
            </Group>
            <Text size="xs" c="dimmed">
              {c.detail}
            </Text>
            {c.covered === 'gap' && (
              <div>
                <Button
                  size="compact-xs"
                  variant="light"
                  leftSection={<IconPlus size={12} />}
                  onClick={() => void navigate(newTransferPath(vendor.id, c.country))}
                  aria-label={`Record a transfer to ${countryLabel(c.country)}`}
                >
                  Record a transfer
                </Button>
              </div>
            )}
          </Stack>
        </List.Item>
      ))}
    </List>
  );
}

/** The transfer records whose importer is this vendor, with their verdicts. */
function VendorTransfers({ vendor, list }: { vendor: Vendor; list: Transfer[] }) {
  return (
    <section aria-labelledby="vendor-transfers-heading">
      <Group justify="space-between" mb={6}>
        <Title order={2} size="h5" id="vendor-transfers-heading">
          Transfers to this vendor
        </Title>
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconPlus size={12} />}
          onClick={() => void navigate(newTransferPath(vendor.id))}
        >
          New transfer
        </Button>
      </Group>
      {list.length === 0 ? (
        <Text size="sm" c="dimmed">
          No transfer recorded.
        </Text>
      ) : (
        <List size="sm" spacing={4} listStyleType="none" ml={0} aria-label="Transfers to this vendor">
          {list.map((t) => (
            <List.Item key={t.id}>
              <Group gap={6} wrap="wrap">
                <RecordLink path={`/transfers/${t.id}`}>
                  {countryLabel(t.destinationCountry)}: {transfers.detailOf(t)}
                </RecordLink>
                <ValidityChip status={t.validity.status} />
              </Group>
            </List.Item>
          ))}
        </List>
      )}
    </section>
  );
}

/** What the workbench derives from a vendor, each with its reason, beside the form. */
function VendorFacts({ reg, detail }: { reg: Register; detail: RecordDetail }) {
  const v = detail.record as unknown as Vendor;
  const transfersTo = (detail.related.transfers ?? []) as unknown as Transfer[];
  const dpa = option('dpaStatus', v.effectiveDpaStatus);
  return (
    <FactsPanel>
      <Fact label="Effective DPA status">
        <Stack gap={4}>
          <div>
            <StatusChip color={dpa.color ?? 'gray'}>{dpa.label}</StatusChip>
          </div>
          <Text size="sm">{dpaReason(v)}</Text>
        </Stack>
      </Fact>
      <ReviewFact due={v.nextReviewAt} overdue={v.reviewOverdue} />
      <Fact label="Transfers outside the EEA">
        <TransferCoverage vendor={v} transfersTo={transfersTo} />
      </Fact>
      <VendorTransfers vendor={v} list={transfersTo} />
      <LinkedRecords
        label="Processing activities using it"
        register={activities as unknown as Register}
        records={detail.related.activities ?? []}
        empty="No processing activity records this vendor yet."
      />
      <SubprocessorChain vendor={v} detail={detail} />
      <Fact label="Sub-processor list reviews">
        <Stack gap={6}>
          {(detail.related.reviews ?? []).map((r) => (
            <div key={r.id}>
              <RecordLink path={`/reviews/${r.id}`}>List of {formatDate(r.noticeOn as string)}</RecordLink>
              <Text size="xs" c="dimmed">
                {(reviewsRegister as unknown as Register).detailOf(r)} · {String(r.summary)}
              </Text>
            </div>
          ))}
          <div>
            <Button
              component="a"
              size="xs"
              variant="default"
              leftSection={<IconListCheck size={14} />}
              {...linkTo(`/vendors/${v.id}/review-list`)}
            >
              Review a new sub-processor list
            </Button>
          </div>
        </Stack>
      </Fact>
      <SourceFact reg={reg} record={detail.record} />
    </FactsPanel>
  );
}

function dpaTitle(v: Vendor): string | undefined {
  if (v.effectiveDpaStatus === v.dpaStatus) return undefined;
  return `Recorded as ${dpaLabel(v.dpaStatus).toLowerCase()}; ${
    v.dpaExpiresAt ? `expired on ${formatDate(v.dpaExpiresAt)}` : 'read from its dates'
  }`;
}

const asVendor = (r: Rec) => r as unknown as Vendor;

/** The vendor register's pages: its facts panel, the chain, and the cells that say more than a value. */
export const vendorsUi: RegisterUi = {
  icon: IconBuildingStore,
  attention: [
    {
      key: 'location-unclear',
      filters: { locationUnclear: true },
      label: (n) => `${n} with location unclear`,
    },
  ],
  cells: {
    // A vendor that gave "EU" or "Worldwide" must not look domestic: its countries are not known yet.
    processingCountries: (r) => {
      const v = asVendor(r) as Vendor & { unclearLocations: string[] };
      return (
        <>
          {v.unclearLocations.length > 0 && (
            <StatusChip
              color="yellow"
              title={`Given as: ${v.unclearLocations.join(', ')}. Ask the vendor which countries.`}
            >
              Location unclear
            </StatusChip>
          )}
          {cellText(countryList(v.processingCountries))}
        </>
      );
    },
    dpaStatus: (r) =>
      enumChip(vendors.fields.dpaStatus, asVendor(r).effectiveDpaStatus, dpaTitle(asVendor(r))),
    // The marker comes first so a narrow column never hides it.
    nextReviewAt: (r) => (
      <>
        {asVendor(r).reviewOverdue && <StatusChip color="red">Overdue</StatusChip>}
        {cellText(formatDate(asVendor(r).nextReviewAt))}
      </>
    ),
    specialCategoryData: (r) =>
      asVendor(r).specialCategoryData ? <StatusChip color="grape">Art 9</StatusChip> : null,
    thirdCountries: (r) => {
      const v = asVendor(r);
      if (
        (v as Vendor & { unclearLocations: string[] }).unclearLocations.length > 0 &&
        v.thirdCountries.length === 0
      )
        return cellText('?', 'Not known: the location the vendor gave names no country');
      if (v.thirdCountries.length === 0) return null;
      if (v.transferGaps.length > 0) {
        return (
          <StatusChip color="orange" title={`Needs a transfer mechanism: ${countryList(v.transferGaps)}`}>
            {v.transferGaps.join(', ')}
          </StatusChip>
        );
      }
      return cellText(
        v.thirdCountries.join(', '),
        `Covered by adequacy or a transfer record: ${countryList(v.thirdCountries)}`,
      );
    },
  },
  headerChips: (r) => {
    const v = asVendor(r);
    const dpa = option('dpaStatus', v.effectiveDpaStatus);
    return (
      <>
        <StatusChip color={dpa.color ?? 'gray'}>DPA: {dpa.label}</StatusChip>
        {v.reviewOverdue && <StatusChip color="red">Review overdue</StatusChip>}
        {v.transferGaps.length > 0 && (
          <StatusChip color="orange">Transfer gaps: {v.transferGaps.join(', ')}</StatusChip>
        )}
      </>
    );
  },
  Facts: VendorFacts,
  newAside: {
    title: 'Only the name is required',
    text: 'Fill in what you know now. Once saved, the record shows the DPA status its dates give, the processing countries outside the EEA and how each is covered (adequacy, a transfer record, or a gap), and where the vendor sits in the sub-processor chain.',
  },
};
