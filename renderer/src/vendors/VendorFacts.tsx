import { Anchor, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Vendor, VendorDetail } from '../../../shared/domain/vendor';
import { StatusChip } from '../components/StatusChip';
import { navigate } from '../app/router';
import { countryLabel, formatDate, formatDateTime, todayIso } from '../lib/format';
import { dpaStatusLabels, roleLabels, sourceLabels } from './labels';

function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000);
}

/** Why the DPA reads as it does: the stored status, and what its dates make of it today. */
export function dpaReason(v: Vendor, today = todayIso()): string {
  const recorded = dpaStatusLabels[v.dpaStatus].label.toLowerCase();
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

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" fw={600} c="dimmed" mb={2}>
        {label}
      </Text>
      {children}
    </div>
  );
}

function VendorLink({ id, name, current }: { id: number; name: string; current?: boolean }) {
  if (current)
    return (
      <Text span fw={700} size="sm">
        {name} (this vendor)
      </Text>
    );
  return (
    <Anchor
      href={`#/vendors/${id}`}
      size="sm"
      onClick={(e) => {
        e.preventDefault();
        void navigate(`/vendors/${id}`);
      }}
    >
      {name}
    </Anchor>
  );
}

/** The sub-processor chain: parents from the top down to this vendor, then everything below it by depth. */
export function SubprocessorChain({ detail }: { detail: VendorDetail }) {
  const { vendor, parents, children } = detail;
  const above = [...parents].reverse();
  const indent = (level: number) => ({ paddingLeft: level * 16 });
  const role = (r: keyof typeof roleLabels) => (
    <Text span size="xs" c="dimmed">
      {roleLabels[r].label}
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
                {c.archived && <StatusChip color="gray">Archived</StatusChip>}
              </Group>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** What the workbench derives from the record, each with its reason, beside the form. */
export function VendorFacts({ detail }: { detail: VendorDetail }) {
  const v = detail.vendor;
  const dpa = dpaStatusLabels[v.effectiveDpaStatus];
  return (
    <Paper withBorder p="md" radius="md" component="aside" aria-label="Derived facts">
      <Stack gap="md">
        <Title order={2} size="h5">
          Derived facts
        </Title>
        <Fact label="Effective DPA status">
          <Stack gap={4}>
            <div>
              <StatusChip color={dpa.color}>{dpa.label}</StatusChip>
            </div>
            <Text size="sm">{dpaReason(v)}</Text>
          </Stack>
        </Fact>
        <Fact label="Review">
          {v.reviewOverdue ? (
            <Stack gap={4}>
              <div>
                <StatusChip color="red">Review overdue</StatusChip>
              </div>
              <Text size="sm">The review was due on {formatDate(v.nextReviewAt)}.</Text>
            </Stack>
          ) : (
            <Text size="sm">
              {v.nextReviewAt ? `Next review on ${formatDate(v.nextReviewAt)}.` : 'No review date set.'}
            </Text>
          )}
        </Fact>
        <Fact label="Transfers outside the EEA">
          {v.thirdCountries.length === 0 ? (
            <Text size="sm">
              {v.processingCountries.length === 0
                ? 'No processing countries recorded.'
                : 'Every processing country is in the EEA.'}
            </Text>
          ) : (
            <List size="sm" spacing={4} aria-label="Third countries">
              {v.thirdCountries.map((code) => (
                <List.Item key={code}>
                  <Group gap={6} wrap="wrap">
                    <span>{countryLabel(code)}</span>
                    <StatusChip color="orange">Needs a transfer mechanism</StatusChip>
                  </Group>
                </List.Item>
              ))}
            </List>
          )}
        </Fact>
        <SubprocessorChain detail={detail} />
        <Fact label="Source">
          <Text size="sm">
            {sourceLabels[v.sourceKind]}
            {v.sourceDetail ? `: ${v.sourceDetail}` : ''}
          </Text>
          <Text size="xs" c="dimmed">
            Added {formatDateTime(v.createdAt)} · last changed {formatDateTime(v.updatedAt)}
          </Text>
        </Fact>
      </Stack>
    </Paper>
  );
}
