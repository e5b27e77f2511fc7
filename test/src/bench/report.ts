import type { CliResult } from './cli';
import { SUBSTANTIAL_PARSE_MS, type EngineResult } from './engine';
import type { ServerResult } from './server';
import { KINDS } from './corpus';
import type { Measured } from './stats';

/**
 * Every figure against its target. Targets come from issue 8 (this machine, medians); figures
 * marked "baseline" are the further targets of shared/reference/perf-baseline.md §6; figures
 * without a target are context.
 */

export type Verdict = 'pass' | 'miss' | '—';

export interface Row {
  section: 'engine' | 'cli' | 'server';
  figure: string;
  target: string;
  unit: string;
  median: number;
  min: number;
  max: number;
  verdict: Verdict;
}

type Check = { op: '<=' | '>='; limit: number; source?: 'issue' | 'baseline' } | undefined;

function row(section: Row['section'], figure: string, unit: string, value: Measured, check: Check): Row {
  const verdict: Verdict = !check || !Number.isFinite(value.median) ? '—' : (check.op === '<=' ? value.median <= check.limit : value.median >= check.limit) ? 'pass' : 'miss';
  const target = check ? `${check.op === '<=' ? '≤' : '≥'} ${check.limit.toLocaleString('en-US')}${unit === '×' ? '×' : unit === '%' ? ' %' : ` ${unit}`}${check.source === 'baseline' ? ' (baseline)' : ''}` : '';
  return { section, figure, target, unit, median: value.median, min: value.min, max: value.max, verdict };
}

function single(value: number): Measured {
  return { median: value, min: value, max: value, runs: [value] };
}

