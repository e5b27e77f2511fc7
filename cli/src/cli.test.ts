import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { ALL_RULES, lint, parseConfig, resolveConfig, type Finding } from '../../shared/src/index';

/**
 * The built CLI (dist/cli.js, made by `npm run build`) run as a child process on fixture trees
 * from test/fixtures/cli, copied to a temporary folder so that the run can change them and no
 * config or .gitignore of the checkout applies. Symlinks, binary and CRLF files are made here.
 */

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const FIXTURES = path.join(ROOT, 'test/fixtures/cli');
const SARIF_SCHEMA = path.join(ROOT, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
/** The shared corpus beside the checkout; the tests that use it skip when it is absent. */
const CORPUS = path.resolve(ROOT, '../shared/corpus');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function dockguard(args: string[], cwd: string, options: { input?: string | Buffer; env?: Record<string, string> } = {}): Run {
  assert.ok(fs.existsSync(CLI), `${CLI} is missing: run npm run build first`);
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, DOCKGUARD_WORKERS: undefined, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, input: options.input ?? '', env: env as NodeJS.ProcessEnv, encoding: 'utf8', timeout: 60_000 });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const temporaryFolders: string[] = [];
after(() => {
  for (const folder of temporaryFolders) fs.rmSync(folder, { recursive: true, force: true });
});

/** A private copy of a fixture (or an empty folder), with a `.git` so that no ignore file above it applies. */
function workspace(fixture?: string): string {
  const folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'dockguard-cli-')));
  temporaryFolders.push(folder);
  if (fixture) fs.cpSync(path.join(FIXTURES, fixture), folder, { recursive: true });
  fs.mkdirSync(path.join(folder, '.git'), { recursive: true });
  return folder;
}

function write(folder: string, file: string, content: string | Buffer): string {
  const full = path.join(folder, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, content);
  return full;
}

/** `--rule X=off` for every rule but these, so that expectations do not move while other rules are written. */
function only(...ids: string[]): string[] {
  return ALL_RULES.filter((rule) => !ids.includes(rule.id)).map((rule) => `--rule=${rule.id}=off`);
}

interface JsonMessage {
  ruleId: string;
  ruleName: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  docsUrl: string;
  fixes: { title: string; edits: { line: number; column: number; endLine: number; endColumn: number; newText: string }[] }[];
}

interface JsonFile {
  filePath: string;
  kind: string;
  messages: JsonMessage[];
}

function parseJson(run: Run): JsonFile[] {
  try {
    return JSON.parse(run.stdout) as JsonFile[];
  } catch {
    assert.fail(`not JSON (exit ${run.code}): ${run.stdout}\n${run.stderr}`);
  }
}

const SUDO_MESSAGE = "'sudo' runs in a RUN instruction: build steps already run as the stage's USER, and sudo in an image lets that user become root.";
const DOCS = 'https://github.com/dockguard/dockguard/blob/main/shared/src/rules/';

describe('JSON output', () => {
  test('is exactly the contract: path order, 1-based positions, exclusive end columns, fixes without the ignore actions', () => {
    const folder = workspace('exact');
    const run = dockguard(['-f', 'json', ...only('DG000', 'DG001', 'DG003', 'DG103')], folder);
    assert.equal(run.stderr, '');
    assert.equal(run.code, 1, 'DG000 is an error');
    assert.deepEqual(JSON.parse(run.stdout), [
      {
        filePath: 'Dockerfile',
        kind: 'dockerfile',
        messages: [
          {
            ruleId: 'DG103',
            ruleName: 'sudo',
            severity: 'warning',
            message: SUDO_MESSAGE,
            line: 2,
            column: 5,
            endLine: 2,
            endColumn: 9,
            docsUrl: `${DOCS}dockerfile/sudo.md`,
            fixes: [{ title: "Remove 'sudo'", edits: [{ line: 2, column: 5, endLine: 2, endColumn: 10, newText: '' }] }],
          },
          {
            ruleId: 'DG001',
            ruleName: 'unknown-rule',
            severity: 'info',
            message: "Unknown rule 'DG999' in dockguard-ignore: no rule has this id or name.",
            line: 3,
            column: 20,
            endLine: 3,
            endColumn: 25,
            docsUrl: `${DOCS}meta/unknown-rule.md`,
            fixes: [],
          },
        ],
      },
      {
        filePath: 'big/Dockerfile',
        kind: 'dockerfile',
        messages: [
          {
            ruleId: 'DG003',
            ruleName: 'file-skipped',
            severity: 'info',
            message: 'File not linted: it is larger than the size limit (34 > 16 bytes; configurable with max-file-size in .dockguard.yaml or --max-file-size).',
            line: 1,
            column: 1,
            endLine: 1,
            endColumn: 1,
            docsUrl: `${DOCS}meta/file-skipped.md`,
            fixes: [],
          },
        ],
      },
      {
        filePath: 'broken/compose.yaml',
        kind: 'compose',
        messages: [
          {
            ruleId: 'DG000',
            ruleName: 'parse-error',
            severity: 'error',
            message: 'YAML syntax error: Missing closing "quote',
            line: 4,
            column: 1,
            endLine: 4,
            endColumn: 1,
            docsUrl: `${DOCS}meta/parse-error.md`,
            fixes: [],
          },
        ],
      },
    ]);
  });

  test('files outside the current folder keep their absolute path; a file with no findings has an empty entry', () => {
    const folder = workspace();
    const file = write(folder, 'clean/Dockerfile', 'FROM alpine:3.20\nUSER 10001:10001\n');
    const elsewhere = workspace();
    const run = dockguard(['-f', 'json', ...only('DG103'), file], elsewhere);
    assert.deepEqual(parseJson(run), [{ filePath: file, kind: 'dockerfile', messages: [] }]);
    assert.equal(run.code, 0);
  });
});

