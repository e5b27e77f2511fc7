import { defineDockerfileRule, type ProblemFix } from '../rule';
import type { DockerfileModel, Instruction, Word } from '../../dockerfile/model';
import { copyOperandsOf } from '../../dockerfile/copy-sources';
import { scopeBefore } from '../../dockerfile/stage-facts';
import { substitute } from '../../dockerfile/variables';

/**
 * Archives ADD unpacks: tar, plain or compressed with one of the formats BuildKit detects
 * (gzip, bzip2, xz, zstd). Docker decides by content; names are what a linter can see.
 */
const ARCHIVE = /\.(tar|tgz|taz|tar\.gz|tar\.bz2|tbz2?|tb2|tar\.xz|txz|tar\.zst|tar\.zstd|tzst)$/i;

/** Flags only ADD understands; with one of them the instruction cannot become a COPY. */
const ADD_ONLY_FLAGS = new Set(['checksum', 'keep-git-dir', 'unpack']);

type Remote = { kind: 'http' | 'git'; pinned: boolean };

/** What a source is: an HTTP download, a git repository, or (undefined) a local path. */
function remoteKind(source: string): Remote | undefined {
  if (/^git@[^:/]+:/.test(source) || /^(git|ssh):\/\//i.test(source)) return { kind: 'git', pinned: pinnedRef(source) };
  if (!/^https?:\/\//i.test(source)) return undefined;
  const [address] = source.split('#');
  if (/\.git\/?$/i.test(address)) return { kind: 'git', pinned: pinnedRef(source) };
  return { kind: 'http', pinned: false };
}

/** `…#<40 hex>` or `…#<40 hex>:subdir`: a commit id, which cannot move. */
function pinnedRef(source: string): boolean {
  const fragment = source.split('#')[1];
  return fragment !== undefined && /^[0-9a-f]{40}(:.*)?$/i.test(fragment);
}

function copyKeyword(written: string): string {
  if (written === written.toLowerCase()) return 'copy';
  if (written === written.toUpperCase()) return 'COPY';
  return 'Copy';
}

/**
 * ADD → COPY, offered only where it keeps what the user evidently wants: a local archive added
 * under its own archive name (`ADD app.tar.gz /opt/app.tar.gz`). ADD would unpack it into a
 * directory of that name; COPY puts the file there.
 */
function copyFix(model: DockerfileModel, instruction: Instruction, destination: Word | undefined): ProblemFix[] {
  if (!destination || !ARCHIVE.test(destination.value.replace(/\/+$/, '')) || destination.value.endsWith('/')) return [];
  if (instruction.flags.some((flag) => ADD_ONLY_FLAGS.has(flag.name))) return [];
  const written = model.text.slice(instruction.keywordStart, instruction.keywordEnd);
  const keyword = copyKeyword(written);
  return [
    {
      title: `Replace ${written} with ${keyword} (keep the archive as a file)`,
      edits: [{ start: instruction.keywordStart, end: instruction.keywordEnd, newText: keyword }],
    },
  ];
}

export default defineDockerfileRule({
  id: 'DG107',
  name: 'add-remote',
  defaultSeverity: 'warning',
  cheatSheet: '13',
  fixable: true,
  summary: 'ADD fetches a URL without --checksum, or auto-extracts a local archive.',
  check({ model, report }) {
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'ADD') continue;
      const hasChecksum = instruction.flags.some((flag) => flag.name === 'checksum' && (flag.value ?? '') !== '');
      const unpack = instruction.flags.find((flag) => flag.name === 'unpack');
      const unpackOff = unpack !== undefined && /^(false|0)$/i.test(unpack.value ?? '');
      const { sources, destination } = copyOperandsOf(model, instruction);
      let scope: ReturnType<typeof scopeBefore> | undefined;
      for (const source of sources) {
        let value = source.value;
        if (value.includes('$')) {
          scope ??= scopeBefore(model, instruction);
          const resolved = substitute(value, scope, model.escapeChar);
          // An unknown variable might be a URL or an archive, or neither: no finding.
          if (resolved === undefined) {
            if (!/^(https?|git|ssh):\/\/|^git@/i.test(value)) continue;
          } else {
            value = resolved;
          }
        }
        const shown = value === source.value ? `'${source.value}'` : `'${source.value}' (${value})`;
        const remote = remoteKind(value);
        if (remote) {
          if (hasChecksum || remote.pinned) continue;
          report({
            start: source.start,
            end: source.end,
            message:
              remote.kind === 'git'
                ? `ADD clones ${shown} at a ref that can move (a branch or tag), and nothing checks what arrives. ` +
                  'Pin it to a full commit id (`#<sha>`) or add `--checksum=<commit sha>`.'
                : `ADD downloads ${shown} without --checksum: the build accepts whatever the server (or anyone in between) ` +
                  'returns, and the file can change between builds. Add `--checksum=sha256:<hash>`, or download it in a RUN ' +
                  'and verify it with sha256sum.',
          });
          continue;
        }
        if (!unpackOff && ARCHIVE.test(value)) {
          report({
            start: source.start,
            end: source.end,
            message:
              `ADD unpacks the local archive ${shown} into the image. The extraction is implicit, so its contents ` +
              '(paths, permissions, setuid files) are never looked at; use COPY and unpack it explicitly in a RUN, or ' +
              'keep ADD deliberately with `# dockguard-ignore`.',
            fixes: copyFix(model, instruction, destination),
          });
        }
      }
    }
  },
});
