import { defineComposeRule, type ProblemFix } from '../rule';
import { toBoolean } from '../../compose/values';
import { addServiceKey, removeField, setPairValue, valueRange } from '../../compose/edits';
import { anchorInherits, inAnchor, valueProblem, withAnchorVariant } from './service-findings';

export default defineComposeRule({
  id: 'DG201',
  name: 'privileged',
  defaultSeverity: 'error',
  cheatSheet: '3',
  fixable: true,
  summary: 'A service runs privileged, with every capability and device of the host.',
  check({ model, report }) {
    for (const service of model.services) {
      const field = service.field('privileged');
      if (!field || toBoolean(field.value) !== true) continue;
      const range = valueRange(model, field.value);
      if (!range) continue;
      let fixes: ProblemFix[];
      if (!field.fromMerge) {
        // Removing the line would let a merged `privileged: true` through: say false instead.
        const inherited = service.inheritedField('privileged');
        fixes =
          inherited && toBoolean(inherited.value) !== false
            ? [{ title: `Set 'privileged: false' (an anchor it merges also sets privileged)`, edits: setPairValue(model, field, 'false') }]
            : [{ title: `Remove the 'privileged' line`, edits: removeField(model, field) }];
      } else {
        fixes = withAnchorVariant(
          model,
          service,
          field,
          { title: `Set 'privileged: false' in service '${service.name}' (overrides the anchor)`, edits: addServiceKey(model, service, ['privileged: false']) },
          !anchorInherits(model, field) ? { title: `Remove the 'privileged' line ${inAnchor(model, field)}`, edits: removeField(model, field) } : undefined,
        );
      }
      report(
        valueProblem(
          service,
          field,
          range,
          'runs privileged: it gets every capability and all host devices, and seccomp, AppArmor and the read-only /proc and /sys are off, so a compromise of the container is a compromise of the host.',
          { fixes },
        ),
      );
    }
  },
});