describe('discovery and configuration', () => {
  function tree(): string {
    const folder = workspace('tree');
    write(folder, 'app/docker-compose.yml', 'services:\r\n  web:\r\n    image: nginx:1.27\r\n    privileged: true\r\n');
    write(folder, 'generated/Dockerfile', 'FROM alpine\nRUN sudo true\n'); // .gitignore'd
    write(folder, 'app/compose.local.yaml', 'services:\n  x:\n    privileged: true\n'); // .gitignore'd
    write(folder, 'node_modules/pkg/Dockerfile', 'FROM alpine\nRUN sudo true\n');
    return folder;
  }

  /** What the engine says for a file with the config the CLI should have picked for it. */
  function engineFindings(folder: string, file: string, configFile: string | undefined): Finding[] {
    const text = fs.readFileSync(path.join(folder, file), 'utf8');
    const layer = configFile ? parseConfig(fs.readFileSync(path.join(folder, configFile), 'utf8')).config : undefined;
    return lint(text, { fileName: path.join(folder, file), config: resolveConfig(layer) }).findings;
  }

  const summary = (messages: { ruleId: string; severity: string; line: number; column: number }[]) =>
    messages.map((message) => `${message.ruleId} ${message.severity} ${message.line}:${message.column}`);
  const engineSummary = (findings: Finding[]) =>
    findings.map((finding) => `${finding.ruleId} ${finding.severity} ${finding.range.start.line + 1}:${finding.range.start.character + 1}`);

  test('walks folders by name, skips .gitignore, node_modules and ignore-paths, applies the nearest config to each file', () => {
    const folder = tree();
    const run = dockguard(['-f', 'json'], folder);
    const files = parseJson(run);
    assert.deepEqual(
      files.map((file) => file.filePath),
      ['Dockerfile', 'app/Dockerfile', 'app/docker-compose.yml'],
    );
    assert.deepEqual(summary(files[0].messages), engineSummary(engineFindings(folder, 'Dockerfile', '.dockguard.yaml')));
    assert.deepEqual(summary(files[1].messages), engineSummary(engineFindings(folder, 'app/Dockerfile', 'app/.dockguard.yaml')));
    assert.deepEqual(summary(files[2].messages), engineSummary(engineFindings(folder, 'app/docker-compose.yml', 'app/.dockguard.yaml')));
    // The configs at work: sudo is an error at the top, info in app/ (nearest only, no cascading).
    assert.equal(files[0].messages.find((message) => message.ruleId === 'DG103')?.severity, 'error');
    assert.equal(files[1].messages.find((message) => message.ruleId === 'DG103')?.severity, 'info');
    // CRLF: positions count characters of the line, not the \r.
    const privileged = files[2].messages.find((message) => message.ruleId === 'DG201');
    assert.deepEqual(privileged && [privileged.line, privileged.endLine], [4, 4]);
  });

  test('a YAML file named on the command line is linted when it has services:, other files are skipped with a note', () => {
    const folder = tree();
    write(folder, 'README.txt', 'hello\n');
    write(folder, 'ci.yml', 'jobs:\n  build: {}\n');
    const run = dockguard(['-f', 'json', 'stacks/notes.yaml', 'README.txt', 'ci.yml'], folder);
    assert.deepEqual(parseJson(run).map((file) => [file.filePath, file.kind]), [['stacks/notes.yaml', 'compose']]);
    assert.match(run.stderr, /README\.txt is not a Dockerfile or compose file/);
    assert.match(run.stderr, /ci\.yml is not a Dockerfile or compose file/);
  });

  test("a file named on the command line still obeys the config's ignore-paths (pre-commit names every changed file)", () => {
    const folder = tree();
    const run = dockguard(['-f', 'json', 'vendor/Dockerfile'], folder);
    assert.deepEqual(parseJson(run), []);
    assert.match(run.stderr, /vendor\/Dockerfile is in the config's ignore-paths/);
    assert.equal(run.code, 0);
  });

  test('--config applies one config to every file, and overrides the nearest ones', () => {
    const folder = tree();
    write(folder, 'ci/strict.yaml', 'rules:\n  sudo: warning\n');
    const files = parseJson(dockguard(['-f', 'json', '-c', 'ci/strict.yaml'], folder));
    assert.deepEqual(files.map((file) => file.filePath), ['Dockerfile', 'app/Dockerfile', 'app/docker-compose.yml', 'vendor/Dockerfile']);
    for (const file of files.filter((entry) => entry.kind === 'dockerfile')) {
      assert.equal(file.messages.find((message) => message.ruleId === 'DG103')?.severity, 'warning', file.filePath);
    }
  });

  test('a broken --config is a usage error that lists every mistake with its position', () => {
    const folder = tree();
    write(folder, 'bad.yaml', 'rules:\n  nope: off\n  sudo: sometimes\nmax-file-size: lots\n');
    const run = dockguard(['-c', 'bad.yaml'], folder);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^dockguard: invalid config bad\.yaml:$/m);
    assert.match(run.stderr, /^bad\.yaml:2:3: Unknown rule 'nope'/m);
    assert.match(run.stderr, /^bad\.yaml:3:9: Invalid severity for 'sudo'/m);
    assert.match(run.stderr, /^bad\.yaml:4:16: `max-file-size` must be/m);
    write(folder, 'syntax.yaml', 'rules: [\n');
    const syntax = dockguard(['-c', 'syntax.yaml'], folder);
    assert.equal(syntax.code, 2);
    assert.match(syntax.stderr, /^syntax\.yaml:\d+:\d+: YAML syntax error: /m);
    assert.equal(dockguard(['-c', 'missing.yaml'], folder).code, 2);
  });

  test('a broken config found on the way is reported on itself, and the defaults apply to its files', () => {
    const folder = workspace();
    write(folder, '.dockguard.yaml', 'rules:\n  sudo: sometimes\n');
    write(folder, 'Dockerfile', 'FROM alpine:3.20\nRUN sudo true\nUSER 10001:10001\n');
    write(folder, 'yaml/.dockguard.yaml', 'rules: [\n');
    write(folder, 'yaml/Dockerfile', 'FROM alpine:3.20\nRUN sudo true\nUSER 10001:10001\n');
    const run = dockguard(['-f', 'json', ...only('DG000', 'DG002', 'DG103')], folder);
    const files = parseJson(run);
    assert.deepEqual(files.map((file) => [file.filePath, file.kind, file.messages.map((message) => `${message.ruleId} ${message.severity} ${message.line}:${message.column}`)]), [
      ['.dockguard.yaml', 'config', ['DG002 warning 2:9']],
      ['Dockerfile', 'dockerfile', ['DG103 warning 2:5']],
      ['yaml/.dockguard.yaml', 'config', ['DG000 error 2:1']],
      ['yaml/Dockerfile', 'dockerfile', ['DG103 warning 2:5']],
    ]);
    assert.equal(run.code, 1);
  });

  test('follows symlinks without looping and reports each file once', () => {
    const folder = workspace();
    write(folder, 'a/Dockerfile', 'FROM alpine:3.20\nRUN sudo true\n');
    fs.symlinkSync('..', path.join(folder, 'a/loop'));
    fs.symlinkSync('a', path.join(folder, 'b'));
    fs.symlinkSync('a/Dockerfile', path.join(folder, 'link.Dockerfile'));
    fs.symlinkSync('nowhere', path.join(folder, 'dangling.Dockerfile'));
    const run = dockguard(['-f', 'json', ...only('DG103')], folder);
    assert.deepEqual(parseJson(run).map((file) => file.filePath), ['a/Dockerfile']);
  });

  test('binary, non-UTF-8, too large and unreadable files are reported per file and the run goes on', () => {
    const folder = workspace();
    write(folder, 'binary/Dockerfile', Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x00, 0x01, 0x02]));
    write(folder, 'latin1/Dockerfile', Buffer.from('FROM alpine\n# caf\xe9\n', 'latin1'));
    write(folder, 'utf16/Dockerfile', Buffer.from('\ufeffFROM alpine\n', 'utf16le'));
    write(folder, 'large/Dockerfile', `FROM alpine:3.20\n${'#'.repeat(3000)}\n`);
    write(folder, 'ok/Dockerfile', 'FROM alpine:3.20\nRUN sudo true\n');
    const run = dockguard(['-f', 'json', '--max-file-size', '2KB', ...only('DG003', 'DG103')], folder);
    const messages = Object.fromEntries(parseJson(run).map((file) => [file.filePath, file.messages.map((message) => `${message.ruleId} ${message.message}`)]));
    assert.deepEqual(messages, {
      'binary/Dockerfile': ['DG003 File not linted: it looks binary (NUL byte at offset 4).'],
      'large/Dockerfile': ['DG003 File not linted: it is larger than the size limit (3018 > 2048 bytes; configurable with max-file-size in .dockguard.yaml or --max-file-size).'],
      'latin1/Dockerfile': ['DG003 File not linted: it is not valid UTF-8 text (invalid byte sequence at offset 17).'],
      'ok/Dockerfile': [`DG103 ${SUDO_MESSAGE}`],
      'utf16/Dockerfile': ['DG003 File not linted: it is UTF-16 text; dockguard reads UTF-8.'],
    });
    assert.equal(run.code, 1);
    // DG003 is info: it fails the run only at --fail-level info.
    assert.equal(dockguard(['--max-file-size', '2KB', ...only('DG003'), 'large'], folder).code, 0);
    assert.equal(dockguard(['--max-file-size', '2KB', '--fail-level', 'info', ...only('DG003'), 'large'], folder).code, 1);
  });

  test('a FIFO named like a Dockerfile does not hang the run', { skip: process.platform === 'win32' }, () => {
    const folder = workspace();
    write(folder, 'Dockerfile', 'FROM alpine:3.20\n');
    const made = spawnSync('mkfifo', [path.join(folder, 'sub.Dockerfile')]);
    if (made.status !== 0) return;
    const run = dockguard(['-f', 'json', ...only('DG103')], folder);
    assert.deepEqual(parseJson(run).map((file) => file.filePath), ['Dockerfile']);
    assert.equal(dockguard(['sub.Dockerfile'], folder).code, 2);
  });

  test('an unreadable file is reported on itself', { skip: process.getuid?.() === 0 ? 'root reads every file' : false }, () => {
    const folder = workspace();
    const file = write(folder, 'Dockerfile', 'FROM alpine:3.20\n');
    fs.chmodSync(file, 0o000);
    const run = dockguard(['-f', 'json', ...only('DG003')], folder);
    assert.match(parseJson(run)[0].messages[0].message, /cannot be read \(permission denied/);
  });
});

