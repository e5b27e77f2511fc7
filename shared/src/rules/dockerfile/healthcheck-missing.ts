import { defineDockerfileRule } from '../rule';
import { describeRuntimeBase, imageLabel, stageChain } from '../../dockerfile/runtime-user';

export default defineDockerfileRule({
  id: 'DG118',
  name: 'healthcheck-missing',
  defaultSeverity: 'off',
  cheatSheet: '7',
  fixable: false,
  summary: 'The final stage has no HEALTHCHECK.',
  check({ model, report }) {
    const stage = model.finalStage;
    if (!stage) return;
    // A HEALTHCHECK of a parent stage is inherited; `HEALTHCHECK NONE` is a decision too.
    const decided = stageChain(stage).some((current) => current.instructions.some((instruction) => instruction.keyword === 'HEALTHCHECK'));
    if (decided) return;
    const base = describeRuntimeBase(model, stage);
    // Unknown base: it may define its own HEALTHCHECK. Scratch: nothing to run a check with.
    if (!base.image || base.scratch) return;
    report({
      start: stage.from.start,
      end: stage.from.end,
      message:
        `The final stage (on '${imageLabel(base.image)}') has no HEALTHCHECK: Docker only knows whether the process runs, not whether it works, ` +
        `so a hung service is never marked unhealthy. Add HEALTHCHECK CMD …, or HEALTHCHECK NONE if health is checked elsewhere.`,
    });
  },
});
