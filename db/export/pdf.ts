import { stat } from 'node:fs/promises';
import { orderByAfter } from '../../shared/kit/order';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as PdfMake from 'pdfmake';
import type {
  Column,
  Content,
  ContentTable,
  CustomTableLayout,
  DynamicContent,
  TableCell,
  TDocumentDefinitions,
} from 'pdfmake/interfaces';
import type { Register } from '../../shared/kit/define';
import { exportColumns, rowsSheets, type RowsSheet } from '../../shared/kit/export';
import { countryLabel, readableValue } from '../../shared/kit/readable';
import { CNIL_LEVELS, PRIOR_CONSULTATION, RISK_MATRIX_RULE } from '../../shared/reference/dpia';
import { cite } from '../../shared/reference/sources';
import { breaches } from '../../shared/registers/index';
import { rateRisk, type RiskLevel } from '../../shared/rules/dpia';
import { APP_VERSION } from '../../shared/version';
import type { JobContext } from '../import/job-context';
import type { KitRecord } from '../kit/repository';
import { writeBeside } from './cells';
import type { ExportSource } from './source';
import type { ExportResult, WorkbookOptions } from './workbook';

/** What a PDF export takes besides a workbook's options. */
export interface PdfOptions extends WorkbookOptions {
  /** False leaves the page streams uncompressed (tests read the text back). */
  compress?: boolean;
}

type Rec = Record<string, unknown>;

/** Register tables show the columns the register's own table shows by default, up to this many besides the ID. */
const MAX_TABLE_COLUMNS = 9;
/** A table cell is cut to this many characters, so one long note never makes a row taller than a page. */
const CELL_MAX = 300;
/** The records named beside each finding of the summary; the rest are counted. */
const NAMED_PER_FINDING = 12;

/**
 * Marks shown in one cell of a risk map; the rest are counted. The map is kept on one page, and content kept
 * together that cannot fit a page is dropped by pdfmake, so it must stay short.
 */
const MAP_MARKS_PER_CELL = 24;

/** A4's long side in points: the width of a landscape page. */
const A4_LONG_SIDE = 841.89;
const MARGIN_X = 36;
const PAGE_MARGINS: [number, number, number, number] = [MARGIN_X, 48, MARGIN_X, 44];
const CELL_PADDING_X = 3;

const LEVEL_COLOUR: Record<RiskLevel, string> = { low: '#d4edd4', medium: '#ffe3a6', high: '#f6b9b3' };
const LEVEL_WORD: Record<RiskLevel, string> = { low: 'Low', medium: 'Medium', high: 'High' };
const HEADER_FILL = '#e3e8ef';
const ZEBRA_FILL = '#f5f7fa';
const LINE = '#c9d1db';
const MUTED = '#5b6675';

const requireHere = createRequire(import.meta.url);

/**
 * pdfmake with the Roboto font files it ships in node_modules: nothing is ever fetched, and it may read no file
 * but those fonts (the export runs offline and its content comes only from the database).
 */
function loadPdfMake(): typeof PdfMake {
  const pdfmake = requireHere('pdfmake') as typeof PdfMake;
  const fontDir = join(dirname(requireHere.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
  pdfmake.setFonts({
    Roboto: {
      normal: join(fontDir, 'Roboto-Regular.ttf'),
      bold: join(fontDir, 'Roboto-Medium.ttf'),
      italics: join(fontDir, 'Roboto-Italic.ttf'),
      bolditalics: join(fontDir, 'Roboto-MediumItalic.ttf'),
    },
  });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => dirname(path) === fontDir);
  return pdfmake;
}

// ---------------------------------------------------------------------------------------------------------------
// Words and cells

/** Characters Roboto has no glyph for, as text it has (a missing glyph would print as an empty box). */
const GLYPH_SUBSTITUTES: [RegExp, string][] = [
  [/→/g, '->'],
  [/←/g, '<-'],
  [/[✓✔]/g, 'yes'],
  [/[✗✘]/g, 'no'],
];

function printable(text: string): string {
  let out = text;
  for (const [from, to] of GLYPH_SUBSTITUTES) out = out.replace(from, to);
  return out;
}

function cut(text: string, max = CELL_MAX): string {
  const clean = printable(text);
  return clean.length <= max ? clean : `${clean.slice(0, max - 1).trimEnd()}…`;
}

/** "2026-11-27 06:00" from an ISO-8601 moment, in UTC. */
function utcMinute(iso: string | null | undefined): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t).toISOString().slice(0, 16).replace('T', ' ');
}

const utcStamp = (iso: string | null | undefined) => (iso ? `${utcMinute(iso)} UTC` : '');

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A stored code a table cell shows as a word: "in-review" reads "In review". */
const codeWords = (s: string) => capitalised(s.replace(/-/g, ' '));

function readable(reg: Register, name: string, value: unknown): string {
  const text = readableValue(reg, name, value);
  return text === '—' ? '' : text;
}

/** Why a breach's clock stopped, in a word or two. */
const STOPPED_BY: Record<string, string> = {
  filing: 'filed',
  'no-risk': 'no risk',
  dismissed: 'not a breach',
  closed: 'closed',
};

