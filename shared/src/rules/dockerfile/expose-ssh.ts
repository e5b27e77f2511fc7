import { defineDockerfileRule } from '../rule';
import { removeArgument, removeInstructionLines } from '../../dockerfile/instruction-edits';
import { scopeBefore, shippedStages } from '../../dockerfile/stage-facts';
import { substitute } from '../../dockerfile/variables';
import { unquote } from '../../dockerfile/model';

const SSH_PORT = 22;

/** `22`, `22/tcp`, `20-25/udp`: the port range a port spec covers, or undefined if it is not one. */
function portRange(spec: string): [number, number] | undefined {
  const match = /^(\d{1,5})(?:-(\d{1,5}))?(?:\/[A-Za-z]+)?$/.exec(spec.trim());
  if (!match) return undefined;
  const low = Number(match[1]);
  const high = match[2] === undefined ? low : Number(match[2]);
  return [low, high];
}

export default defineDockerfileRule({
  id: 'DG113',
  name: 'expose-ssh',
  defaultSeverity: 'warning',
  cheatSheet: '–',
  fixable: true,
  summary: 'The image exposes the SSH port 22.',
  check({ model, report }) {
    const shipped = shippedStages(model);
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'EXPOSE' || !instruction.stage || !shipped.has(instruction.stage)) continue;
      const ports = instruction.args;
      let scope: ReturnType<typeof scopeBefore> | undefined;
      for (const port of ports) {
        let resolved = unquote(port.value, model.escapeChar);
        if (resolved.includes('$')) {
          scope ??= scopeBefore(model, instruction);
          const value = substitute(resolved, scope, model.escapeChar);
          if (value === undefined) continue;
          resolved = value;
        }
        // A variable may hold several ports (`ARG PORTS="22 80"`).
        const specs = resolved.split(/\s+/).filter((spec) => spec.length > 0);
        const ssh = specs.map(portRange).find((range) => range && range[0] <= SSH_PORT && SSH_PORT <= range[1]);
        if (!ssh) continue;
        const isRange = ssh[0] !== ssh[1];
        const shown = resolved === port.value ? `'${port.value}'` : `'${port.value}' (${resolved})`;
        const what = isRange
          ? `the port range ${shown}, which includes the SSH port 22`
          : port.value === String(SSH_PORT)
            ? 'the SSH port 22'
            : `the SSH port 22 (${shown})`;
        // Removing a range would also drop its other ports, and a variable may carry others.
        const removable = !isRange && specs.length === 1;
        const edit =
          ports.length === 1 ? removeInstructionLines(model, instruction) : removeArgument(model.text, port.start, port.end, model.escapeChar);
        report({
          start: port.start,
          end: port.end,
          message:
            `EXPOSE declares ${what}. An SSH server in a container is a second way in that must be patched and keyed; ` +
            'use `docker exec` (or `kubectl exec`) to get a shell instead.',
          fixes: removable
            ? [{ title: ports.length === 1 ? `Remove 'EXPOSE ${port.value}'` : `Remove port '${port.value}'`, edits: [edit] }]
            : [],
        });
      }
    }
  },
});
