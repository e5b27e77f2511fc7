import { isSeq } from 'yaml';
import { defineComposeRule, type ComposeRule } from '../rule';
import { securityOptions, type SecurityOption } from '../../compose/values';
import { valueRange } from '../../compose/edits';
import { removeItemFixes, valueProblem } from './service-findings';

/**
 * DG210–DG213 share one shape: a `security_opt` entry that turns a kernel confinement off.
 * Entries are read as the daemon reads them (`key=value`, deprecated `key:value`).
 */
export function securityOptRule(meta: Omit<ComposeRule, 'kind' | 'check' | 'fixable'>, matches: (option: SecurityOption, all: SecurityOption[]) => boolean, effect: string): ComposeRule {
  return defineComposeRule({
    ...meta,
    fixable: true,
    check({ model, report }) {
      for (const service of model.services) {
        const field = service.field('security_opt');
        if (!field || !isSeq(field.value)) continue;
        const options = securityOptions(field);
        for (const option of options) {
          if (!matches(option, options)) continue;
          const range = valueRange(model, option.node);
          if (!range) continue;
          const fixes = removeItemFixes(model, service, field, option.item, `'${option.text}' from security_opt`);
          report(valueProblem(service, field, range, `sets security_opt '${option.text}': ${effect}`, { fixes }));
        }
      }
    },
  });
}

/** For options where the last entry of a key wins (seccomp, apparmor): only the effective one counts. */
export function isLastOf(option: SecurityOption, all: SecurityOption[]): boolean {
  return all.filter((other) => other.key === option.key).pop() === option;
}