export function buildRows(engine: EngineResult | undefined, cli: CliResult | undefined, server: ServerResult | undefined): Row[] {
  const rows: Row[] = [];
  if (engine) {
    for (const kind of KINDS) {
      const result = engine.kinds[kind];
      if (!result) continue;
      rows.push(row('engine', `${kind}: lint total ÷ parse floor (wall)`, '×', result.ratio, { op: '<=', limit: 1.3, source: 'issue' }));
      rows.push(row('engine', `${kind}: lint total ÷ parse floor (CPU)`, '×', result.cpuRatio, undefined));
      rows.push(row('engine', `${kind}: parse floor total (${result.files} files)`, 'ms', result.floorTotalMs, undefined));
      rows.push(row('engine', `${kind}: lint total`, 'ms', result.lintTotalMs, undefined));
      rows.push(row('engine', `${kind}: lint per file p50`, 'ms', result.lintPerFilePerPass.p50, undefined));
      rows.push(row('engine', `${kind}: lint per file p95`, 'ms', result.lintPerFilePerPass.p95, undefined));
      rows.push(row('engine', `${kind}: lint per file max`, 'ms', result.lintPerFilePerPass.max, undefined));
      const worst = result.rules[0];
      if (worst) {
        rows.push(row('engine', `${kind}: costliest rule on its worst file (${worst.id} ${worst.name})`, '%', single(worst.worst.ratio * 100), { op: '<=', limit: 10, source: 'issue' }));
        rows.push(
          row('engine', `${kind}: rules over 10 % of the parse on some file (of ${result.rules.length})`, 'rules', single(result.rulesOverBudget.length), { op: '<=', limit: 0, source: 'issue' }),
        );
        rows.push(row('engine', `${kind}: the same, on files whose parse takes ≥ ${SUBSTANTIAL_PARSE_MS} ms`, 'rules', single(result.rulesOverBudgetSubstantial.length), undefined));
      }
    }
  }
  if (cli) {
    rows.push(row('cli', `whole corpus, wall (${Object.entries(cli.files).map(([kind, n]) => `${n} ${kind}`).join(', ')})`, 'ms', cli.wallMs, { op: '<=', limit: 1500, source: 'issue' }));
    rows.push(row('cli', 'whole corpus, CPU (user+sys)', 'ms', cli.cpuMs, undefined));
    rows.push(row('cli', 'whole corpus, peak RSS', 'MB', cli.peakMb, undefined));
  }
  if (server) {
    rows.push(row('server', 'initialize (spawn → response)', 'ms', server.initializeMs, { op: '<=', limit: 200, source: 'issue' }));
    rows.push(row('server', 'RSS after initialize', 'MB', server.rssAfterInitMb, { op: '<=', limit: 70, source: 'baseline' }));
    for (const kind of KINDS) {
      const open = server.open[kind];
      if (!open) continue;
      rows.push(row('server', `open → diagnostics, ${kind} p50 (${open.files} files)`, 'ms', open.p50, { op: '<=', limit: 2, source: 'baseline' }));
      rows.push(row('server', `open → diagnostics, ${kind} p95`, 'ms', open.p95, { op: '<=', limit: 10, source: 'baseline' }));
      rows.push(row('server', `open → diagnostics, ${kind} max`, 'ms', open.max, { op: '<=', limit: 100, source: 'baseline' }));
      rows.push(row('server', `open → diagnostics, ${kind} first file (cold)`, 'ms', open.firstMs, { op: '<=', limit: 50, source: 'baseline' }));
    }
    for (const edit of server.edits) {
      const name = `keystroke → diagnostics, ${edit.kind} ${edit.label} (${(edit.bytes / 1024).toFixed(1)} KB), ${edit.position}`;
      if (edit.label === 'largest') {
        rows.push(row('server', `${name}, p50`, 'ms', edit.p50, { op: '<=', limit: 20, source: 'issue' }));
        rows.push(row('server', `${name}, p95`, 'ms', edit.p95, { op: '<=', limit: 60, source: 'baseline' }));
      } else {
        rows.push(row('server', `${name}, p50`, 'ms', edit.p50, { op: '<=', limit: 1, source: 'issue' }));
        rows.push(row('server', `${name}, p95`, 'ms', edit.p95, { op: '<=', limit: 5, source: 'issue' }));
      }
    }
    for (const typed of server.typing) {
      rows.push(row('server', `settle after typing at 10 keys/s, ${typed.kind} ${typed.label} (${(typed.bytes / 1024).toFixed(1)} KB)`, 'ms', typed.settleMs, { op: '<=', limit: 50, source: 'issue' }));
    }
    if (server.scan) {
      rows.push(row('server', `workspace scan after the phases above, files/s (${server.scan.files.median} files)`, 'files/s', server.scan.filesPerSecond, { op: '>=', limit: 2500, source: 'issue' }));
    }
    if (server.coldScan) {
      rows.push(row('server', 'workspace scan by a fresh server, files/s', 'files/s', server.coldScan.filesPerSecond, { op: '>=', limit: 2500, source: 'issue' }));
    }
    if (server.rescan) {
      rows.push(row('server', 'rescan (dockguard/lintWorkspace, timed by the server), files/s', 'files/s', server.rescan.filesPerSecond, undefined));
    }
    if (server.typingDuringScan) {
      // Issue 5: a large workspace must not block typing; 50 ms is its bound for diagnostics after a keystroke.
      const during = server.typingDuringScan;
      const name = `typing at 10 keys/s during a scan of ${during.files.median.toLocaleString('en-US')} files`;
      rows.push(row('server', `${name}, p50`, 'ms', during.p50, undefined));
      rows.push(row('server', `${name}, p95`, 'ms', during.p95, { op: '<=', limit: 50, source: 'issue' }));
      rows.push(row('server', `${name}, max`, 'ms', during.max, undefined));
      rows.push(row('server', 'that scan, files/s while typing', 'files/s', during.filesPerSecond, undefined));
    }
    rows.push(row('server', 'peak RSS (VmHWM) after the corpus', 'MB', server.peakRssMb, { op: '<=', limit: 100, source: 'issue' }));
    rows.push(row('server', 'RSS at the end', 'MB', server.rssEndMb, undefined));
    if (server.coldScan) rows.push(row('server', 'peak RSS of a fresh server after its scan', 'MB', server.coldScan.hwmMb, { op: '<=', limit: 100, source: 'issue' }));
  }
  return rows;
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return Math.round(value).toLocaleString('en-US');
  if (magnitude >= 10) return value.toFixed(1);
  if (magnitude >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

/** Counts are whole numbers; everything else keeps three significant digits. */
function formatValue(value: number, unit: string): string {
  return unit === 'rules' && Number.isFinite(value) ? String(Math.round(value)) : formatNumber(value);
}

/** A Markdown table: readable in a terminal, and pasted as is into the README. */
export function formatTable(rows: readonly Row[]): string {
  const header = ['figure', 'target', 'median', 'spread (min–max)', ''];
  const body = rows.map((r) => [
    r.figure,
    r.target,
    `${formatValue(r.median, r.unit)}${r.unit === '×' ? '×' : r.unit === '%' ? ' %' : ` ${r.unit}`}`,
    r.min === r.max ? '' : `${formatValue(r.min, r.unit)}–${formatValue(r.max, r.unit)}`,
    r.verdict === '—' ? '' : r.verdict === 'pass' ? 'pass' : '**miss**',
  ]);
  const widths = header.map((cell, i) => Math.max(cell.length, ...body.map((line) => line[i].length)));
  const line = (cells: string[]): string => `| ${cells.map((cell, i) => (i === 2 || i === 3 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join(' | ')} |`;
  const out: string[] = [];
  let section = '';
  for (let i = 0; i < rows.length; i++) {
    if (rows[i].section !== section) {
      section = rows[i].section;
      if (out.length > 0) out.push('');
      out.push(`### ${section}`, '', line(header), `| ${widths.map((w, k) => (k === 2 || k === 3 ? '-'.repeat(w - 1) + ':' : '-'.repeat(w))).join(' | ')} |`);
    }
    out.push(line(body[i]));
  }
  return out.join('\n');
}

/** Where the engine's time goes, and the costliest rules: the detail behind the ratio. */
export function formatEngineDetail(engine: EngineResult): string {
  const out: string[] = [];
  for (const kind of KINDS) {
    const result = engine.kinds[kind];
    if (!result) continue;
    const b = result.breakdown;
    const pct = (ms: number): string => `${((100 * ms) / b.parseMs).toFixed(0)} %`;
    out.push(
      `${kind}: sums of per-file medians over ${engine.passes} passes (% of the parse floor)`,
      `  parse floor ${b.parseMs.toFixed(0)} ms; lint without rules (parse + model + finish) ${b.noRulesMs.toFixed(0)} ms (${pct(b.noRulesMs)});` +
        ` lazy model parts ${b.lazyModelMs.toFixed(0)} ms (${pct(b.lazyModelMs)}); default rules' checks ${b.rulesMs.toFixed(0)} ms (${pct(b.rulesMs)});` +
        ` full lint ${b.lintMs.toFixed(0)} ms (${pct(b.lintMs)})`,
      `  cold first pass: parse ${result.coldFloorMs.toFixed(0)} ms, lint ${result.coldLintMs.toFixed(0)} ms`,
      `  slowest files (lint / parse, ms): ${result.slowest
        .slice(0, 5)
        .map((file) => `${file.file.split('/').pop()} ${file.lintMs.toFixed(1)}/${file.floorMs.toFixed(1)}`)
        .join('; ')}`,
      '  rules by their worst file (check time ÷ that file\'s parse):',
    );
    for (const rule of result.rules) {
      out.push(
        `    ${rule.id} ${rule.name.padEnd(24)}${rule.defaultOff ? ' (off by default)' : '                 '} worst ${(rule.worst.ratio * 100).toFixed(0).padStart(5)} % ` +
          `(${(rule.worst.ruleMs * 1000).toFixed(0)} µs of ${(rule.worst.parseMs * 1000).toFixed(0)} µs, ${rule.worst.file.split('/').pop()}); ` +
          `over 10 % on ${rule.filesOverBudget} files; p95 ${(rule.p95Ratio * 100).toFixed(1)} %; ` +
          `worst of files ≥ ${SUBSTANTIAL_PARSE_MS} ms ${rule.worstSubstantial ? `${(rule.worstSubstantial.ratio * 100).toFixed(0)} % (${rule.worstSubstantial.file.split('/').pop()})` : 'n/a'}; ` +
          `corpus total ${rule.totalMs.toFixed(1)} ms (${(rule.shareOfParse * 100).toFixed(1)} % of the parse)`,
      );
    }
  }
  return out.join('\n');
}
