import { isSeq } from 'yaml';
import { defineComposeRule } from '../rule';
import { capabilities } from '../../compose/values';
import { addItemFixes, problemFor, serviceLabel } from './service-findings';
import { isNullScalar } from '../../compose/model';

export default defineComposeRule({
  id: 'DG204',
  name: 'cap-drop-all',
  defaultSeverity: 'info',
  cheatSheet: '3',
  fixable: true,
  summary: 'A service does not drop all capabilities with cap_drop: [ALL].',
  check({ model, report }) {
    for (const service of model.services) {
      if (!service.node) continue;
      const field = service.field('cap_drop');
      // A non-list cap_drop is rejected by Compose's schema; that is not this rule's finding.
      if (field && !isSeq(field.value) && !isNullScalar(field.value)) continue;
      const dropped = capabilities(field);
      // `${CAPS}` could be ALL: unknown, so no finding.
      if (dropped.some((capability) => capability.name === 'ALL' || capability.name === undefined)) continue;
      // `extends:` merges the base's cap_drop into this one; a base in another file is unknown.
      const base = service.fromExtends('cap_drop');
      if (base === 'unknown' || capabilities(base).some((capability) => capability.name === 'ALL' || capability.name === undefined)) continue;
      const message = field
        ? `${serviceLabel(service, field)} drops only some capabilities: add ALL to cap_drop and add back with cap_add only what it needs.`
        : `Service '${service.name}' keeps Docker's default capabilities: add 'cap_drop: [ALL]' and add back with cap_add only what it needs.`;
      const at = field ? field.keyNode.range! : [service.keyStart, service.keyEnd];
      // Most services drop nothing: their fixes are built only when someone wants them.
      report(problemFor(service, field, { start: at[0], end: at[1], message, fixes: () => addItemFixes(model, service, 'cap_drop', field, 'ALL', 'ALL') }));
    }
  },
});
