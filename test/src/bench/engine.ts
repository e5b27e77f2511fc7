import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { DockerfileParser } from 'dockerfile-ast';
import { parseDocument } from 'yaml';
import type { EffectiveConfig } from '../../../shared/src/config/config';
import type { Rule, RuleContext } from '../../../shared/src/rules/rule';
import type { DockerfileModel } from '../../../shared/src/dockerfile/model';
import type { ComposeModel } from '../../../shared/src/compose/model';
import type { SeveritySetting } from '../../../shared/src/types';
import { KINDS, type BenchFile, type Corpus, type Kind } from './corpus';
import { distribution, measured, median, sum, type Distribution, type Measured } from './stats';

/**
 * The engine in this process, warm: the bare parse of each file (the floor no linter built on
 * these parsers can beat) against `lint()` of the same text, file by file, interleaved so both
 * see the same machine; then what each rule's `check` costs on each file.
 *
 * The engine measured is the built bundle (`dist/engine.browser.js`: the engine as the server
 * and CLI bundles carry it), and this harness must run as compiled JavaScript
 * (`test/out/bench/bench.js`), not through tsx: tsx transforms every module it loads, the
 * bundle included, to keep function names, which makes the engine ~45 % slower than it ships.
 */

type Engine = typeof import('../../../shared/src/index');

export async function loadEngine(bundlePath: string): Promise<Engine> {
  if (!existsSync(bundlePath)) throw new Error(`no engine bundle at ${bundlePath}: run npm run build`);
  // The bundle is an ES module in a package without "type": "module"; Node says so once, loudly.
  const listeners = process.listeners('warning');
  process.removeAllListeners('warning');
  const quiet = (warning: Error & { code?: string }): void => {
    if (warning.code !== 'MODULE_TYPELESS_PACKAGE_JSON') for (const listener of listeners) listener(warning);
  };
  process.on('warning', quiet);
  try {
    return (await import(pathToFileURL(bundlePath).href)) as Engine;
  } finally {
    setImmediate(() => {
      process.removeListener('warning', quiet);
      for (const listener of listeners) process.on('warning', listener);
    });
  }
}

/** True when this process transforms modules as it loads them (tsx, ts-node): engine figures would be off. */
export function underTransformingLoader(): boolean {
  return process.execArgv.some((arg) => /tsx|ts-node/.test(arg)) || (process.env.NODE_OPTIONS ?? '').includes('tsx');
}

export const FLOORS: Record<Kind, { label: string; parse(text: string): unknown }> = {
  dockerfile: { label: 'dockerfile-ast DockerfileParser.parse', parse: (text) => DockerfileParser.parse(text) },
  compose: { label: 'yaml parseDocument {keepSourceTokens, prettyErrors: false}', parse: (text) => parseDocument(text, { keepSourceTokens: true, prettyErrors: false }) },
};

export interface FileTiming {
  file: string;
  bytes: number;
  floorMs: number;
  lintMs: number;
  ratio: number;
}

export interface RuleCost {
  id: string;
  name: string;
  kind: Kind;
  /** Off unless configured: measured with it turned on, not part of the default total. */
  defaultOff: boolean;
  /** Sum over files of the per-file median `check` time. */
  totalMs: number;
  /** `totalMs` over the summed parse floor. */
  shareOfParse: number;
  /** The file where the rule costs most compared with that file's parse. */
  worst: { file: string; bytes: number; ruleMs: number; parseMs: number; ratio: number };
  /** Files where the rule costs more than 10 % of the parse. */
  filesOverBudget: number;
  p95Ratio: number;
  /**
   * The same worst case among files whose parse takes at least `SUBSTANTIAL_PARSE_MS`: on a
   * ten-line file the parse takes a few microseconds and any rule's fixed cost is a large share.
   */
  worstSubstantial: { file: string; bytes: number; ruleMs: number; parseMs: number; ratio: number } | undefined;
}

