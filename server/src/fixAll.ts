import { fixAll, replaceChangedSpan, type Finding, type LintOutput, type TextEdit } from '../../shared/src/index';

/**
 * The edits of "fix all" for the editor: the engine's fix-all (the same as `dockguard --fix`),
 * given as the fixes' own edits when one pass did it, else as one edit of the span that changed.
 * Undefined when there is nothing to fix, or when fixing would make the file unparsable.
 */
export function fixAllEdits(text: string, findings: readonly Finding[], relint: (text: string) => readonly Finding[]): TextEdit[] | undefined {
  const output = (found: readonly Finding[]): LintOutput => ({ kind: undefined, findings: [...found], ruleErrors: [] });
  const outcome = fixAll(text, (current) => output(relint(current)), output(findings));
  if (outcome.passes === 0 || outcome.text === text) return undefined;
  return outcome.passes === 1 ? outcome.firstPassEdits : [replaceChangedSpan(text, outcome.text)];
}