/** A derived fact in a table cell: a verdict by its status, a clock by its state, anything else in words. */
function factText(reg: Register, name: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && !Array.isArray(value)) {
    const o = value as Rec;
    if (typeof o.status === 'string') return codeWords(o.status);
    if (typeof o.state === 'string') {
      const hours = typeof o.hoursLeft === 'number' ? o.hoursLeft : null;
      if (o.state === 'running' && hours !== null) return `Running: ${hours} h left`;
      if (o.state === 'overdue' && hours !== null) return `Overdue by ${-hours} h`;
      if (o.state === 'stopped' && typeof o.stoppedBy === 'string')
        return `Stopped: ${STOPPED_BY[o.stoppedBy] ?? codeWords(o.stoppedBy).toLowerCase()}`;
      return codeWords(o.state);
    }
  }
  const fact = reg.derived[name];
  if (typeof value === 'string' && !fact?.display) return codeWords(value);
  return readable(reg, name, value);
}

// ---------------------------------------------------------------------------------------------------------------
// Register tables

interface PdfColumn {
  key: string;
  header: string;
  /** Relative width: the register table's starting width in pixels. */
  size: number;
  value: (r: Rec) => string;
}

/** A register's own words for a few facts whose values are codes of a field the fact does not name. */
const FACT_WORDS: Record<string, Record<string, (v: unknown) => string>> = {
  breaches: { latestRisk: (v) => breachRiskLabel(v) },
};

/** A breach's risk levels in words, from the options of its risk assessments. */
const BREACH_RISK_WORDS: ReadonlyMap<string, string> = (() => {
  const level = breaches.fields.assessments.rows?.fields.level;
  return new Map(level?.kind === 'enum' ? level.options.map((o) => [o.value, o.label]) : []);
})();

function breachRiskLabel(value: unknown): string {
  if (typeof value !== 'string') return 'Not assessed yet';
  return BREACH_RISK_WORDS.get(value) ?? codeWords(value);
}

/**
 * The columns of a register's table: those its table in the workbench shows by default (fields and derived facts
 * declared with a table column that is not hidden), in the same order, capped so they fit a landscape page. A
 * data subject's personal fields are never printed, as they are never exported.
 */
function pdfColumns(reg: Register): PdfColumn[] {
  const exported = new Map(exportColumns(reg).map((c) => [c.key, c]));
  const entries: { id: string; after?: string; column: PdfColumn }[] = [];
  for (const { name, field } of reg.fieldList) {
    const table = field.table;
    if (table === false || table?.hidden || field.personal || field.export === false) continue;
    const shows = table?.shows;
    const header = field.short ?? field.label;
    let value: (r: Rec) => string;
    if (shows) value = (r) => readable(reg, shows, r[shows]);
    else if (field.kind === 'ref') value = (r) => (r[field.ref!.nameKey] as string | null) ?? '';
    else if (field.kind === 'refs')
      value = (r) =>
        ((r[field.refs!.nameKey] as (string | null)[] | undefined) ?? []).filter(Boolean).join('; ');
    else if (field.kind === 'instant') value = (r) => utcMinute(r[name] as string | null);
    else {
      const column = exported.get(name);
      value = column
        ? (r) => {
            const v = column.value(r);
            return v === null ? '' : String(v);
          }
        : (r) => readable(reg, name, r[name]);
    }
    entries.push({
      id: name,
      after: table?.after,
      column: {
        key: name,
        header: field.kind === 'instant' ? `${header} (UTC)` : header,
        size: table?.size ?? 160,
        value,
      },
    });
  }
  const words = FACT_WORDS[reg.name] ?? {};
  for (const [name, fact] of Object.entries(reg.derived)) {
    if (!fact.table || fact.table.hidden) continue;
    const own = words[name];
    entries.push({
      id: name,
      after: fact.table.after,
      column: {
        key: name,
        header: fact.table.short ?? fact.label,
        size: fact.table.size ?? 140,
        value: own ? (r) => own(r[name]) : (r) => factText(reg, name, r[name]),
      },
    });
  }
  // The order of the workbench's table: declaration order, a column declared `after` another right behind it.
  const ordered = orderByAfter(entries);
  return [
    { key: 'id', header: 'ID', size: 0, value: (r) => String(r.id) },
    ...ordered.slice(0, MAX_TABLE_COLUMNS).map((e) => e.column),
  ];
}

/**
 * Light lines between rows, a shaded header and every other row shaded: easy to follow across a wide page. With a
 * caption row above the header (`captioned`), the caption repeats on each page the table runs onto.
 */
function zebraLayout(captioned = false): CustomTableLayout {
  const head = captioned ? 1 : 0;
  return {
    hLineWidth: (i, node) => (i < head ? 0 : i === head || i === node.table.body.length ? 0.6 : 0.3),
    vLineWidth: () => 0,
    hLineColor: () => LINE,
    fillColor: (row) =>
      row < head ? null : row === head ? HEADER_FILL : (row - head) % 2 === 0 ? ZEBRA_FILL : null,
    paddingLeft: () => CELL_PADDING_X,
    paddingRight: () => CELL_PADDING_X,
    paddingTop: () => 2,
    paddingBottom: () => 2,
  };
}