/** Files with a parse at least this long (about 1 KB of Dockerfile) count as "substantial". */
export const SUBSTANTIAL_PARSE_MS = 0.1;

export interface EngineKindResult {
  kind: Kind;
  files: number;
  bytes: number;
  floorLabel: string;
  /** Whole-corpus wall time per measured pass. */
  floorTotalMs: Measured;
  lintTotalMs: Measured;
  /** lint total ÷ floor total, per pass. */
  ratio: Measured;
  /** The same from process CPU time (less sensitive to other processes on a busy machine). */
  cpuRatio: Measured;
  /** The first pass of a fresh process (cold JIT). */
  coldFloorMs: number;
  coldLintMs: number;
  /** Per-file figures over each file's median of the passes. */
  floorPerFile: Distribution;
  lintPerFile: Distribution;
  /** p50/p95/max of each pass, for the spread. */
  lintPerFilePerPass: { p50: Measured; p95: Measured; max: Measured };
  slowest: FileTiming[];
  /** Where the time of a default lint goes (sums of per-file medians). */
  breakdown: { parseMs: number; noRulesMs: number; lazyModelMs: number; rulesMs: number; lintMs: number };
  rules: RuleCost[];
  /** Rules whose worst file exceeds 10 % of that file's parse. */
  rulesOverBudget: string[];
  /** The same, counting only files whose parse takes at least `SUBSTANTIAL_PARSE_MS`. */
  rulesOverBudgetSubstantial: string[];
}

export interface EngineResult {
  passes: number;
  warmup: number;
  kinds: Record<Kind, EngineKindResult | undefined>;
}

const RULE_BUDGET = 0.1;

interface EngineOptions {
  engine: Engine;
  warmup: number;
  passes: number;
  log: (line: string) => void;
}

