/** The public face of the engine: what the CLI, the server and the extension import. */
export * from './types';
export { lint, compareFindings, type LintOptions, type LintOutput, type RuleError } from './lint';
export { detectKind, kindFromName, isYamlName, baseName } from './file-kind';
export {
  ALL_RULES,
  META_RULES,
  DOCKERFILE_RULES,
  COMPOSE_RULES,
  ruleById,
  rulesNamed,
  docsPath,
  docsUrl,
  DOCS_BASE_URL,
} from './registry';
export type { RuleMeta, Rule } from './rules/rule';
export {
  parseConfig,
  resolveConfig,
  parseSize,
  DEFAULT_CONFIG,
  DEFAULT_MAX_FILE_SIZE,
  type DockguardConfig,
  type ConfigLayer,
  type EffectiveConfig,
  type ParsedConfig,
  type ConfigProblem,
} from './config/config';
export { applyEdits } from './text/edits';
export { fixAll, replaceChangedSpan, preferredFix, MAX_FIX_PASSES, type FixOutcome } from './fix-all';
export { LineIndex } from './text/line-index';
export * from './workspace';
