import { defineDockerfileRule } from '../rule';
import type { Stage } from '../../dockerfile/model';
import type { ShellWord, SimpleCommand } from '../../dockerfile/shell';
import { invocationsOf, parseOptions, pipelineFeedsDirectories, type Invocation } from '../../dockerfile/commands';
import { shippedStages } from '../../dockerfile/stage-facts';

/** The dangerous bits a mode sets. */
export interface ModeEffect {
  setuid: boolean;
  setgid: boolean;
  worldWritable: boolean;
  sticky: boolean;
}

/**
 * What a chmod mode sets: octal (`4755`, `0777`, GNU `=2775`) or symbolic (`u+s`, `a+w`,
 * `o=rwx`, `u=rwxs,go=rx`). A symbolic mode with no `ugoa` (`+w`, `=rwx`) is filtered by the
 * umask (022 in a build), so it never adds write for others; `+s` sets both set-id bits.
 * Undefined for what is not a mode.
 */
export function modeEffect(mode: string): ModeEffect | undefined {
  const octal = /^[-+=]?0*([0-7]{1,4})$/.exec(mode);
  if (octal) {
    const value = parseInt(octal[1], 8);
    if (mode.startsWith('-')) return { setuid: false, setgid: false, worldWritable: false, sticky: false };
    return { setuid: (value & 0o4000) !== 0, setgid: (value & 0o2000) !== 0, worldWritable: (value & 0o002) !== 0, sticky: (value & 0o1000) !== 0 };
  }
  const effect: ModeEffect = { setuid: false, setgid: false, worldWritable: false, sticky: false };
  for (const clause of mode.split(',')) {
    const match = /^([ugoa]*)((?:[-+=](?:[rwxXst]*|[ugo]))+)$/.exec(clause);
    if (!match) return undefined;
    const who = match[1];
    const all = who === '' || who.includes('a');
    const user = all || who.includes('u');
    const group = all || who.includes('g');
    // Without `ugoa`, the umask decides the rwx bits; builds run with 022, which keeps `o+w` out.
    const others = who.includes('o') || who.includes('a');
    const othersSticky = all || who.includes('o');
    for (const action of match[2].matchAll(/([-+=])([rwxXst]*|[ugo])/g)) {
      const [, op, perms] = action;
      if (/^[ugo]$/.test(perms)) continue;
      const adds = op !== '-';
      const resets = op === '=';
      const touch = (key: keyof ModeEffect, applies: boolean, letter: string): void => {
        if (!applies) return;
        if (perms.includes(letter)) effect[key] = adds;
        else if (resets) effect[key] = false;
      };
      touch('setuid', user, 's');
      touch('setgid', group, 's');
      touch('worldWritable', others, 'w');
      touch('sticky', othersSticky, 't');
    }
  }
  return effect;
}

/** Where setgid alone is a problem: an evident program, not the shared-directory idiom. */
function looksLikeProgram(path: string): boolean {
  return /(^|\/)(s?bin|libexec)\/[^/]+$/.test(path) || /\.(so(\.\d+)*|sh|py|pl|rb|bin|exe)$/.test(path);
}

interface ModeUse {
  /** Where to report: the mode word, the `-m` option, or the `--chmod` flag. */
  start: number;
  end: number;
  mode: string;
  shown: string;
  targets: ShellWord[];
  recursive: boolean;
  /** Every target is known to be a directory. */
  directories: boolean;
}

/** The mode an invocation applies: `chmod`, `install -m`, `mkdir -m`. */
function modeUse(invocation: Invocation, script: readonly SimpleCommand[], knownDirectories: ReadonlySet<string>): ModeUse | undefined {
  const { name, args } = invocation;
  if (name === 'chmod') {
    let mode: ShellWord | undefined;
    const targets: ShellWord[] = [];
    let recursive = false;
    let optionsDone = false;
    for (const word of args) {
      const value = word.value;
      if (!optionsDone && value === '--') {
        optionsDone = true;
        continue;
      }
      if (!optionsDone && value.startsWith('--')) {
        if (value === '--recursive') recursive = true;
        if (value.startsWith('--reference')) return undefined;
        continue;
      }
      // chmod's own options are -R -c -f -v (and BSD -H -L -P); `-w`, `-s`, `-rwx` are modes.
      if (!optionsDone && /^-[RcfvHLPh]+$/.test(value)) {
        if (value.includes('R')) recursive = true;
        continue;
      }
      if (!mode) mode = word;
      else targets.push(word);
    }
    if (!mode || mode.expands) return undefined;
    const directories = invocation.directoriesOnly === true || pipelineFeedsDirectories(invocation, script) ||
      (targets.length > 0 && targets.every((target) => target.value.endsWith('/') || knownDirectories.has(target.value)));
    return { start: mode.start, end: mode.end, mode: mode.value, shown: `chmod ${mode.value}`, targets, recursive, directories };
  }
  if (name === 'install' || name === 'mkdir') {
    const parsed = parseOptions(args, {
      shortWithValue: name === 'install' ? 'gmoStZ' : 'mZ',
      longWithValue: ['mode', 'group', 'owner', 'suffix', 'target-directory', 'strip-program', 'context'],
    });
    const option = parsed.options.find((candidate) => (candidate.long ? candidate.name === 'mode' : candidate.name === 'm'));
    if (!option || option.value === undefined || (option.valueWord ?? option.word).expands) return undefined;
    const makesDirectories = name === 'mkdir' || parsed.options.some((candidate) => (!candidate.long && candidate.name === 'd') || (candidate.long && candidate.name === 'directory'));
    const end = option.valueWord ? option.valueWord.end : option.word.end;
    return {
      start: option.word.start,
      end,
      mode: option.value,
      shown: `${name} ${option.valueWord ? `${option.word.value} ${option.value}` : option.word.value}`,
      targets: parsed.operands,
      recursive: false,
      directories: makesDirectories,
    };
  }
  return undefined;
}