export function runEngineBench(corpus: Corpus, options: EngineOptions): EngineResult {
  const kinds: Record<Kind, EngineKindResult | undefined> = { dockerfile: undefined, compose: undefined };
  for (const kind of KINDS) {
    const files = corpus.files[kind];
    if (files.length === 0) continue;
    options.log(`engine: ${kind}, ${files.length} files, ${options.warmup} warm-up + ${options.passes} passes`);
    kinds[kind] = benchKind(kind, files, options);
  }
  return { passes: options.passes, warmup: options.warmup, kinds };
}

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function benchKind(kind: Kind, files: BenchFile[], options: EngineOptions): EngineKindResult {
  const floor = FLOORS[kind].parse;
  const { lint } = options.engine;
  const n = files.length;
  const floorTimes: Float64Array[] = [];
  const lintTimes: Float64Array[] = [];
  const floorTotals: number[] = [];
  const lintTotals: number[] = [];
  const cpuRatios: number[] = [];
  let coldFloorMs = 0;
  let coldLintMs = 0;

  for (let pass = 0; pass < options.warmup + options.passes; pass++) {
    const floorPass = new Float64Array(n);
    const lintPass = new Float64Array(n);
    let floorCpu = 0;
    let lintCpu = 0;
    for (let i = 0; i < n; i++) {
      const { text, name } = files[i];
      const c0 = cpuMs();
      const t0 = performance.now();
      floor(text);
      const t1 = performance.now();
      const c1 = cpuMs();
      lint(text, { fileName: name, kind });
      const t2 = performance.now();
      const c2 = cpuMs();
      floorPass[i] = t1 - t0;
      lintPass[i] = t2 - t1;
      floorCpu += c1 - c0;
      lintCpu += c2 - c1;
    }
    const floorTotal = sum(floorPass);
    const lintTotal = sum(lintPass);
    if (pass === 0) {
      coldFloorMs = floorTotal;
      coldLintMs = lintTotal;
    }
    options.log(`  pass ${pass + 1}${pass < options.warmup ? ' (warm-up)' : ''}: parse ${floorTotal.toFixed(0)} ms, lint ${lintTotal.toFixed(0)} ms (${(lintTotal / floorTotal).toFixed(2)}×)`);
    if (pass < options.warmup) continue;
    floorTimes.push(floorPass);
    lintTimes.push(lintPass);
    floorTotals.push(floorTotal);
    lintTotals.push(lintTotal);
    cpuRatios.push(lintCpu / floorCpu);
  }

  const floorMedian = perFileMedians(floorTimes, n);
  const lintMedian = perFileMedians(lintTimes, n);
  const slowest: FileTiming[] = files
    .map((file, i) => ({ file: file.relative, bytes: file.bytes, floorMs: floorMedian[i], lintMs: lintMedian[i], ratio: lintMedian[i] / floorMedian[i] }))
    .sort((a, b) => b.lintMs - a.lintMs)
    .slice(0, 10);
  const perPass = lintTimes.map((times) => distribution(Array.from(times)));

  const costs = ruleCosts(kind, files, floorMedian, options);
  const defaultOnRules = costs.rules.filter((rule) => !rule.defaultOff);

  return {
    kind,
    files: n,
    bytes: sum(files.map((file) => file.bytes)),
    floorLabel: FLOORS[kind].label,
    floorTotalMs: measured(floorTotals),
    lintTotalMs: measured(lintTotals),
    ratio: measured(lintTotals.map((total, i) => total / floorTotals[i])),
    cpuRatio: measured(cpuRatios),
    coldFloorMs,
    coldLintMs,
    floorPerFile: distribution(Array.from(floorMedian)),
    lintPerFile: distribution(Array.from(lintMedian)),
    lintPerFilePerPass: { p50: measured(perPass.map((d) => d.p50)), p95: measured(perPass.map((d) => d.p95)), max: measured(perPass.map((d) => d.max)) },
    slowest,
    breakdown: {
      parseMs: sum(Array.from(floorMedian)),
      noRulesMs: costs.noRulesMs,
      lazyModelMs: costs.lazyModelMs,
      rulesMs: sum(defaultOnRules.map((rule) => rule.totalMs)),
      lintMs: sum(Array.from(lintMedian)),
    },
    rules: costs.rules,
    rulesOverBudget: costs.rules.filter((rule) => rule.worst.ratio > RULE_BUDGET).map((rule) => rule.id),
    rulesOverBudgetSubstantial: costs.rules.filter((rule) => (rule.worstSubstantial?.ratio ?? 0) > RULE_BUDGET).map((rule) => rule.id),
  };
}

function perFileMedians(passes: Float64Array[], n: number): Float64Array {
  const result = new Float64Array(n);
  const column: number[] = new Array(passes.length);
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < passes.length; p++) column[p] = passes[p][i];
    result[i] = median(column);
  }
  return result;
}

/**
 * Each rule's own `check` time per file, measured by wrapping every rule (the `rules` option of
 * `lint`). Parts of the model that are built on first use (a RUN's shell commands, ARG/ENV
 * properties, compose merge tables) are forced by a first pseudo-rule and reported as the
 * model's, so no rule is charged for work that whichever rule runs first would trigger.
 * Off-by-default rules are turned on here so their cost is known too.
 */
