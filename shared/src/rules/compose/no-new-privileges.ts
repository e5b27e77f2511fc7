import { isAlias, isSeq } from 'yaml';
import { defineComposeRule, type ProblemFix } from '../rule';
import { noNewPrivileges, securityOptions, type SecurityOption } from '../../compose/values';
import { overrideListItem, replaceNode, replaceScalar, valueRange, yamlScalar } from '../../compose/edits';
import { addItemFixes, inAnchor, isShared, problemFor, serviceLabel, valueProblem, withAnchorVariant } from './service-findings';
import { isNullScalar, type ComposeModel, type Field, type Service, type YamlSeq } from '../../compose/model';
import type { OffsetEdit } from '../../text/edits';

const OPTION = 'no-new-privileges:true';

export default defineComposeRule({
  id: 'DG206',
  name: 'no-new-privileges',
  defaultSeverity: 'info',
  cheatSheet: '4',
  fixable: true,
  summary: 'A service does not set no-new-privileges, so setuid binaries can raise privileges.',
  check({ model, report }) {
    for (const service of model.services) {
      if (!service.node) continue;
      const field = service.field('security_opt');
      if (field && !isSeq(field.value) && !isNullScalar(field.value)) continue;
      const options = securityOptions(field);
      // `${OPT}` could be no-new-privileges itself: unknown, no finding.
      if (options.some((option) => option.key === undefined)) continue;
      // The daemon applies the options in order, so the last no-new-privileges decides.
      const last = options.filter((option) => option.key === 'no-new-privileges').pop();
      if (last) {
        if (noNewPrivileges(last) !== false) continue;
        reportFalse(model, report, service, field!, last);
        continue;
      }
      // `extends:` merges the base's security_opt into this one; a base in another file is unknown.
      const base = service.fromExtends('security_opt');
      if (base === 'unknown' || securityOptions(base).some((option) => option.key === undefined || noNewPrivileges(option) === true)) continue;
      const at = field ? field.keyNode.range! : [service.keyStart, service.keyEnd];
      report(
        problemFor(service, field, {
          start: at[0],
          end: at[1],
          message: `${serviceLabel(service, field)} does not set no-new-privileges: a setuid or setcap binary in the container can still raise its privileges. Add "${OPTION}" to security_opt.`,
          // Most services lack it: their fixes are built only when someone wants them.
          fixes: () => addItemFixes(model, service, 'security_opt', field, OPTION, `"${OPTION}"`, true),
        }),
      );
    }
  },
});

/** An explicit `no-new-privileges:false`: a warning, fixed by setting that very entry to true. */
function reportFalse(model: ComposeModel, report: (problem: import('../rule').Problem) => void, service: Service, field: Field, option: SecurityOption): void {
  const range = valueRange(model, option.node);
  if (!range) return;
  const fixed = `no-new-privileges${option.separator === '=' ? '=' : ':'}true`;
  const own: ProblemFix = { title: `Set '${fixed}'`, edits: replaceItem(model, field, option, fixed) };
  let fixes: ProblemFix[] = [own];
  if (isShared(field) || isAlias(option.item)) {
    const inService = field.fromMerge ? overrideListItem(model, service, field, option.item, fixed) : replaceItem(model, field, option, fixed);
    fixes = withAnchorVariant(
      model,
      service,
      field,
      { title: `Set '${fixed}' in service '${service.name}' (overrides the inherited list)`, edits: inService },
      { title: `Set '${fixed}' ${inAnchor(model, field)}`, edits: replaceScalar(model, option.node, fixed) },
    );
  }
  report(
    valueProblem(service, field, range, `turns no-new-privileges off explicitly ('${option.text}'): setuid and setcap binaries can raise privileges in the container.`, {
      severity: 'warning',
      fixes,
    }),
  );
}

/** Replaces the option where the service writes it: an aliased item is replaced, not its anchor. */
function replaceItem(model: ComposeModel, field: Field, option: SecurityOption, text: string): OffsetEdit[] {
  if (field.fromMerge || field.viaAlias) return [];
  if (isAlias(option.item)) return replaceNode(model, option.item, yamlScalar(text, 'plain', (field.value as YamlSeq).flow === true));
  return replaceScalar(model, option.node, text);
}
