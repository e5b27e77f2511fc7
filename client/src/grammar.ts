import type { RuleMeta } from '../../shared/src/rules/rule';

/**
 * The TextMate injection grammar that highlights suppression comments
 * (`# dockguard-ignore DG201,privileged -- reason`, `# dockguard-ignore-file …`), generated from
 * the registry so a rule id or name is highlighted exactly when the engine knows it: a token the
 * engine would report as DG001 (unknown rule) shows as invalid.
 *
 * VS Code's Dockerfile grammar tokenizes a comment with a single `match` rule, so nothing can be
 * injected inside it: the Dockerfile pattern takes over the whole comment line, at the left
 * (`L:`) so it wins over the grammar's own comment rule, and gives it the comment scopes itself.
 * VS Code's YAML grammar scans a comment with `begin`/`end`, so the YAML pattern is injected into
 * the comment. Both follow the engine (shared/src/suppressions.ts): a directive is a whole-line
 * comment (`#` first on its line) starting with the directive word; trailing comments are not
 * directives and stay plain.
 */

export const GRAMMAR_SCOPE = 'dockguard-ignore.injection';
export const GRAMMAR_PATH = 'syntaxes/dockguard-ignore.injection.tmLanguage.json';
/** The grammars VS Code uses for the `dockerfile`, `dockercompose` and `yaml` languages. */
export const INJECT_TO = ['source.dockerfile', 'source.yaml'];

export const SCOPES = {
  directive: 'keyword.control.directive.dockguard',
  ruleId: 'constant.language.rule-id.dockguard',
  ruleName: 'constant.language.rule-name.dockguard',
  unknownRule: 'invalid.illegal.unknown-rule.dockguard',
  comma: 'punctuation.separator.comma.dockguard',
  reasonSeparator: 'punctuation.separator.reason.dockguard',
  reason: 'string.unquoted.reason.dockguard',
  meta: 'meta.directive.ignore.dockguard',
};

const DIRECTIVE = '(dockguard-ignore(?:-file)?)(?=[ \\t]|$)';
/**
 * A token is what the engine splits on: anything up to whitespace or a comma. `\s` rather than
 * `[ \t]` because the tokenizer sees each line with its `\n`.
 */
const TOKEN_START = '(?<![^\\s,])';
const TOKEN_END = '(?![^\\s,])';

function alternation(words: readonly string[]): string {
  const escaped = [...new Set(words)].sort().map((word) => word.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&'));
  return `(?i:${escaped.join('|')})`;
}

function body(kind: 'dockerfile' | 'yaml', rules: readonly RuleMeta[]): object {
  // Ids are known in any file; names only where a rule of that name applies (lint.ts asks
  // `rulesNamed(token, kind)`). A YAML file may be a compose file or `.dockguard.yaml`.
  const kinds = kind === 'dockerfile' ? ['dockerfile', 'any'] : ['compose', 'config', 'any'];
  const names = rules.filter((rule) => kinds.includes(rule.kind)).map((rule) => rule.name);
  return {
    patterns: [
      {
        match: `(?<=[ \\t])(--)(?=[ \\t]|$)(.*)`,
        captures: { 1: { name: SCOPES.reasonSeparator }, 2: { name: SCOPES.reason } },
      },
      { match: ',', name: SCOPES.comma },
      { match: `${TOKEN_START}${alternation(rules.map((rule) => rule.id))}${TOKEN_END}`, name: SCOPES.ruleId },
      { match: `${TOKEN_START}${alternation(names)}${TOKEN_END}`, name: SCOPES.ruleName },
      { match: '[^\\s,]+', name: SCOPES.unknownRule },
    ],
  };
}

export function injectionGrammar(rules: readonly RuleMeta[]): object {
  return {
    $comment: 'Generated from the rule registry by client/scripts/generate.ts; do not edit.',
    scopeName: GRAMMAR_SCOPE,
    injectionSelector: 'L:source.dockerfile -string -comment, L:comment.line.number-sign.yaml',
    patterns: [{ include: '#dockerfile-directive' }, { include: '#yaml-directive' }],
    repository: {
      'dockerfile-directive': {
        begin: `^([ \\t]*)(#)[ \\t]*${DIRECTIVE}`,
        beginCaptures: {
          1: { name: 'punctuation.whitespace.comment.leading.dockerfile' },
          2: { name: 'punctuation.definition.comment.dockerfile' },
          3: { name: SCOPES.directive },
        },
        end: '$',
        name: `comment.line.number-sign.dockerfile ${SCOPES.meta}`,
        patterns: [{ include: '#dockerfile-body' }],
      },
      'yaml-directive': {
        begin: `(?<=^[ \\t]*#)[ \\t]*${DIRECTIVE}`,
        beginCaptures: { 1: { name: SCOPES.directive } },
        end: '$',
        name: SCOPES.meta,
        patterns: [{ include: '#yaml-body' }],
      },
      'dockerfile-body': body('dockerfile', rules),
      'yaml-body': body('yaml', rules),
    },
  };
}
