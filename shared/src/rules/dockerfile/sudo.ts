import { defineDockerfileRule } from '../rule';
import { commandName } from '../../dockerfile/shell';
import { removeWord } from '../../dockerfile/edits';

export default defineDockerfileRule({
  id: 'DG103',
  name: 'sudo',
  defaultSeverity: 'warning',
  cheatSheet: '2',
  fixable: true,
  summary: 'A RUN command uses sudo.',
  check({ model, report }) {
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'RUN') continue;
      for (const command of instruction.commands) {
        if (commandName(command) !== 'sudo') continue;
        const word = command.words[0];
        // `sudo` alone, or with only options, removes to nothing runnable: offer no fix then.
        const runs = command.words.slice(1).find((argument) => !argument.value.startsWith('-'));
        const plainSudo = command.words[1] === runs;
        report({
          start: word.start,
          end: word.end,
          message: `'sudo' runs in a RUN instruction: build steps already run as the stage's USER, and sudo in an image lets that user become root.`,
          fixes:
            runs && plainSudo
              ? [{ title: `Remove 'sudo'`, edits: [removeWord(model.text, word.start, word.end)] }]
              : [],
        });
      }
    }
  },
});
