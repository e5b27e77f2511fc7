import { defineComposeRule, type ProblemFix } from '../rule';
import { scalar } from '../../compose/values';
import { replaceValue, setPairValue, setServiceKey, valueRange } from '../../compose/edits';
import { inAnchor, valueProblem, withAnchorVariant } from './service-findings';

const NON_ROOT = '10001:10001';
/** Quoted: YAML 1.1 loaders (docker-compose v1, PyYAML) read plain 10001:10001 as a base-60 number. */
const NON_ROOT_YAML = `"${NON_ROOT}"`;

export default defineComposeRule({
  id: 'DG207',
  name: 'user-root',
  defaultSeverity: 'warning',
  cheatSheet: '2',
  fixable: true,
  summary: "A service's user: is root.",
  check({ model, report }) {
    for (const service of model.services) {
      const field = service.field('user');
      const value = scalar(field?.value)?.value;
      if (!field || value === undefined) continue;
      const user = value.trim().split(':')[0];
      if (user !== 'root' && user !== '0') continue;
      const range = valueRange(model, field.value);
      if (!range) continue;
      const title = `Run as '${NON_ROOT}'`;
      let fixes: ProblemFix[];
      if (field.fromMerge) {
        fixes = withAnchorVariant(
          model,
          service,
          field,
          { title: `${title} in service '${service.name}' (overrides the anchor)`, edits: setServiceKey(model, service, 'user', NON_ROOT_YAML) },
          field.viaAlias ? undefined : { title: `${title} ${inAnchor(model, field)}`, edits: replaceValue(model, field.value, NON_ROOT, NON_ROOT_YAML) },
        );
      } else {
        // `user: *root` is replaced in the service, not in the anchor it points to.
        fixes = [{ title, edits: field.viaAlias ? setPairValue(model, field, NON_ROOT_YAML) : replaceValue(model, field.value, NON_ROOT, NON_ROOT_YAML) }];
      }
      report(
        valueProblem(
          service,
          field,
          range,
          `runs as root (user: ${value}): whoever takes over the process is root in the container, one kernel bug or misconfiguration away from root on the host. Run it as a non-root UID:GID.`,
          { fixes },
        ),
      );
    }
  },
});