/** For each path a script removes with `rm`, where its last removal starts. */
function removals(script: readonly SimpleCommand[]): Map<string, number> {
  const last = new Map<string, number>();
  for (const command of script) {
    for (const invocation of invocationsOf(command)) {
      if (invocation.name !== 'rm') continue;
      for (const word of invocation.args) if (!word.value.startsWith('-')) last.set(word.value, Math.max(last.get(word.value) ?? -1, command.start));
    }
  }
  return last;
}

/** The message for what a mode does wrong, or undefined when it does nothing wrong. */
function describe(effect: ModeEffect, setgidCounts: boolean): string | undefined {
  const parts: string[] = [];
  const advice: string[] = [];
  if (effect.setuid) parts.push('sets the setuid bit, so the program runs as its owner (usually root) whoever starts it');
  if (effect.setgid && setgidCounts) parts.push("sets the setgid bit, so the program runs with its group's rights whoever starts it");
  if (parts.length > 0) advice.push('Drop the bit: run the program as the user it needs, or grant one capability with setcap.');
  // A sticky world-writable directory (1777, like /tmp) lets users add files but not touch each other's.
  if (effect.worldWritable && !effect.sticky) {
    parts.push('makes the files writable by every user, so any process in the container can change them');
    advice.push('Give them to the user that needs them (chown, COPY --chown) and keep modes like 755/644.');
  }
  return parts.length > 0 ? `${parts.join(', and ')}. ${advice.join(' ')}` : undefined;
}

export default defineDockerfileRule({
  id: 'DG115',
  name: 'chmod-unsafe',
  defaultSeverity: 'warning',
  cheatSheet: '4',
  fixable: false,
  summary: 'chmod sets setuid/setgid bits or makes files world-writable.',
  check({ model, report }) {
    const shipped = shippedStages(model);
    const seen = new Set<number>();
    // Paths each stage has made directories so far: mkdir operands, WORKDIR, VOLUME.
    const directories = new Map<Stage | undefined, Set<string>>();
    for (const instruction of model.instructions) {
      let known = directories.get(instruction.stage);
      if (!known) directories.set(instruction.stage, (known = new Set()));
      if (instruction.keyword === 'WORKDIR' || instruction.keyword === 'VOLUME') for (const arg of instruction.args) known.add(arg.value);
      // World-writable build directories in a builder stage never reach the image; set-id
      // bits do, since COPY --from keeps file modes.
      const ships = instruction.stage === undefined || shipped.has(instruction.stage);
      if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
        const flag = instruction.flags.find((candidate) => candidate.name === 'chmod');
        const effect = flag?.value ? modeEffect(flag.value) : undefined;
        if (!flag || !effect) continue;
        const what = describe({ ...effect, worldWritable: effect.worldWritable && ships }, true);
        if (what) report({ start: flag.start, end: flag.end, message: `'--chmod=${flag.value}' ${what}` });
        continue;
      }
      if (instruction.keyword !== 'RUN') continue;
      const script = instruction.commands;
      let removed: Map<string, number> | undefined;
      script.forEach((command) => {
        for (const invocation of invocationsOf(command)) {
          if (invocation.name === 'mkdir') {
            for (const operand of parseOptions(invocation.args, { shortWithValue: 'mZ', longWithValue: ['mode', 'context'] }).operands) known.add(operand.value);
          }
          const use = modeUse(invocation, script, known);
          if (!use || seen.has(use.start)) continue;
          const effect = modeEffect(use.mode);
          if (!effect) continue;
          if (use.directories && !use.recursive) {
            // Set-id bits on a directory only make new files inherit its group: the usual
            // shared-directory setup, not an escalation.
            effect.setuid = false;
            effect.setgid = false;
          }
          if (!ships) effect.worldWritable = false;
          // setgid alone is mostly the shared-directory idiom; it counts on evident programs and with -R.
          const setgidCounts = use.recursive || use.targets.some((target) => looksLikeProgram(target.value));
          const what = describe(effect, setgidCounts);
          if (!what) continue;
          // `chmod 777 "$tmp" … && rm -rf "$tmp"`: the path does not reach the image.
          removed ??= removals(script);
          const gone = removed;
          if (use.targets.length > 0 && use.targets.every((target) => (gone.get(target.value) ?? -1) > command.end)) continue;
          seen.add(use.start);
          const targets = use.targets.map((target) => target.value).join(' ');
          report({
            start: use.start,
            end: use.end,
            message: `'${use.shown}'${targets ? ` on ${targets.length > 60 ? `${targets.slice(0, 57)}...` : targets}` : ''} ${what}`,
          });
        }
      });
    }
  },
});
