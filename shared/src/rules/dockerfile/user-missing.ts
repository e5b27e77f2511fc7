import { defineDockerfileRule } from '../rule';
import { describeRuntimeBase, imageLabel, matchesNonRootPattern, nonRootUserFixes, stageChain, NUMERIC_USER } from '../../dockerfile/runtime-user';

export default defineDockerfileRule({
  id: 'DG101',
  name: 'user-missing',
  defaultSeverity: 'warning',
  cheatSheet: '2',
  fixable: true,
  summary: 'The final stage never switches to a USER, so the container runs as root.',
  check({ model, config, report }) {
    const stage = model.finalStage;
    // A USER anywhere in the chain decides, even one whose value is unknown (`USER $UID`).
    if (!stage || stage.user) return;
    const base = describeRuntimeBase(model, stage);
    // Which image it runs on is unknown (`FROM $BASE` with no default): it may well set a user.
    if (!base.image) return;
    if (matchesNonRootPattern(base.image, config.nonRootBaseImages)) return;
    const chain = stageChain(stage);
    if (base.scratch) {
      // A scratch stage with no command is an artifact for `--output` or `COPY --from`, never run.
      const runs = chain.some((current) => current.instructions.some((instruction) => instruction.keyword === 'CMD' || instruction.keyword === 'ENTRYPOINT'));
      if (!runs) return;
    }
    const what = stage.alias ? `The final stage '${stage.alias}'` : 'The final stage';
    const message = base.scratch
      ? `${what} never sets USER, so its command runs as uid 0 (root). A scratch image has no accounts: set a numeric USER such as ${NUMERIC_USER}.`
      : `${what} never sets USER, so the container runs as the default user of '${imageLabel(base.image)}', which is root unless that image sets another. ` +
        `Switch to a non-root USER (or list the image in non-root-base-images if it already runs as non-root).`;
    report({
      start: stage.from.start,
      end: stage.from.end,
      message,
      fixes: nonRootUserFixes(model, stage, undefined, base),
    });
  },
});
