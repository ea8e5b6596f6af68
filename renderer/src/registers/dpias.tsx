import { Group, Stack, Text } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import type { Register } from '../../../shared/kit/define';
import type { Screening } from '../../../shared/registers/screening';
import type { RiskLevel } from '../../../shared/rules/dpia';
import { StatusChip } from '../components/StatusChip';
import type { Rec, RecordDetail } from '../kit/api';
import { enumChip } from '../kit/columns';
import { Fact, FactsPanel, RecordLink, ReviewFact, SourceFact } from '../kit/Facts';
import { formatDate, todayIso } from '../lib/format';
import { dpias } from '../../../shared/registers/index';
import { PriorConsultation, RiskLevelChip, RiskList, RiskMap, RisksEditor, rateRisks } from './risk-map';
import { ConclusionChip, DpiaScreeningEditor } from './screening';
import type { RegisterUi } from './ui';

interface Measure {
  measure: string | null;
  owner: string | null;
  due: string | null;
  state: string | null;
}

interface Dpia {
  id: number;
  title: string;
  activities: number[];
  activityNames: (string | null)[];
  screening: Screening & { conclusion: 'required' | 'likely-required' | 'not-likely-required' | null };
  risks: (Record<string, unknown> & { measures: Measure[] })[];
  highestResidual: RiskLevel | null;
  priorConsultationRequired: boolean;
  priorConsultationOn: string | null;
  reviewOn: string | null;
  reviewOverdue: boolean;
}

const asDpia = (r: Rec) => r as unknown as Dpia;

/** The open measures across the risks, soonest first, with those past due marked. */
function ActionPlan({ dpia }: { dpia: Dpia }) {
  const today = todayIso();
  const open = dpia.risks
    .flatMap((r, i) => (r.measures ?? []).map((m) => ({ ...m, risk: i + 1 })))
    .filter((m) => m.state !== 'done')
    .sort((a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999'));
  if (open.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No open measure.
      </Text>
    );
  }
  return (
    <Stack gap={4}>
      {open.map((m, i) => (
        <Group key={i} gap={6} wrap="wrap">
          <Text size="sm">
            {m.measure}{' '}
            <Text span size="xs" c="dimmed">
              (risk {m.risk}
              {m.owner ? `, ${m.owner}` : ''})
            </Text>
          </Text>
          {m.due && (
            <StatusChip color={m.due < today ? 'red' : 'gray'}>
              {m.due < today ? 'Overdue since' : 'Due'} {formatDate(m.due)}
            </StatusChip>
          )}
        </Group>
      ))}
    </Stack>
  );
}

/** What the workbench derives from a DPIA: the screening's conclusion, the map as saved, Art 36, the action plan. */
function DpiaFacts({ reg, detail }: { reg: Register; detail: RecordDetail }) {
  const d = asDpia(detail.record);
  const rated = rateRisks(d.risks);
  return (
    <FactsPanel>
      <Fact label="Processing activities">
        {d.activities.length === 0 ? (
          <Text size="sm" c="dimmed">
            No processing activity linked yet.
          </Text>
        ) : (
          <Stack gap={2}>
            {d.activities.map((id, i) => (
              <RecordLink key={id} path={`/activities/${id}`}>
                {d.activityNames[i] ?? `Activity #${id}`}
              </RecordLink>
            ))}
          </Stack>
        )}
      </Fact>
      <Fact label="Screening">
        <ConclusionChip conclusion={d.screening.conclusion} />
      </Fact>
      <Fact label="Highest residual risk">
        <RiskLevelChip level={d.highestResidual} />
      </Fact>
      {rated.length > 0 && (
        <Fact label="Risk map as saved">
          <Stack gap={4}>
            <RiskMap risks={rated} />
            <RiskList risks={rated} />
          </Stack>
        </Fact>
      )}
      <PriorConsultation risks={rated} filedOn={d.priorConsultationOn} />
      <Fact label="Action plan">
        <ActionPlan dpia={d} />
      </Fact>
      <ReviewFact due={d.reviewOn} overdue={d.reviewOverdue} />
      <SourceFact reg={reg} record={detail.record} />
    </FactsPanel>
  );
}

/** The DPIA register's pages: residual risk and Art 36 in the table, the map and the action plan on the record. */
export const dpiasUi: RegisterUi = {
  icon: IconShieldCheck,
  cells: {
    highestResidual: (r) =>
      asDpia(r).highestResidual ? <RiskLevelChip level={asDpia(r).highestResidual} /> : null,
    priorConsultationRequired: (r) =>
      asDpia(r).priorConsultationRequired ? (
        <StatusChip color="red" title="A risk stays high after its measures (Art 36(1))">
          Consult first
        </StatusChip>
      ) : null,
  },
  headerChips: (r) => {
    const d = asDpia(r);
    return (
      <>
        {enumChip(dpias.fields.status, r.status)}
        {d.highestResidual && <RiskLevelChip level={d.highestResidual} prefix="Residual" />}
        {d.priorConsultationRequired && <StatusChip color="red">Art 36: consult first</StatusChip>}
        {d.reviewOverdue && <StatusChip color="red">Review overdue</StatusChip>}
      </>
    );
  },
  Facts: DpiaFacts,
  editors: { screening: DpiaScreeningEditor, risks: RisksEditor },
  newAside: {
    title: 'The title is required',
    text: 'Link the processing activities the DPIA covers, carry over or complete the screening, then add each risk to people with its likelihood and severity before and after its measures. The map and the Art 36 question follow as you rate them.',
  },
};