describe('exit codes, severities and filters', () => {
  function folderWith(text: string): string {
    const folder = workspace();
    write(folder, 'Dockerfile', text);
    return folder;
  }
  const SUDO = 'FROM alpine:3.20\nRUN sudo true\nUSER 10001:10001\n';

  test('usage errors exit 2', () => {
    const folder = folderWith(SUDO);
    for (const args of [['--bogus'], ['-f', 'xml'], ['--fail-level', 'fatal'], ['--rule', 'DG103'], ['--rule', 'DG999=off'], ['--rule', 'sudo=loud'], ['--max-file-size', 'huge'], ['missing-folder'], ['--stdin-filename', 'x'], ['--stdin', 'Dockerfile']]) {
      const run = dockguard(args, folder);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, /^dockguard: /, args.join(' '));
      assert.equal(run.stdout, '', args.join(' '));
    }
  });

  test('--fail-level decides which findings fail the run', () => {
    const folder = folderWith(SUDO);
    const base = only('DG103');
    assert.equal(dockguard(base, folder).code, 1, 'a warning fails at the default level');
    assert.equal(dockguard([...base, '--fail-level', 'error'], folder).code, 0);
    assert.equal(dockguard([...base, '--rule', 'DG103=info'], folder).code, 0);
    assert.equal(dockguard([...base, '--rule', 'DG103=info', '--fail-level', 'info'], folder).code, 1);
    assert.equal(dockguard([...base, '--rule', 'sudo=error', '--fail-level', 'error'], folder).code, 1);
  });

  test('--rule takes an id or a name, the last one wins, and it overrides the config', () => {
    const folder = folderWith(SUDO);
    write(folder, '.dockguard.yaml', 'rules:\n  sudo: error\n');
    const severity = (...args: string[]) => parseJson(dockguard(['-f', 'json', ...only('DG103'), ...args], folder))[0].messages.map((message) => message.severity);
    assert.deepEqual(severity(), ['error']);
    assert.deepEqual(severity('--rule', 'sudo=info'), ['info']);
    assert.deepEqual(severity('--rule', 'DG103=warning'), ['warning']);
    assert.deepEqual(severity('--rule', 'sudo=info', '--rule', 'sudo=off'), []);
    // A name shared by a Dockerfile rule and a compose rule sets both.
    const both = dockguard(['-f', 'json', '--rule', 'user-root=off', '--rule', 'DG101=off'], folderWith('FROM alpine:3.20\nUSER root\n'));
    assert.deepEqual(parseJson(both)[0].messages.filter((message) => message.ruleName === 'user-root'), []);
  });

  test('-q reports error-level findings only, and only they decide the exit code', () => {
    const folder = folderWith(SUDO);
    write(folder, 'compose.yaml', 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n');
    const quiet = parseJson(dockguard(['-f', 'json', '-q', ...only('DG103', 'DG201')], folder));
    assert.deepEqual(quiet.map((file) => [file.filePath, file.messages.map((message) => message.ruleId)]), [['Dockerfile', []], ['compose.yaml', ['DG201']]]);
    const text = dockguard(['-q', ...only('DG103')], folder);
    assert.equal(text.stdout, '', 'nothing to say');
    assert.equal(text.code, 0);
  });
});

