import { defineDockerfileRule } from '../rule';
import { isRootUser } from '../../dockerfile/model';
import { describeStage, nonRootUserFixes } from '../../dockerfile/runtime-user';

/** Windows containers' equivalent of root (Windows account names ignore case). */
const WINDOWS_ADMIN = /^ContainerAdministrator$/i;

export default defineDockerfileRule({
  id: 'DG102',
  name: 'user-root',
  defaultSeverity: 'warning',
  cheatSheet: '2',
  fixable: true,
  summary: "The final stage's effective USER is root.",
  check({ model, report }) {
    const stage = model.finalStage;
    const user = stage?.user;
    // Only the final stage runs; `USER $X` with no known value is unknown, never guessed.
    if (!stage || !user || user.value === undefined || !(isRootUser(user.value) || WINDOWS_ADMIN.test(user.value.trim()))) return;
    const { args } = user.instruction;
    if (args.length === 0) return;
    const start = args[0].start;
    const end = args[args.length - 1].end;
    const written = model.text.slice(start, end);
    const value = written === user.value ? `'${written}'` : `'${written}' (= '${user.value}')`;
    const finalName = stage.alias ? `The final stage '${stage.alias}'` : 'The final stage';
    const how =
      user.instruction.stage === stage
        ? `its last USER is ${value}`
        : `it inherits USER ${value} from ${describeStage(user.instruction.stage!)}`;
    report({
      start,
      end,
      message: `${finalName} runs as ${WINDOWS_ADMIN.test(user.value.trim()) ? 'the Windows administrator' : 'root'}: ${how}. Switch to a non-root user.`,
      fixes: nonRootUserFixes(model, stage, { instruction: user.instruction, start, end }),
    });
  },
});
