import * as fc from 'fast-check';
import { lint, type LintOutput } from '../../../shared/src/index';

/**
 * Property-based fuzzing of the engine. Inputs are arbitrary text and structured mutations of
 * real files; the properties are the engine's promises for any input: `lint` never throws, no
 * rule throws, every range lies inside the document, the result is deterministic, and each file
 * finishes within a generous bound.
 */

export const FILE_NAMES = ['Dockerfile', 'compose.yaml', '.dockguard.yaml'] as const;

/** A hang detector, not a speed target: a real file lints in milliseconds. */
export const PER_INPUT_BOUND_MS = 10_000;

const SEEDS: Record<string, string[]> = {
  Dockerfile: [
    '# syntax=docker/dockerfile:1\nARG BASE=node:20-alpine\nFROM ${BASE} AS build\nWORKDIR /src\nCOPY . .\nRUN --mount=type=secret,id=npm npm ci && sudo npm run build\n\nFROM build\nUSER root\nEXPOSE 22 8080\nCMD ["node", "dist/index.js"]\n',
    'FROM debian:12\nENV API_KEY=abc DB_PASSWORD="x y"\nRUN apt-get update \\\n  # comment\n  && curl -fsSLk https://x.example/install.sh | sh\nRUN <<EOF\nset -e\nchmod 4755 /bin/x\nEOF\nADD https://example.com/a.tar.gz /opt/\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n',
  ],
  'compose.yaml': [
    'x-base: &base\n  restart: always\n  security_opt: ["no-new-privileges:true"]\nservices:\n  web:\n    <<: *base\n    image: nginx:latest\n    privileged: "yes"\n    cap_add: [SYS_ADMIN, net_raw]\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n      - ./data:/data:ro\n    ports: ["8080:80", "127.0.0.1:2375:2375"]\n    environment:\n      - DB_PASSWORD=hunter2\n      - TOKEN=${TOKEN:-}\n  db:\n    image: postgres:16\n    network_mode: host\n    deploy:\n      resources:\n        limits: {memory: 512m, cpus: "0.5"}\n',
  ],
  '.dockguard.yaml': ['rules:\n  DG214: off\n  cap-drop-all: warning\nignore-paths: ["test/**"]\nallow-inline-ignores: true\n'],
};

export function seedsFor(fileName: string, extra: string[] = []): string[] {
  return [...(SEEDS[fileName] ?? []), ...extra];
}

function lines(text: string): string[] {
  return text.split('\n');
}

/** Structured mutations of a real file: the edits a person (or a broken tool) makes. */
export function mutation(seeds: string[]): fc.Arbitrary<string> {
  const seed = fc.constantFrom(...seeds);
  const deleteLine = fc.tuple(seed, fc.nat()).map(([text, n]) => {
    const all = lines(text);
    all.splice(n % all.length, 1);
    return all.join('\n');
  });
  const duplicateLine = fc.tuple(seed, fc.nat()).map(([text, n]) => {
    const all = lines(text);
    const i = n % all.length;
    all.splice(i, 0, all[i]);
    return all.join('\n');
  });
  const swapLines = fc.tuple(seed, fc.nat(), fc.nat()).map(([text, a, b]) => {
    const all = lines(text);
    const i = a % all.length;
    const j = b % all.length;
    [all[i], all[j]] = [all[j], all[i]];
    return all.join('\n');
  });
  const truncate = fc.tuple(seed, fc.nat()).map(([text, n]) => text.slice(0, n % (text.length + 1)));
  const insertBytes = fc.tuple(seed, fc.nat(), fc.string({ unit: 'binary', maxLength: 12 })).map(([text, n, bytes]) => {
    const at = n % (text.length + 1);
    return text.slice(0, at) + bytes + text.slice(at);
  });
  const reindent = fc.tuple(seed, fc.nat(), fc.constantFrom('', ' ', '  ', '\t', '     ')).map(([text, n, indent]) => {
    const all = lines(text);
    const i = n % all.length;
    all[i] = indent + all[i].trimStart();
    return all.join('\n');
  });
  const toggleQuotes = fc.tuple(seed, fc.nat(), fc.constantFrom('"', "'", '')).map(([text, n, quote]) => {
    const quotes = [...text.matchAll(/["']/g)];
    if (quotes.length === 0) return text;
    const at = quotes[n % quotes.length].index!;
    return text.slice(0, at) + quote + text.slice(at + 1);
  });
  const lineEndings = fc.tuple(seed, fc.constantFrom('\r\n', '\r', '\n')).map(([text, eol]) => text.replace(/\r?\n/g, eol));
  const single = fc.oneof(deleteLine, duplicateLine, swapLines, truncate, insertBytes, reindent, toggleQuotes, lineEndings);
  // Chains of mutations reach states a single edit does not.
  return fc.oneof(
    single,
    fc.tuple(single, fc.nat(), fc.nat()).map(([text, a, b]) => {
      const all = lines(text);
      if (all.length > 1) all.splice(a % all.length, 0, all[b % all.length]);
      return all.join('\n');
    }),
  );
}

/** Arbitrary text from an alphabet rich in the characters that matter to both parsers. */
export function arbitraryText(): fc.Arbitrary<string> {
  const tokens = fc.constantFrom(
    'FROM ', 'RUN ', 'USER ', 'ARG ', 'ENV ', 'COPY ', 'ADD ', 'EXPOSE ', 'CMD ', 'services:', '  web:', '    image: ', 'privileged: true',
    '<<: *a', '&a ', '*a', '- ', ': ', '[', ']', '{', '}', ',', '"', "'", '\\', '`', '$', '${', '}', '$(', ')', '|', '&&', ';', '#',
    '# dockguard-ignore ', 'DG201', '\n', '\r\n', '\r', '\t', ' ', 'sudo', 'curl', 'sh -c', '<<EOF', 'EOF', '\u0000', '\uFEFF', 'é',
  );
  return fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.array(tokens, { maxLength: 80 }).map((parts) => parts.join('')),
  );
}

export interface PropertyFailure {
  fileName: string;
  text: string;
  problem: string;
}

/** Checks the engine's promises for one input; returns what was wrong, if anything. */
export function checkInput(text: string, fileName: string): string | undefined {
  let first: LintOutput;
  const started = Date.now();
  try {
    first = lint(text, { fileName });
  } catch (error) {
    return `lint threw: ${error instanceof Error ? error.stack : String(error)}`;
  }
  const elapsed = Date.now() - started;
  if (elapsed > PER_INPUT_BOUND_MS) return `took ${elapsed} ms`;
  if (first.ruleErrors.length > 0) return `rule threw: ${first.ruleErrors.map((error) => `${error.ruleId}: ${error.message}`).join('; ')}`;
  const docLines = text.split(/\r\n|\r|\n/);
  const inside = (p: { line: number; character: number }) =>
    p.line >= 0 && p.line < docLines.length && p.character >= 0 && p.character <= docLines[p.line].length;
  for (const finding of first.findings) {
    const ranges = [finding.range, ...finding.fixes.flatMap((fix) => fix.edits.map((edit) => edit.range))];
    if (finding.suppress) ranges.push(finding.suppress.line.range, finding.suppress.file.range);
    for (const range of ranges) {
      if (!inside(range.start) || !inside(range.end)) return `${finding.ruleId}: range ${JSON.stringify(range)} outside the document`;
    }
  }
  const second = lint(text, { fileName });
  if (JSON.stringify(second) !== JSON.stringify(first)) return 'the result is not deterministic';
  return undefined;
}