describe('text output', () => {
  test('one line per finding with file:line:col, severity, message, rule id and name; then a summary', () => {
    const folder = workspace();
    write(folder, 'Dockerfile', 'FROM alpine:3.20\nRUN sudo true\nUSER 10001:10001\n');
    write(folder, 'clean/Dockerfile', 'FROM alpine:3.20\nUSER 10001:10001\n');
    const run = dockguard(only('DG103'), folder);
    assert.equal(run.stdout, `Dockerfile:2:5  warning  ${SUDO_MESSAGE}  DG103 sudo\n\n1 problem (1 warning) in 1 file (2 checked). 1 can be fixed with --fix.\n`);
    assert.equal(dockguard(only(), path.join(folder, 'clean')).stdout, 'No problems found in 1 file.\n');
  });

  test('colour only when forced or on a terminal, never with NO_COLOR', () => {
    const folder = workspace();
    write(folder, 'Dockerfile', 'FROM alpine:3.20\nRUN sudo true\n');
    const ansi = /\x1b\[/;
    assert.doesNotMatch(dockguard(only('DG103'), folder).stdout, ansi, 'a pipe gets no colour');
    assert.match(dockguard(only('DG103'), folder, { env: { FORCE_COLOR: '1' } }).stdout, ansi);
    assert.doesNotMatch(dockguard(only('DG103'), folder, { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout, ansi);
  });

  test('--list-rules prints the whole catalog, as text or JSON', () => {
    const folder = workspace();
    const text = dockguard(['--list-rules'], folder);
    assert.equal(text.code, 0);
    const lines = text.stdout.trimEnd().split('\n');
    assert.equal(lines.length, ALL_RULES.length);
    for (const [i, rule] of ALL_RULES.entries()) {
      assert.match(lines[i], new RegExp(`^${rule.id}  ${rule.name} +${rule.defaultSeverity} .*${escapeRegExp(rule.summary)}$`));
    }
    const json = JSON.parse(dockguard(['--list-rules', '-f', 'json'], folder).stdout) as { id: string; name: string; defaultSeverity: string; summary: string; docsUrl: string }[];
    assert.deepEqual(
      json.map((rule) => [rule.id, rule.name, rule.defaultSeverity, rule.summary]),
      ALL_RULES.map((rule) => [rule.id, rule.name, rule.defaultSeverity, rule.summary]),
    );
    assert.ok(json.every((rule) => rule.docsUrl.startsWith(DOCS)));
  });

  test('--version and --help', () => {
    const folder = workspace();
    const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;
    assert.equal(dockguard(['--version'], folder).stdout, `${version}\n`);
    assert.equal(dockguard(['-v'], folder).stdout, `${version}\n`);
    const help = dockguard(['-h'], folder);
    assert.equal(help.code, 0);
    for (const flag of ['--format', '--config', '--rule', '--fail-level', '--fix', '--list-rules', '--stdin', '--stdin-filename', '--quiet', '--max-file-size', '--version', '--help']) {
      assert.ok(help.stdout.includes(flag), flag);
    }
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('SARIF', () => {
  test('validates against the SARIF 2.1.0 schema and carries the catalog, help, 1-based regions and levels', () => {
    const folder = workspace('tree');
    write(folder, 'app/docker-compose.yml', 'services:\r\n  web:\r\n    image: nginx:1.27\r\n    privileged: true\r\n');
    write(folder, 'with space/Dockerfile', 'FROM alpine:3.20\nRUN sudo true\n');
    write(folder, 'broken/compose.yaml', 'services:\n  web: [\n');
    const run = dockguard(['-f', 'sarif'], folder);
    assert.equal(run.code, 1);
    const log = JSON.parse(run.stdout) as {
      version: string;
      runs: { tool: { driver: { rules: unknown[] } }; results: unknown[]; originalUriBaseIds: Record<string, { uri: string }> }[];
    };

    // The schema's language-tag pattern is not valid in Unicode mode (`]?`), so patterns run without it.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile<unknown>(JSON.parse(fs.readFileSync(SARIF_SCHEMA, 'utf8')));
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));

    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const [sarifRun] = log.runs;
    const rules = sarifRun.tool.driver.rules as { id: string; helpUri: string; help: { text: string; markdown: string }; defaultConfiguration: { level?: string; enabled?: boolean }; properties: { tags: string[] } }[];
    assert.deepEqual(rules.map((rule) => rule.id), ALL_RULES.map((rule) => rule.id));
    const sudo = rules.find((rule) => rule.id === 'DG103')!;
    assert.equal(sudo.helpUri, `${DOCS}dockerfile/sudo.md`);
    assert.match(sudo.help.markdown, /^# DG103 `sudo`/, 'the documentation page is embedded');
    assert.match(sudo.help.text, /sudo/);
    assert.deepEqual(sudo.defaultConfiguration, { level: 'warning' });
    assert.ok(sudo.properties.tags.includes('security'));
    for (const rule of ALL_RULES.filter((meta) => meta.defaultSeverity === 'off')) {
      assert.equal(rules.find((descriptor) => descriptor.id === rule.id)!.defaultConfiguration.enabled, false);
    }

    type Result = { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }[]; partialFingerprints: Record<string, string>; fixes?: unknown[] };
    const results = sarifRun.results as Result[];
    const find = (ruleId: string, uri: string) => results.find((result) => result.ruleId === ruleId && result.locations[0].physicalLocation.artifactLocation.uri === uri);
    const sudoResult = find('DG103', 'Dockerfile')!;
    assert.equal(sudoResult.level, 'error', 'the config makes sudo an error here');
    assert.deepEqual(sudoResult.locations[0].physicalLocation.region, { startLine: 2, startColumn: 5, endLine: 2, endColumn: 9 });
    assert.equal(sudoResult.locations[0].physicalLocation.artifactLocation.uriBaseId, 'SRCROOT');
    assert.equal(rules[sudoResult.ruleIndex].id, 'DG103');
    assert.equal(sudoResult.fixes?.length, 1);
    assert.equal(find('DG103', 'app/Dockerfile')!.level, 'note');
    const privileged = find('DG201', 'app/docker-compose.yml')!.locations[0].physicalLocation.region;
    assert.deepEqual([privileged.startLine, privileged.endLine], [4, 4], 'CRLF lines count right');
    assert.ok(privileged.endColumn > privileged.startColumn);
    assert.ok(find('DG103', 'with%20space/Dockerfile'), 'URIs are percent-encoded');
    assert.equal(find('DG000', 'broken/compose.yaml')!.level, 'error');
    assert.ok(results.every((result) => Object.values(result.partialFingerprints)[0].length === 32));
    assert.equal(sarifRun.originalUriBaseIds.SRCROOT.uri, `file://${folder}/`);
  });

  test('fingerprints do not change when lines move', () => {
    const folder = workspace();
    write(folder, 'Dockerfile', 'FROM alpine:3.20\nRUN sudo true\nRUN sudo true\n');
    const prints = () =>
      (JSON.parse(dockguard(['-f', 'sarif', ...only('DG103')], folder).stdout).runs[0].results as { partialFingerprints: Record<string, string> }[]).map(
        (result) => Object.values(result.partialFingerprints)[0],
      );
    const before = prints();
    assert.equal(new Set(before).size, 2, 'two identical lines still get two fingerprints');
    write(folder, 'Dockerfile', 'FROM alpine:3.20\n# a comment\n\nRUN sudo true\nRUN sudo true\n');
    assert.deepEqual(prints(), before);
  });
});

describe('--fix', () => {
  test('applies preferred fixes in place, keeps mode, line endings and BOM, reports what remains; a second run changes nothing', { skip: process.platform === 'win32' }, () => {
    const folder = workspace();
    const lf = write(folder, 'Dockerfile', 'FROM alpine:3.20\nRUN sudo apk add curl && sudo -u nobody true\nUSER 10001:10001\n');
    const crlf = write(folder, 'crlf/Dockerfile', '\ufeffFROM alpine:3.20\r\nRUN sudo apk add curl\r\nUSER 10001:10001\r\n');
    fs.chmodSync(lf, 0o640);
    fs.symlinkSync('Dockerfile', path.join(folder, 'linked.Dockerfile'));
    const run = dockguard(['--fix', ...only('DG103')], folder);
    assert.equal(fs.readFileSync(lf, 'utf8'), 'FROM alpine:3.20\nRUN apk add curl && sudo -u nobody true\nUSER 10001:10001\n');
    assert.equal(fs.readFileSync(crlf, 'utf8'), '\ufeffFROM alpine:3.20\r\nRUN apk add curl\r\nUSER 10001:10001\r\n');
    assert.equal(fs.statSync(lf).mode & 0o777, 0o640);
    assert.ok(fs.lstatSync(path.join(folder, 'linked.Dockerfile')).isSymbolicLink(), 'a symlink stays a symlink');
    assert.deepEqual(fs.readdirSync(folder).filter((name) => name.includes('.tmp')), [], 'no temporary file left behind');
    // `sudo -u` has no fix: it is what remains.
    assert.match(run.stdout, /^Dockerfile:2:21  warning .* DG103 sudo$/m);
    assert.match(run.stdout, /^Fixed 2 problems in 2 files\.$/m);
    assert.equal(run.code, 1);

    const before = [fs.readFileSync(lf), fs.readFileSync(crlf)];
    const again = dockguard(['--fix', ...only('DG103')], folder);
    assert.deepEqual([fs.readFileSync(lf), fs.readFileSync(crlf)], before);
    assert.doesNotMatch(again.stdout, /Fixed/);
  });

  test('the JSON after --fix lists what remains', () => {
    const folder = workspace('exact');
    const run = dockguard(['--fix', '-f', 'json', ...only('DG000', 'DG001', 'DG003', 'DG103')], folder);
    const files = parseJson(run);
    assert.deepEqual(files[0].messages.map((message) => message.ruleId), ['DG001']);
    assert.equal(fs.readFileSync(path.join(folder, 'Dockerfile'), 'utf8'), 'FROM alpine:3.20\nRUN apk add --no-cache curl\n# dockguard-ignore DG999 -- no such rule\nUSER 10001:10001\n');
    assert.equal(fs.readFileSync(path.join(folder, 'broken/compose.yaml'), 'utf8'), 'services:\n  web:\n    image: "nginx:1.27\n', 'a file that does not parse is left alone');
  });

  test('with every rule on, fixing reaches a fixed point: a second --fix changes nothing and nothing stops parsing', () => {
    const folder = workspace();
    write(folder, 'Dockerfile', 'FROM node:20\nRUN sudo npm install -g pnpm\nADD app.tar.gz /app\nEXPOSE 22 8080\nRUN curl -k https://example.com/x.sh -o /tmp/x.sh\nCMD ["node", "server.js"]\n');
    write(folder, 'compose.yaml', 'services:\n  web:\n    image: nginx\n    privileged: true\n    cap_add: [SYS_ADMIN, NET_BIND_SERVICE]\n    security_opt:\n      - seccomp:unconfined\n    user: root\n    network_mode: host\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: hunter2\n');
    const first = dockguard(['--fix', '-f', 'json'], folder);
    assert.ok(!first.stderr.includes('not fixed'), first.stderr);
    const after = fs.readdirSync(folder).filter((name) => !name.startsWith('.')).map((name) => fs.readFileSync(path.join(folder, name), 'utf8'));
    const second = dockguard(['--fix', '-f', 'json'], folder);
    assert.deepEqual(fs.readdirSync(folder).filter((name) => !name.startsWith('.')).map((name) => fs.readFileSync(path.join(folder, name), 'utf8')), after);
    assert.deepEqual(JSON.parse(second.stdout), JSON.parse(first.stdout), 'the same findings remain');
    for (const file of parseJson(second)) assert.ok(!file.messages.some((message) => message.ruleId === 'DG000'), file.filePath);
  });
});

test('--fix on a sample of the real corpus: every file still parses, none is refused, and a second run changes nothing', { skip: !fs.existsSync(path.join(CORPUS, 'compose')) && 'no corpus' }, () => {
  const folder = workspace();
  for (const kind of ['dockerfile', 'compose']) {
    const names = fs.readdirSync(path.join(CORPUS, kind)).sort().filter((_name, i) => i % 25 === 0);
    for (const name of names) {
      // Compose files get a compose name, so that the walk finds them.
      write(folder, `${kind}/${kind === 'compose' ? name.replace(/\.ya?ml$/, '.compose.yml') : name}`, fs.readFileSync(path.join(CORPUS, kind, name)));
    }
  }
  const first = dockguard(['--fix', '-f', 'json'], folder);
  assert.equal(first.stderr, '', 'no file refused, no rule failed');
  const files = parseJson(first);
  assert.ok(files.length > 100);
  for (const file of files) assert.ok(!file.messages.some((message) => message.ruleId === 'DG000'), file.filePath);
  const snapshot = (dir: string) => fs.readdirSync(dir).sort().map((name) => fs.readFileSync(path.join(dir, name), 'utf8'));
  const after = [snapshot(path.join(folder, 'dockerfile')), snapshot(path.join(folder, 'compose'))];
  const second = dockguard(['--fix', '-f', 'json'], folder);
  assert.deepEqual([snapshot(path.join(folder, 'dockerfile')), snapshot(path.join(folder, 'compose'))], after);
  assert.equal(second.stdout, first.stdout);
});

describe('--stdin', () => {
  test('lints standard input as the named file, with that file’s config', () => {
    const folder = workspace('tree');
    const text = 'FROM alpine:3.20\nRUN sudo true\nUSER 10001:10001\n';
    const run = dockguard(['--stdin', '--stdin-filename', 'app/Dockerfile', '-f', 'json', ...only('DG103')], folder, { input: text });
    const files = parseJson(run);
    assert.deepEqual(files.map((file) => [file.filePath, file.kind]), [['app/Dockerfile', 'dockerfile']]);
    assert.equal(files[0].messages.find((message) => message.ruleId === 'DG103')?.severity, 'info', "app/'s config applies");
    // The same answer as for the file on disk.
    write(folder, 'app/Dockerfile', text);
    assert.deepEqual(parseJson(dockguard(['-f', 'json', ...only('DG103'), 'app/Dockerfile'], folder)), files);
  });

  test('without a name the kind comes from the content; compose names and BOMs work', () => {
    const folder = workspace();
    const compose = dockguard(['--stdin', '-f', 'json', ...only('DG201')], folder, { input: 'services:\n  web:\n    privileged: true\n' });
    assert.deepEqual(parseJson(compose).map((file) => [file.filePath, file.kind, file.messages.map((message) => message.ruleId)]), [['<stdin>', 'compose', ['DG201']]]);
    // Columns as the editor counts them: the byte-order mark is not a character of the first line.
    const bom = dockguard(['--stdin', '--stdin-filename', 'Dockerfile', '-f', 'json', ...only('DG001')], folder, { input: '\ufeff# dockguard-ignore-file DG999\nFROM alpine\n' });
    assert.deepEqual(parseJson(bom)[0].messages.map((message) => [message.ruleId, message.line, message.column]), [['DG001', 1, 25]]);
  });

  test('--fix writes the fixed text to standard output and the report to standard error', () => {
    const folder = workspace();
    const run = dockguard(['--stdin', '--stdin-filename', 'Dockerfile', '--fix', ...only('DG103')], folder, { input: 'FROM alpine:3.20\r\nRUN sudo true\r\n' });
    assert.equal(run.stdout, 'FROM alpine:3.20\r\nRUN true\r\n');
    assert.match(run.stderr, /No problems found in 1 file/);
    assert.equal(run.code, 0);
    const untouched = dockguard(['--stdin', '--stdin-filename', 'notes.txt', '--fix'], folder, { input: 'hello\n' });
    assert.equal(untouched.stdout, 'hello\n');
  });
});

describe('worker threads', () => {
  test('sharing the work among threads changes nothing in the output', () => {
    const folder = workspace('tree');
    write(folder, 'app/docker-compose.yml', 'services:\r\n  web:\r\n    image: nginx:1.27\r\n    privileged: true\r\n');
    for (let i = 0; i < 40; i++) {
      write(folder, `many/${String(i).padStart(2, '0')}/Dockerfile`, `FROM alpine:3.${i}\nRUN sudo apk add pkg${i}\n`);
      write(folder, `many/${String(i).padStart(2, '0')}/compose.yaml`, `services:\n  s${i}:\n    image: nginx:1.${i}\n    privileged: ${i % 2 === 0}\n`);
    }
    write(folder, 'many/binary/Dockerfile', Buffer.from([0, 1, 2]));
    const alone = dockguard(['-f', 'sarif'], folder, { env: { DOCKGUARD_WORKERS: '0' } });
    const shared = dockguard(['-f', 'sarif'], folder, { env: { DOCKGUARD_WORKERS: '2' } });
    assert.equal(shared.stdout, alone.stdout);
    assert.equal(shared.stderr, alone.stderr);
    assert.equal(shared.code, alone.code);
    assert.ok(JSON.parse(alone.stdout).runs[0].results.length > 80);
  });
});