function ruleCosts(
  kind: Kind,
  files: BenchFile[],
  parseMedian: Float64Array,
  options: EngineOptions,
): { rules: RuleCost[]; noRulesMs: number; lazyModelMs: number } {
  const { lint, resolveConfig } = options.engine;
  const rules: readonly Rule[] = kind === 'dockerfile' ? options.engine.DOCKERFILE_RULES : options.engine.COMPOSE_RULES;
  const allOn: Record<string, SeveritySetting> = {};
  for (const rule of rules) if (rule.defaultSeverity === 'off') allOn[rule.id] = 'info';
  const config: EffectiveConfig = resolveConfig({ rules: allOn });
  const n = files.length;
  const slots = rules.length + 1; // slot 0: the forced lazy model
  let current: Float64Array = new Float64Array(slots);
  const timed = <M>(slot: number, check: (context: RuleContext<M>) => void) =>
    (context: RuleContext<M>): void => {
      const start = performance.now();
      try {
        check(context);
      } finally {
        current[slot] += performance.now() - start;
      }
    };
  const forceModel = kind === 'dockerfile' ? forceDockerfileModel : forceComposeModel;
  const instrumented = [
    { ...rules[0], id: 'BENCH-MODEL', defaultSeverity: 'info', check: timed(0, forceModel as (context: RuleContext<unknown>) => void) },
    ...rules.map((rule, k) => ({ ...rule, check: timed(k + 1, rule.check as (context: RuleContext<unknown>) => void) })),
  ] as Rule[];

  const perPass: Float64Array[][] = []; // [pass][file] → times per slot
  const noRules: Float64Array[] = [];
  const passes = Math.max(1, options.warmup > 0 ? 1 : 0) + options.passes;
  for (let pass = 0; pass < passes; pass++) {
    const byFile: Float64Array[] = new Array(n);
    const bare = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const { text, name } = files[i];
      const t0 = performance.now();
      lint(text, { fileName: name, kind, rules: [] });
      bare[i] = performance.now() - t0;
      current = new Float64Array(slots);
      lint(text, { fileName: name, kind, config, rules: instrumented });
      byFile[i] = current;
    }
    if (pass === 0 && passes > options.passes) continue;
    perPass.push(byFile);
    noRules.push(bare);
  }
  options.log(`  rule costs: ${perPass.length} passes`);

  const slotMedian = (slot: number): Float64Array => {
    const result = new Float64Array(n);
    const column: number[] = new Array(perPass.length);
    for (let i = 0; i < n; i++) {
      for (let p = 0; p < perPass.length; p++) column[p] = perPass[p][i][slot];
      result[i] = median(column);
    }
    return result;
  };

  const costs: RuleCost[] = rules.map((rule, k) => {
    const times = slotMedian(k + 1);
    const ratios = Array.from(times, (time, i) => time / parseMedian[i]);
    let worst = 0;
    for (let i = 1; i < n; i++) if (ratios[i] > ratios[worst]) worst = i;
    let worstSubstantial = -1;
    for (let i = 0; i < n; i++) {
      if (parseMedian[i] >= SUBSTANTIAL_PARSE_MS && (worstSubstantial < 0 || ratios[i] > ratios[worstSubstantial])) worstSubstantial = i;
    }
    const at = (i: number) => ({ file: files[i].relative, bytes: files[i].bytes, ruleMs: times[i], parseMs: parseMedian[i], ratio: ratios[i] });
    return {
      id: rule.id,
      name: rule.name,
      kind,
      defaultOff: rule.defaultSeverity === 'off',
      totalMs: sum(Array.from(times)),
      shareOfParse: sum(Array.from(times)) / sum(Array.from(parseMedian)),
      worst: at(worst),
      filesOverBudget: ratios.filter((ratio) => ratio > RULE_BUDGET).length,
      p95Ratio: distribution(ratios).p95,
      worstSubstantial: worstSubstantial >= 0 ? at(worstSubstantial) : undefined,
    };
  });
  return {
    rules: costs.sort((a, b) => b.worst.ratio - a.worst.ratio),
    noRulesMs: sum(Array.from(perFileMedians(noRules, n))),
    lazyModelMs: sum(Array.from(slotMedian(0))),
  };
}

function forceDockerfileModel(context: RuleContext<DockerfileModel>): void {
  for (const instruction of context.model.instructions) {
    void instruction.commands;
    void instruction.properties;
  }
}

function forceComposeModel(context: RuleContext<ComposeModel>): void {
  for (const service of context.model.services) {
    for (const field of service.fields()) {
      field.entries();
      field.items();
    }
  }
}