const zebra = zebraLayout();

/** Plain key–value tables (the cover, a breach): a thin line under each row. */
const keyValue: CustomTableLayout = {
  hLineWidth: (i) => (i === 0 ? 0 : 0.3),
  vLineWidth: () => 0,
  hLineColor: () => LINE,
  paddingLeft: (i) => (i === 0 ? 0 : 6),
  paddingRight: () => 4,
  paddingTop: () => 3,
  paddingBottom: () => 3,
};

/** Column widths in points that fill `width`: the ID narrow, the others by their width in the workbench. */
function columnWidths(columns: readonly PdfColumn[], width: number): number[] {
  const usable = width - columns.length * 2 * CELL_PADDING_X - 2;
  const idWidth = 22;
  const rest = columns.slice(1).reduce((a, c) => a + c.size, 0);
  return columns.map((c) =>
    c.key === 'id' ? idWidth : Math.floor(((usable - idWidth) * c.size) / Math.max(rest, 1)),
  );
}

function registerTable(columns: readonly PdfColumn[], rows: readonly string[][]): Content {
  return {
    table: {
      headerRows: 1,
      keepWithHeaderRows: 1,
      dontBreakRows: true,
      widths: columnWidths(columns, A4_LONG_SIDE - 2 * MARGIN_X),
      body: [
        columns.map((c): TableCell => ({ text: c.header, style: 'th' })),
        ...rows.map((cells) => cells.map((text): TableCell => text)),
      ],
    },
    layout: zebra,
    style: 'cell',
  };
}

// ---------------------------------------------------------------------------------------------------------------
// What the summary counts

interface Finding {
  /** Where it comes in the summary: what is late or unlawful now first, reviews last. */
  rank: number;
  label: string;
  rule?: string;
  items: string[];
}

/** The checks of each register the summary reports, made once the register is known to be exported. */
function registerChecks(reg: Register, found: Finding[], now: Date): ((r: KitRecord) => void)[] {
  const checks: ((r: KitRecord) => void)[] = [];
  const add = (rank: number, label: string, rule?: string) => {
    const f: Finding = { rank, label, ...(rule ? { rule } : {}), items: [] };
    found.push(f);
    return f;
  };
  const name = (r: Rec) => `#${String(r.id)} ${printable(reg.titleOf(r))}`;
  if (reg.name === 'requests') {
    const overdue = add(1, 'Rights requests past their due date', 'GDPR Art 12(3)');
    checks.push((r) => {
      if (r.state === 'overdue') overdue.items.push(`${name(r)} (due ${String(r.due)})`);
    });
  }
  if (reg.name === 'breaches') {
    const late = add(2, 'Breaches not notified by the deadline (the clock ran out)', 'GDPR Art 33(1)');
    const open = add(3, 'Open breaches (open or reopened)');
    checks.push((r) => {
      const deadline = r.deadline as string | null;
      if (r.clockStopped === false && deadline !== null && Date.parse(deadline) < now.getTime())
        late.items.push(`${name(r)} (deadline ${utcStamp(deadline)})`);
      if (r.status === 'open' || r.status === 'reopened') open.items.push(name(r));
    });
  }
  if (reg.name === 'transfers') {
    const invalid = add(4, 'Transfers judged invalid', 'GDPR Chapter V, Arts 44–49');
    const warning = add(6, 'Transfers with warnings to check');
    checks.push((r) => {
      const status = (r.validity as { status?: string } | null)?.status;
      if (status === 'invalid') invalid.items.push(name(r));
      else if (status === 'warning') warning.items.push(name(r));
    });
  }
  if (reg.name === 'dpias') {
    const consult = add(5, 'DPIAs needing prior consultation', cite(PRIOR_CONSULTATION));
    checks.push((r) => {
      if (r.priorConsultationRequired !== true) return;
      const filed = r.priorConsultationOn as string | null;
      consult.items.push(filed ? `${name(r)} (filed ${filed})` : `${name(r)} (not filed yet)`);
    });
  }
  if ('reviewOverdue' in reg.derived) {
    const review = add(7, `${reg.title}: review overdue`);
    checks.push((r) => {
      if (r.reviewOverdue === true) review.items.push(name(r));
    });
  }
  return checks;
}

// ---------------------------------------------------------------------------------------------------------------
// DPIA summaries

const levelOf = (l: unknown, s: unknown): RiskLevel | null =>
  typeof l === 'number' && typeof s === 'number' && l >= 1 && l <= 4 && s >= 1 && s <= 4
    ? rateRisk(l, s).level
    : null;

const levelName = (n: unknown) =>
  typeof n === 'number' && n >= 1 && n <= 4 ? `${n} ${CNIL_LEVELS[n as 1 | 2 | 3 | 4].en}` : '—';

/**
 * The 4 × 4 map of a DPIA's risks: severity up the side, likelihood along the bottom (CNIL levels), each cell
 * coloured by the level it gives, each risk placed by number where it starts (R1) and where its measures leave it
 * (R1′). A risk without a rating after its measures keeps its inherent place, as the register reads it.
 */
