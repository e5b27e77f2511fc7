import { defineDockerfileRule } from '../rule';
import { removeWord } from '../../dockerfile/edits';

export default defineDockerfileRule({
  id: 'DG117',
  name: 'run-insecure',
  defaultSeverity: 'error',
  cheatSheet: '3',
  fixable: true,
  summary: 'RUN --security=insecure runs a build step without the sandbox.',
  check({ model, report }) {
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'RUN') continue;
      for (const flag of instruction.flags) {
        if (flag.name !== 'security' || flag.value?.toLowerCase() !== 'insecure') continue;
        report({
          start: flag.start,
          end: flag.end,
          message:
            `'--security=insecure' runs this RUN step without the build sandbox: it gets every capability and the host's devices, ` +
            'so a compromised build step can take over the build host.',
          fixes: [{ title: `Remove '--security=insecure'`, edits: [removeWord(model.text, flag.start, flag.end)] }],
        });
      }
    }
  },
});
