import { isScalar } from 'yaml';
import { defineComposeRule, type ProblemFix, type RuleContext } from '../rule';
import type { OffsetEdit } from '../../text/edits';
import type { ComposeModel, Field, Service } from '../../compose/model';
import { restartPolicies, type RestartPolicy } from '../../compose/values';
import { addMapEntries, addServiceKey, replaceValue, setPairValue, valueRange } from '../../compose/edits';
import { inAnchor, isShared, mapOf, problemFor, serviceLabel, valueProblem, withAnchorVariant } from './service-findings';

const BOUNDED = 'on-failure:5';

export default defineComposeRule({
  id: 'DG220',
  name: 'restart-unbounded',
  defaultSeverity: 'info',
  cheatSheet: '7',
  fixable: true,
  // on-failure:5 also stops restarts after a clean exit or a daemon restart: an availability
  // decision for a person, not for fix-all.
  autoFix: false,
  summary: 'A restart policy restarts a failing container forever.',
  check(context) {
    const { model } = context;
    for (const service of model.services) {
      for (const policy of restartPolicies(service)) {
        if (policy.source === 'restart') {
          if (policy.condition !== 'always' && policy.condition !== 'unless-stopped') continue;
          const field = policy.field;
          const range = valueRange(model, field.value);
          if (!range) continue;
          const condition = policy.condition;
          // One service in three restarts always: its fixes are built only when someone wants them.
          const fixes = (): ProblemFix[] => {
            const inPlace: ProblemFix = { title: `Replace with '${BOUNDED}'`, edits: replacePolicy(model, field, condition) };
            if (!isShared(field)) return inPlace.edits.length > 0 ? [inPlace] : [];
            return withAnchorVariant(
              model,
              service,
              field,
              { title: `Set 'restart: ${BOUNDED}' in service '${service.name}' (overrides the inherited policy)`, edits: addServiceKey(model, service, [`restart: ${BOUNDED}`]) },
              { title: `${inPlace.title} ${inAnchor(model, field)}`, edits: inPlace.edits },
            );
          };
          context.report(valueProblem(service, field, range, `uses 'restart: ${condition}': a container that keeps failing is restarted forever. Use '${BOUNDED}' to retry a few times, then stop.`, { fixes }));
        } else if (policy.condition === 'any' && policy.maxAttempts === undefined && policy.maxAttemptsField === undefined) {
          reportDeployPolicy(context, service, policy);
        }
      }
    }
  },
});

/** `always` → `on-failure:5` in place, keeping quotes; in `${VAR:-always}` only the default changes. */
function replacePolicy(model: ComposeModel, field: Field, condition: string): OffsetEdit[] {
  const node = field.written;
  if (!isScalar(node) || !node.range) return [];
  const range = valueRange(model, node);
  if (!range) return [];
  const written = model.text.slice(range[0], range[1]);
  if (written.toLowerCase() === condition) return replaceValue(model, node, BOUNDED, BOUNDED);
  const at = written.toLowerCase().lastIndexOf(condition);
  if (at < 0 || !written.includes('${')) return [];
  return [{ start: range[0] + at, end: range[0] + at + condition.length, newText: BOUNDED }];
}

function reportDeployPolicy(context: RuleContext<ComposeModel>, service: Service, policy: RestartPolicy): void {
  const { model } = context;
  const conditionField = policy.conditionField;
  const range = conditionField ? valueRange(model, conditionField.value) : policy.field.keyNode.range ? [policy.field.keyNode.range[0], policy.field.keyNode.range[1]] : undefined;
  if (!range) return;
  // The condition may be merged into a restart_policy written in the service, or come with it.
  const sharedField = isShared(policy.field) ? policy.field : conditionField;
  const shared = isShared(sharedField);
  const fixes: ProblemFix[] = [];
  const map = mapOf(policy.field);
  if (!shared && map) {
    const edits: OffsetEdit[] = [];
    if (conditionField) {
      edits.push(...setPairValue(model, conditionField, 'on-failure'));
      edits.push(...addMapEntries(model, map, ['max_attempts: 5'], ['max_attempts: 5'], conditionField.pair));
    } else {
      edits.push(...addMapEntries(model, map, ['condition: on-failure', 'max_attempts: 5'], ['condition: on-failure', 'max_attempts: 5']));
    }
    if (edits.length === (conditionField ? 2 : 1)) fixes.push({ title: 'Set condition: on-failure with max_attempts: 5', edits });
  }
  const written = conditionField ? `condition: any` : 'no condition (so any)';
  context.report(
    problemFor(
      service,
      sharedField,
      {
        start: range[0],
        end: range[1],
        message: `${serviceLabel(service, shared ? policy.field : undefined)} has a deploy.restart_policy with ${written} and no max_attempts: a container that keeps failing is restarted forever. Use condition: on-failure with max_attempts: 5.`,
        fixes,
      },
      { path: sharedField === policy.field ? ['deploy', 'restart_policy'] : ['deploy', 'restart_policy', 'condition'] },
    ),
  );
}
