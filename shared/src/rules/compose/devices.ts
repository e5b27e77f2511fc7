import { isMap, isScalar } from 'yaml';
import { defineComposeRule } from '../rule';
import type { ComposeModel, Field, Service } from '../../compose/model';
import { scalar } from '../../compose/values';
import { valueProblem } from './service-findings';
import type { RuleContext } from '../rule';
import { valueRange } from '../../compose/edits';

export default defineComposeRule({
  id: 'DG222',
  name: 'devices',
  defaultSeverity: 'warning',
  cheatSheet: '3',
  fixable: false,
  summary: 'A service is given host devices or device cgroup rules.',
  check(context) {
    for (const service of context.model.services) {
      reportItems(context, service, service.field('devices'), (text) => {
        const host = text.split(':')[0];
        return `is given the host device '${host}': it talks to the host's driver directly, outside the container's isolation.`;
      });
      reportItems(context, service, service.field('device_cgroup_rules'), (text) => `has the device cgroup rule '${text}', which lets it create and use host device nodes.`);
    }
  },
});

function reportItems(context: RuleContext<ComposeModel>, service: Service, field: Field | undefined, describe: (text: string) => string): void {
  const { model } = context;
  for (const item of field?.items() ?? []) {
    let node = item.node;
    // Long syntax (`- source: /dev/x`): the source names the device.
    if (isMap(node)) node = model.fieldOf(node, 'source')?.value ?? node;
    const value = isScalar(node) ? scalar(node) : undefined;
    const text = value?.value ?? value?.raw;
    if (value && (text === undefined || text.trim() === '')) continue;
    const range = valueRange(model, node);
    if (!range) continue;
    context.report(valueProblem(service, field, range, `${describe(text ?? model.text.slice(range[0], range[1]))} Pass only the device it needs, and say why in a suppression.`, { item: item.written }));
  }
}
