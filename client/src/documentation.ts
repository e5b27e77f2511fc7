import type { CatalogRule } from './rule-catalog';

/**
 * Which rule "Show documentation" is about. The server's code action passes
 * `ShowRuleDocumentationCommand.Arguments` ({ ruleId, ruleName, url }); a keybinding or another
 * extension may pass just an id or a name. Anything else (the command palette passes nothing)
 * gives `undefined`, and the command asks the user to pick a rule.
 */
export function ruleForDocumentation(argument: unknown, rules: readonly CatalogRule[]): CatalogRule | undefined {
  const wanted: string[] = [];
  if (typeof argument === 'string') wanted.push(argument);
  else if (argument !== null && typeof argument === 'object') {
    const { ruleId, ruleName } = argument as { ruleId?: unknown; ruleName?: unknown };
    if (typeof ruleId === 'string') wanted.push(ruleId);
    if (typeof ruleName === 'string') wanted.push(ruleName);
  }
  for (const key of wanted) {
    const trimmed = key.trim();
    const rule = rules.find((candidate) => candidate.id === trimmed.toUpperCase()) ?? rules.find((candidate) => candidate.name === trimmed.toLowerCase());
    if (rule) return rule;
  }
  return undefined;
}

/** The rule's page inside the extension (the VSIX ships `shared/src/rules/**\/*.md` as they are in the repository). */
export function documentationSegments(rule: CatalogRule): string[] {
  return ['shared', 'src', 'rules', ...rule.docsPath.split('/')];
}

/** Quick-pick entries, for the command palette. */
export function rulePickItems(rules: readonly CatalogRule[]): { label: string; description: string; detail: string; ruleId: string }[] {
  return rules.map((rule) => ({ label: `${rule.id} ${rule.name}`, description: rule.kind === 'any' ? 'any file' : rule.kind, detail: rule.summary, ruleId: rule.id }));
}