function riskMap(risks: readonly Rec[]): Content {
  const marks = new Map<string, string[]>();
  const place = (l: unknown, s: unknown, mark: string) => {
    if (levelOf(l, s) === null) return;
    const key = `${String(l)}-${String(s)}`;
    marks.set(key, [...(marks.get(key) ?? []), mark]);
  };
  risks.forEach((r, i) => {
    place(r.likelihood, r.severity, `R${i + 1}`);
    if (typeof r.residualLikelihood === 'number' && typeof r.residualSeverity === 'number')
      place(r.residualLikelihood, r.residualSeverity, `R${i + 1}′`);
  });
  const blank = (): TableCell => ({ text: '' });
  const body: TableCell[][] = [
    [{ text: 'Severity', style: 'axis', bold: true, alignment: 'right' }, blank(), blank(), blank(), blank()],
  ];
  for (const s of [4, 3, 2, 1] as const) {
    const row: TableCell[] = [
      { text: [{ text: `${s} `, bold: true }, CNIL_LEVELS[s].en], style: 'axis', alignment: 'right' },
    ];
    for (const l of [1, 2, 3, 4] as const) {
      const here = marks.get(`${l}-${s}`) ?? [];
      row.push({
        text:
          here.length > MAP_MARKS_PER_CELL
            ? `${here.slice(0, MAP_MARKS_PER_CELL - 1).join('   ')}   and ${here.length - MAP_MARKS_PER_CELL + 1} more`
            : here.join('   ') || ' ',
        fillColor: LEVEL_COLOUR[rateRisk(l, s).level],
        alignment: 'center',
        bold: true,
        fontSize: 8.5,
        margin: [0, 7, 0, 7],
      });
    }
    body.push(row);
  }
  body.push(
    [
      blank(),
      ...([1, 2, 3, 4] as const).map((l): TableCell => ({
        text: [{ text: `${l} `, bold: true }, CNIL_LEVELS[l].en],
        style: 'axis',
        alignment: 'center',
      })),
    ],
    [blank(), { text: 'Likelihood', style: 'axis', bold: true, alignment: 'center', colSpan: 4 }, '', '', ''],
  );
  const legend: Content = {
    columns: [
      ...(['low', 'medium', 'high'] as const).map((level): Column => ({
        width: 'auto',
        table: { body: [[{ text: LEVEL_WORD[level], fillColor: LEVEL_COLOUR[level], fontSize: 7 }]] },
        layout: 'noBorders',
      })),
      {
        width: '*',
        text: 'R1: where risk 1 starts. R1′: where its measures leave it.',
        style: 'note',
        margin: [6, 2, 0, 0],
      },
    ],
    columnGap: 4,
    margin: [78, 4, 0, 0],
  };
  return {
    stack: [
      { text: 'Risk map', style: 'h3' },
      {
        table: { widths: [70, 86, 86, 86, 86], body },
        // White gaps between the coloured cells; no other lines.
        layout: {
          hLineWidth: () => 1.5,
          vLineWidth: () => 1.5,
          hLineColor: () => '#ffffff',
          vLineColor: () => '#ffffff',
        },
      },
      legend,
      { text: `${RISK_MATRIX_RULE.text} (${cite(RISK_MATRIX_RULE)})`, style: 'note', margin: [0, 4, 0, 0] },
    ],
    unbreakable: true,
    margin: [0, 6, 0, 6],
  };
}

function measuresText(value: unknown): string {
  const list = Array.isArray(value) ? (value as Rec[]) : [];
  return list
    .map((m) => {
      const extra = [
        m.owner as string | null,
        m.due ? `by ${String(m.due)}` : null,
        typeof m.state === 'string' ? codeWords(m.state).toLowerCase() : null,
      ].filter(Boolean);
      return `${String(m.measure ?? '')}${extra.length > 0 ? ` (${extra.join(', ')})` : ''}`;
    })
    .join('\n');
}

function riskList(risks: readonly Rec[]): Content {
  const level = (v: unknown): TableCell =>
    typeof v === 'string' && v in LEVEL_WORD
      ? { text: LEVEL_WORD[v as RiskLevel], fillColor: LEVEL_COLOUR[v as RiskLevel] }
      : '';
  const head = ['', 'Risk', 'Likelihood / severity', 'Level', 'After measures', 'Residual', 'Measures'];
  return {
    table: {
      // The caption is a header row, so it never stands alone at the foot of a page.
      headerRows: 2,
      keepWithHeaderRows: 1,
      dontBreakRows: true,
      widths: [16, '*', 64, 34, 64, 38, 136],
      body: [
        [
          { text: 'Risks', style: 'h3', colSpan: head.length, margin: [-CELL_PADDING_X, 8, 0, 1] },
          ...head.slice(1).map((): TableCell => ''),
        ],
        head.map((h): TableCell => ({ text: h, style: 'th' })),
        ...risks.map((r, i): TableCell[] => {
          const detail = [r.source, r.threat].filter((x): x is string => typeof x === 'string' && x !== '');
          const assessed = typeof r.residualLikelihood === 'number';
          return [
            { text: `R${i + 1}`, bold: true },
            {
              stack: [
                { text: cut(String(r.title ?? '')), bold: true },
                ...(detail.length > 0 ? [{ text: cut(detail.join(' · ')), color: MUTED }] : []),
                ...(typeof r.impact === 'string' && r.impact ? [{ text: cut(r.impact) }] : []),
              ],
            },
            `${levelName(r.likelihood)}\n${levelName(r.severity)}`,
            level(r.level),
            assessed
              ? `${levelName(r.residualLikelihood)}\n${levelName(r.residualSeverity)}`
              : 'Not rated yet',
            level(r.residualLevel),
            cut(measuresText(r.measures), 600),
          ];
        }),
      ],
    },
    layout: zebraLayout(true),
    style: 'cell',
  };
}

