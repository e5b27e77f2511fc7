import { defineDockerfileRule } from '../rule';
import type { ShellWord, SimpleCommand } from '../../dockerfile/shell';
import {
  downloadOf,
  invocationOf,
  pipelineOf,
  programSourceOf,
  stdoutRedirected,
  type Download,
  type Invocation,
} from '../../dockerfile/commands';

/** Programs that run the text of a file given as their operand in the current shell. */
const SOURCE_BUILTINS = new Set(['.', 'source']);

function contains(word: ShellWord, command: SimpleCommand): boolean {
  return word.start <= command.start && command.end <= word.end;
}

function shortUrl(download: Download): string {
  const value = download.url?.value;
  if (!value) return 'a download';
  return `'${value.length > 80 ? `${value.slice(0, 77)}...` : value}'`;
}

/** How the downloaded text reaches the program that runs it, for the message. */
type Route = 'pipe' | 'substitution' | 'process-substitution' | 'here-string';

export default defineDockerfileRule({
  id: 'DG108',
  name: 'curl-pipe-shell',
  defaultSeverity: 'warning',
  cheatSheet: '13',
  fixable: false,
  summary: 'A download is piped straight into a shell or interpreter.',
  check({ model, report }) {
    const { text } = model;
    for (const instruction of model.instructions) {
      const script = instruction.commands;
      if (script.length === 0) continue;
      // The same download can be read twice (the script of `sh -c "$(curl …)"` is re-read as a
      // script); report each once.
      const reported = new Set<number>();
      const flag = (download: Download, runner: Invocation | ShellWord, route: Route): void => {
        const downloadWord = download.invocation.word;
        if (reported.has(downloadWord.start)) return;
        if (download.url && /^file:/i.test(download.url.value)) return;
        reported.add(downloadWord.start);
        const runnerWord = 'word' in runner ? runner.word : runner;
        const runnerName = 'name' in runner ? `'${runner.name}'` : 'the shell';
        const how =
          route === 'pipe'
            ? `is piped straight into ${runnerName}`
            : route === 'substitution'
              ? `is run by ${runnerName} through a command substitution`
              : route === 'process-substitution'
                ? `is run by ${runnerName} through a process substitution`
                : `is fed to ${runnerName} as a here-string`;
        report({
          start: runnerWord.start,
          end: runnerWord.end,
          message:
            `${shortUrl(download)} ${how}: whatever the server (or anyone in between) sends runs in the build, unseen and ` +
            'unverified. Download it to a file, check its checksum or signature, then run the file.',
          related: [{ start: downloadWord.start, end: downloadWord.end, message: 'The download' }],
        });
      };

      const position = new Map(script.map((command, at) => [command, at]));
      for (const command of script) {
        const invocation = invocationOf(command);
        const download = invocation && downloadOf(invocation);
        if (!download || !download.toStdout) continue;

        // `curl … | [sudo] sh`: a later command of the same pipeline runs stdin as a program.
        if (!stdoutRedirected(text, command)) {
          for (const reader of pipelineOf(command, script)) {
            if (reader.pipeIndex <= command.pipeIndex) continue;
            const runner = invocationOf(reader);
            if (runner && runsStdin(runner)) {
              flag(download, runner, 'pipe');
              break;
            }
          }
        }

        // `sh -c "$(curl …)"`, `eval "$(curl …)"`, `bash <<< "$(curl …)"`, `$(curl …)`. The splitter
        // lists a substitution's commands just before the command that holds them.
        if (command.substituted) {
          const outer = enclosingCommand(script, position.get(command)!, command);
          if (outer) {
            const word = outer.words.find((candidate) => contains(candidate, command));
            const runner = invocationOf(outer);
            if (word && runner) {
              if (runner.name === 'eval' || word === outer.words[0]) {
                flag(download, word === outer.words[0] ? word : runner, 'substitution');
              } else {
                const source = programSourceOf(runner);
                if (source?.kind === 'inline' && source.word === word) flag(download, runner, 'substitution');
              }
            }
            const hereString = outer.redirects.find((redirect) => redirect.operator === '<<<' && redirect.target && contains(redirect.target, command));
            if (hereString && runner && runsStdin(runner)) flag(download, runner, 'here-string');
          }
        }
      }

      // `bash <(curl …)`, `. <(curl …)`: the process substitution is a word of the consumer, and
      // the commands inside it are substituted commands within that word's span.
      for (const consumer of script) {
        const substitutions = consumer.words.filter((word) => word.value.startsWith('<('));
        if (substitutions.length === 0) continue;
        const runner = invocationOf(consumer);
        if (!runner) continue;
        // It runs the download when it is the program's script file (`bash <(…)`, `. <(…)`).
        const source = SOURCE_BUILTINS.has(runner.name) ? undefined : programSourceOf(runner);
        const scriptFile = SOURCE_BUILTINS.has(runner.name) ? runner.args[0] : source?.kind === 'file' ? source.word : undefined;
        for (const word of substitutions) {
          if (word !== scriptFile) continue;
          for (const inner of script) {
            if (!inner.substituted || inner.start < word.start || inner.end > word.end) continue;
            const innerInvocation = invocationOf(inner);
            const download = innerInvocation && downloadOf(innerInvocation);
            if (download?.toStdout && !stdoutRedirected(text, inner)) flag(download, runner, 'process-substitution');
          }
        }
      }
    }
  },
});

/**
 * The command whose words hold the substituted command at `script[at]`: the first one after it,
 * at the same script depth, whose span covers it. Commands in between belong to the same
 * substitution (or to other substitutions of the same command), so the walk is short.
 */
function enclosingCommand(script: readonly SimpleCommand[], at: number, inner: SimpleCommand): SimpleCommand | undefined {
  for (let next = at + 1; next < script.length; next++) {
    const candidate = script[next];
    if (candidate.depth !== inner.depth) continue;
    if (candidate.start <= inner.start && inner.end <= candidate.end) return candidate;
    // Later substitutions of the same command may come first; a plain command past it ends the search.
    if (!candidate.substituted && candidate.start > inner.end) return undefined;
  }
  return undefined;
}

/** A shell or interpreter that takes its program from stdin, or `. /dev/stdin`. */
function runsStdin(runner: Invocation): boolean {
  if (SOURCE_BUILTINS.has(runner.name)) return ['/dev/stdin', '/dev/fd/0', '/proc/self/fd/0'].includes(runner.args[0]?.value ?? '');
  return programSourceOf(runner)?.kind === 'stdin';
}
