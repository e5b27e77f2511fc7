import { defineComposeRule } from '../rule';
import type { Field } from '../../compose/model';
import { fieldValue, parseGoBool, scalar, toBoolean } from '../../compose/values';
import { valueRange } from '../../compose/edits';

const ICC_OPTION = 'com.docker.network.bridge.enable_icc';

export default defineComposeRule({
  id: 'DG226',
  name: 'icc',
  defaultSeverity: 'off',
  cheatSheet: '5',
  fixable: false,
  summary: 'Services share one network with inter-container communication enabled.',
  check(context) {
    const { model } = context;
    // Services with a network_mode (host, none, service:x, container:x) are not on the default network.
    const onDefault = model.services.filter((service) => service.field('network_mode') === undefined);
    const declares = model.services.some((service) => service.field('networks') !== undefined);
    const defaultNetwork = model.networks.find((network) => network.key === 'default');
    const defaultIcc = defaultNetwork ? iccSetting(defaultNetwork) : undefined;
    const servicesKey = model.topLevel('services')?.keyNode.range;
    if (onDefault.length >= 2 && !declares && defaultIcc?.enabled !== false && servicesKey) {
      const names = onDefault.map((service) => `'${service.name}'`);
      const listed = names.length > 6 ? `${names.slice(0, 6).join(', ')} and ${names.length - 6} more` : names.join(', ');
      context.report({
        start: servicesKey[0],
        end: servicesKey[1],
        message: `${listed} share the default network, and no service declares networks: each one can reach every port of the others. Put services on networks by purpose, so a compromised one reaches only what it must.`,
      });
    }
    for (const network of model.networks) {
      const setting = iccSetting(network);
      if (!setting?.enabled) continue;
      const range = valueRange(model, setting.field.value);
      if (!range) continue;
      context.report({
        start: range[0],
        end: range[1],
        message: `The bridge network '${network.key}' turns inter-container communication on explicitly (${ICC_OPTION}): every container on it can reach every other one. Remove the option or set it to "false" if the services need not talk directly.`,
      });
    }
  },
});

/** The network's enable_icc driver option, for bridge networks (the default driver) defined here. */
function iccSetting(network: Field): { field: Field; enabled: boolean | undefined } | undefined {
  if (toBoolean(network.get('external')?.value) === true) return undefined;
  const driver = network.get('driver');
  if (driver && fieldValue(driver) !== 'bridge') return undefined;
  const field = network.get('driver_opts')?.get(ICC_OPTION);
  if (!field) return undefined;
  // The daemon reads driver options with Go's ParseBool.
  return { field, enabled: parseGoBool(scalar(field.value)?.value) };
}