function dpiaSummary(reg: Register, d: Rec, first: boolean): Content {
  const risks = Array.isArray(d.risks) ? (d.risks as Rec[]) : [];
  const consultation =
    d.priorConsultationRequired === true
      ? `Required (${cite(PRIOR_CONSULTATION)})${d.priorConsultationOn ? `: filed on ${String(d.priorConsultationOn)}` : ': not filed yet'}${d.authorityReference ? `, reference ${String(d.authorityReference)}` : ''}`
      : 'Not required: no risk stays high after its measures';
  const facts: [string, string][] = [
    ['Status', readable(reg, 'status', d.status)],
    ['Processing activities', ((d.activityNames as (string | null)[]) ?? []).filter(Boolean).join('; ')],
    ['DPO opinion', readable(reg, 'dpoOpinion', d.dpoOpinion) || 'Not recorded'],
    [
      'Highest residual risk',
      typeof d.highestResidual === 'string' ? LEVEL_WORD[d.highestResidual as RiskLevel] : 'No risk rated',
    ],
    ['Prior consultation', consultation],
    ['Next review', (d.reviewOn as string | null) ?? ''],
  ];
  return {
    stack: [
      {
        text: `DPIA #${String(d.id)}: ${printable(String(d.title))}`,
        style: 'h2',
        ...(first ? {} : { pageBreak: 'before' as const }),
      },
      keyValueTable(facts, 130),
      risks.length > 0
        ? { stack: [riskMap(risks), riskList(risks)] }
        : { text: 'No risks recorded yet.', style: 'note', margin: [0, 6, 0, 0] },
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Breach log

function keyValueTable(rows: readonly [string, Content][], labelWidth = 150): ContentTable {
  return {
    table: {
      widths: [labelWidth, '*'],
      dontBreakRows: true,
      body: rows.map(([label, value]): TableCell[] => [
        { text: label, bold: true },
        typeof value === 'string' ? cut(value, 2000) || '—' : value,
      ]),
    },
    layout: keyValue,
    margin: [0, 2, 0, 6],
  };
}

function peopleTold(reg: Register, b: Rec): string {
  if (b.subjectsToldAt) {
    const how = b.subjectsToldHow ? ` by ${String(b.subjectsToldHow)}` : '';
    const count = typeof b.subjectsToldCount === 'number' ? `; ${b.subjectsToldCount} people` : '';
    return `Told ${utcStamp(b.subjectsToldAt as string)}${how}${count}`;
  }
  if (b.art34Ground) {
    const why = b.art34Reasoning ? `: ${String(b.art34Reasoning)}` : '';
    return `Not told, on the ground of GDPR Art 34(3) ${readable(reg, 'art34Ground', b.art34Ground)}${why}`;
  }
  if (b.latestRisk === null || b.latestRisk === undefined)
    return 'Not told; the risk to people is not assessed yet (they must be told when it is high, GDPR Art 34(1))';
  if (b.latestRisk !== 'high')
    return 'Not told: required only when the risk to people is high (GDPR Art 34(1))';
  return 'Not told, and no GDPR Art 34(3) ground recorded: tell them without undue delay (Art 34(1))';
}

interface ClockView {
  deadlineLocal?: string;
  timeZone?: string;
  state?: 'running' | 'stopped' | 'overdue';
  hoursLeft?: number | null;
  stoppedBy?: 'filing' | 'no-risk' | 'dismissed' | 'closed' | null;
  delayReasonRequired?: boolean;
  delayReasonMissing?: boolean;
}

/** The deadline in UTC, and on the clock of the breach's zone when it has one by name. */
function deadlineText(b: Rec): string {
  const deadline = b.deadline as string | null;
  if (!deadline) return '';
  const clock = (b.clock as ClockView | null) ?? {};
  const local =
    clock.deadlineLocal && clock.timeZone && !clock.timeZone.startsWith('UTC')
      ? `; in ${clock.timeZone}: ${clock.deadlineLocal}`
      : '';
  return `${utcStamp(deadline)}${local}`;
}

/** Where the 72-hour clock stood at the moment of the export (GDPR Art 33(1)). */
function clockText(b: Rec, now: Date): string {
  const clock = (b.clock as ClockView | null) ?? {};
  const hours = typeof clock.hoursLeft === 'number' ? clock.hoursLeft : null;
  if (clock.state === 'running') return hours === null ? 'Running' : `Running: ${hours} h left`;
  if (clock.state === 'overdue')
    return `Overdue${hours === null ? '' : ` by ${-hours} h`}: the deadline passed while the clock ran; notify now with the reasons for the delay (Art 33(1))`;
  switch (clock.stoppedBy) {
    case 'filing': {
      const late = clock.delayReasonRequired
        ? clock.delayReasonMissing
          ? ', made after the deadline: the reasons for the delay are missing (Art 33(1))'
          : ', made after the deadline, with the reasons for the delay (Art 33(1))'
        : ', made in time';
      return `Stopped by the initial filing${late}`;
    }
    case 'no-risk':
      return 'Stopped: assessed as unlikely to result in a risk, so no notification is due';
    case 'dismissed':
      return 'Stopped: recorded as not a breach';
    case 'closed':
      return 'Stopped: closed';
  }
  // A record read without its clock: judge from the deadline and whether the clock stopped.
  const deadline = b.deadline as string | null;
  if (b.clockStopped === true) return 'Stopped';
  return deadline && Date.parse(deadline) < now.getTime() ? 'Overdue' : 'Running';
}

/** A breach's filings, one row each, under the breach's table. */
function filingsTable(sheet: RowsSheet, entries: readonly Rec[], b: Rec): Content {
  const columns = sheet.columns.filter((c) => c.key !== 'recordId' && c.key !== 'record');
  return {
    table: {
      headerRows: 1,
      keepWithHeaderRows: 1,
      dontBreakRows: true,
      widths: columns.map((c) => (c.kind === 'longText' ? '*' : c.kind === 'instant' ? 56 : 64)),
      body: [
        columns.map((c): TableCell => ({ text: c.header, style: 'th' })),
        ...entries.map((e) =>
          columns.map((c): TableCell => {
            const v = c.value(e, b);
            if (v === null) return '';
            return c.kind === 'instant' ? utcMinute(String(v)) : cut(String(v));
          }),
        ),
      ],
    },
    layout: zebra,
    style: 'cell',
    margin: [0, 0, 0, 8],
  };
}

const BREACH_LABEL_WIDTH = 120;
/** A breach with at most this many filings is kept on one page with them; a longer list runs on. */
const FILINGS_KEPT_TOGETHER = 3;

function breachEntry(reg: Register, b: Rec, sheet: RowsSheet | undefined, now: Date): Content {
  const filings = sheet?.entries(b) ?? [];
  const rows: [string, Content][] = [
    ['Status', readable(reg, 'status', b.status)],
    ['Became aware at', utcStamp(b.awareAt as string)],
    ['Notification deadline', deadlineText(b)],
    ['72-hour clock', clockText(b, now)],
    ['Latest risk to people', breachRiskLabel(b.latestRisk)],
    ['People told', peopleTold(reg, b)],
    ['Next step', (b.nextStep as string | null) ?? ''],
    [
      'Filings to authorities',
      filings.length === 0
        ? 'None recorded'
        : `${filings.length} ${filings.length === 1 ? 'filing' : 'filings'}${filings.length > 1 ? ', in the order recorded' : ''}`,
    ],
  ];
  const head: Content[] = [
    { text: `Breach #${String(b.id)}: ${printable(String(b.title))}`, style: 'h3' },
    { ...keyValueTable(rows, BREACH_LABEL_WIDTH), margin: [0, 2, 0, 2] },
  ];
  if (!sheet || filings.length === 0) return { stack: head, unbreakable: true, margin: [0, 0, 0, 6] };
  const table = filingsTable(sheet, filings, b);
  // Content kept together must fit one page (pdfmake drops what cannot), so only a short list joins its breach.
  return filings.length <= FILINGS_KEPT_TOGETHER
    ? { stack: [...head, table], unbreakable: true }
    : [{ stack: head, unbreakable: true }, table];
}

// ---------------------------------------------------------------------------------------------------------------
// The document

interface RegisterPart {
  register: Register;
  columns: PdfColumn[];
  rows: string[][];
}

function cover(source: ExportSource, options: WorkbookOptions, orgName: string): Content {
  const org = source.organisation;
  const facts: [string, Content][] = [
    ['Organisation', org.name ?? 'Not set (Settings)'],
    ['Established in', org.country ? countryLabel(org.country) : 'Not set (Settings)'],
    ['Data Protection Officer', org.dpoContact ?? 'Not set (Settings)'],
    ['Generated at', `${options.now.toISOString().slice(0, 19).replace('T', ' ')} UTC`],
    ['Generated by', options.actor],
    ['Application', `DPO Workbench ${APP_VERSION}`],
    ['Database schema version', String(source.schemaVersion)],
    [
      'Records included',
      options.includeArchived
        ? 'Current and archived records'
        : 'Current records only (archived records left out)',
    ],
    ['Registers', source.registers.map((r) => r.title).join(', ')],
    [
      'Left out',
      'Data subjects’ personal details (a requester’s contact) are never exported. Tables show the main ' +
        'columns of each register; the workbook export holds every field.',
    ],
  ];
  const audit: [string, Content][] = [
    ['Entries', String(source.audit.count)],
    ['Last entry', String(source.audit.headId)],
    ['Hash of the last entry (SHA-256)', { text: source.audit.headHash ?? 'No entries yet', fontSize: 8 }],
    [
      'How to check it later',
      'Each entry’s hash covers the entry and the hash before it. Later, `dpo audit verify` must pass and ' +
        `entry ${source.audit.headId} must still carry this hash: then no entry up to it was altered, ` +
        'inserted or removed.',
    ],
  ];
  return {
    stack: [
      { text: 'Data protection registers', style: 'title', margin: [0, 120, 0, 6] },
      { text: printable(orgName), style: 'subtitle', margin: [0, 0, 0, 36] },
      keyValueTable(facts),
      { text: 'Audit log', style: 'h3', margin: [0, 12, 0, 2] },
      keyValueTable(audit),
    ],
  };
}

function summary(source: ExportSource, counts: ReadonlyMap<string, number>, found: Finding[]): Content {
  const countRows: TableCell[][] = [
    [
      { text: 'Register', style: 'th' },
      { text: 'Records', style: 'th', alignment: 'right' },
    ],
    ...source.registers.map((r): TableCell[] => [
      r.title,
      { text: String(counts.get(r.name) ?? 0), alignment: 'right' },
    ]),
  ];
  const findingRows: TableCell[][] = [
    [
      { text: 'Finding', style: 'th' },
      { text: 'Count', style: 'th', alignment: 'right' },
      { text: 'Records', style: 'th' },
    ],
    // A stable sort: findings of the same rank keep the order of the registers.
    ...[...found]
      .sort((a, b) => a.rank - b.rank)
      .map((x): TableCell[] => {
        const named = x.items.slice(0, NAMED_PER_FINDING).map((i) => cut(i, 160));
        const more = x.items.length - named.length;
        return [
          {
            stack: [
              { text: x.label, bold: x.items.length > 0 },
              ...(x.rule ? [{ text: x.rule, color: MUTED, fontSize: 7 }] : []),
            ],
          },
          {
            text: String(x.items.length),
            alignment: 'right',
            bold: x.items.length > 0,
            color: x.items.length > 0 ? '#a61b1b' : MUTED,
          },
          x.items.length === 0
            ? { text: 'None', color: MUTED }
            : { text: [...named, ...(more > 0 ? [`and ${more} more`] : [])].join('\n') },
        ];
      }),
  ];
  return [
    { text: 'Summary', style: 'h1', tocItem: true, pageBreak: 'before', pageOrientation: 'portrait' },
    { text: 'Records per register', style: 'h3' },
    {
      table: { headerRows: 1, widths: [200, 60], body: countRows },
      layout: zebra,
      style: 'cell9',
      margin: [0, 0, 0, 12],
    },
    { text: 'What needs attention', style: 'h3' },
    {
      text: 'Judged at the moment of the export. Each count names its records by ID and title.',
      style: 'note',
      margin: [0, 0, 0, 4],
    },
    {
      table: {
        headerRows: 1,
        keepWithHeaderRows: 1,
        dontBreakRows: true,
        widths: [190, 34, '*'],
        body: findingRows,
      },
      layout: zebra,
      style: 'cell',
    },
  ];
}

const footer =
  (generated: string): DynamicContent =>
  (page, pages) => ({
    columns: [
      { text: `Generated ${generated} UTC`, alignment: 'left' },
      { text: `Page ${page} of ${pages}`, alignment: 'right' },
    ],
    margin: [MARGIN_X, 16, MARGIN_X, 0],
    fontSize: 7,
    color: MUTED,
  });

const header =
  (orgName: string): DynamicContent =>
  (page) =>
    page === 1
      ? null
      : {
          text: printable(orgName),
          margin: [MARGIN_X, 20, MARGIN_X, 0],
          fontSize: 7,
          color: MUTED,
          alignment: 'right',
        };

/**
 * Writes the registers as a PDF report a DPO can hand to an auditor or the board: a cover with the organisation,
 * the moment and the audit log's head hash; contents; a summary of what needs attention; each register as a
 * table on landscape pages; each DPIA with its risk map; and the breach log. Records are read a batch at a time
 * (cancellable, with progress), then the document is laid out and written beside its target and renamed when
 * complete, so a cancel or a failure never leaves a half-written file under the name asked for.
 */
export async function writePdf(
  source: ExportSource,
  file: string,
  options: PdfOptions,
  job: JobContext,
): Promise<ExportResult> {
  const orgName = source.organisation.name ?? 'Organisation not set';
  const generated = options.now.toISOString().slice(0, 16).replace('T', ' ');
  const counts = new Map(source.registers.map((r) => [r.name, source.count(r)]));
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  let done = 0;
  // Reading the records is the first half of the work; laying out and writing the pages the second.
  const report = (percent: number) => {
    job.checkCancelled();
    job.progress({ rows: done, total, percent });
  };
  const sheets: Record<string, number> = {};
  await writeBeside(file, async (partial) => {
    const found: Finding[] = [];
    const parts: RegisterPart[] = [];
    const dpiaRecords: Rec[] = [];
    const breachRecords: Rec[] = [];
    let dpiaRegister: Register | null = null;
    let breachRegister: Register | null = null;
    for (const reg of source.registers) {
      const columns = pdfColumns(reg);
      const checks = registerChecks(reg, found, options.now);
      if (reg.name === 'breaches') breachRegister = reg;
      if (reg.name === 'dpias') dpiaRegister = reg;
      const rows: string[][] = [];
      for (const batch of source.batches(reg)) {
        for (const r of batch) {
          const cells = columns.map((c) => cut(c.value(r)));
          // The first column after the ID names the record, as the workbench's table does with its chip.
          if (r.archived && cells.length > 1) cells[1] = `${cells[1]} (archived)`;
          rows.push(cells);
          for (const check of checks) check(r);
          if (reg.name === 'dpias') dpiaRecords.push(r);
          if (reg.name === 'breaches') breachRecords.push(r);
        }
        done += batch.length;
        report(total ? (50 * done) / total : 50);
      }
      parts.push({ register: reg, columns, rows });
      sheets[reg.title] = rows.length;
    }

    const content: Content[] = [
      cover(source, options, orgName),
      {
        toc: { title: { text: 'Contents', style: 'h1' }, textStyle: 'toc', numberStyle: 'toc' },
        pageBreak: 'before',
      },
      summary(source, counts, found),
    ];
    for (const part of parts) {
      content.push(
        {
          text: part.register.title,
          style: 'h1',
          tocItem: true,
          pageBreak: 'before',
          pageOrientation: 'landscape',
        },
        {
          text:
            `${part.rows.length} ${part.rows.length === 1 ? part.register.noun.one : part.register.noun.other}` +
            `${options.includeArchived ? ', archived ones included' : ''}. ` +
            'The columns the register shows by default; the workbook export holds every field.',
          style: 'note',
          margin: [0, 0, 0, 6],
        },
        part.rows.length > 0
          ? registerTable(part.columns, part.rows)
          : { text: 'No records.', style: 'note' },
      );
    }
    if (dpiaRegister) {
      content.push({
        text: 'DPIA summaries',
        style: 'h1',
        tocItem: true,
        pageBreak: 'before',
        pageOrientation: 'portrait',
      });
      if (dpiaRecords.length === 0) content.push({ text: 'No DPIAs recorded.', style: 'note' });
      dpiaRecords.forEach((d, i) => content.push(dpiaSummary(dpiaRegister, d, i === 0)));
    }
    if (breachRegister) {
      const filings = rowsSheets(breachRegister).find((s) => s.field === 'filings');
      content.push(
        {
          text: 'Breach log',
          style: 'h1',
          tocItem: true,
          pageBreak: 'before',
          pageOrientation: 'portrait',
        },
        {
          text:
            'The record of personal-data breaches (GDPR Art 33(5)): when each became known, the 72-hour ' +
            'deadline to notify the supervisory authority (Art 33(1)), the latest risk assessment, the filings ' +
            'and whether the people affected were told (Art 34). Times in UTC.',
          style: 'note',
          margin: [0, 0, 0, 6],
        },
      );
      if (breachRecords.length === 0) content.push({ text: 'No breaches recorded.', style: 'note' });
      for (const b of breachRecords) content.push(breachEntry(breachRegister, b, filings, options.now));
    }

    const doc: TDocumentDefinitions = {
      info: {
        title: `Data protection registers: ${orgName}`,
        author: orgName,
        subject: 'Registers of processing, transfers, DPIAs, breaches and rights requests',
        creator: `DPO Workbench ${APP_VERSION}`,
        producer: `DPO Workbench ${APP_VERSION}`,
        creationDate: options.now,
      },
      pageSize: 'A4',
      pageOrientation: 'portrait',
      pageMargins: PAGE_MARGINS,
      compress: options.compress ?? true,
      header: header(orgName),
      footer: footer(generated),
      content,
      defaultStyle: { font: 'Roboto', fontSize: 9, lineHeight: 1.15 },
      styles: {
        title: { fontSize: 26, bold: true },
        subtitle: { fontSize: 16, color: '#2d3a4a' },
        h1: { fontSize: 16, bold: true, margin: [0, 0, 0, 6] },
        h2: { fontSize: 13, bold: true, margin: [0, 4, 0, 4] },
        h3: { fontSize: 10.5, bold: true, margin: [0, 8, 0, 3] },
        th: { bold: true, fontSize: 7.5 },
        cell: { fontSize: 7.5, lineHeight: 1.1 },
        cell9: { fontSize: 9 },
        note: { fontSize: 8, color: MUTED, italics: true },
        axis: { fontSize: 7, color: '#2d3a4a' },
        toc: { fontSize: 10, lineHeight: 1.4 },
      },
    };

    const pdfmake = loadPdfMake();
    let shown = -1;
    // Called once per item drawn: progress in whole percents, and a cancel stops the drawing.
    pdfmake.setProgressCallback((fraction) => {
      const percent = Math.floor(50 + 50 * fraction);
      if (percent === shown) return;
      shown = percent;
      report(percent);
    });
    const pdf = pdfmake.createPdf(doc);
    pdfmake.setProgressCallback(() => undefined);
    await pdf.write(partial);
    job.checkCancelled();
  });
  return { file, sheets, bytes: (await stat(file)).size };
}
