/**
 * The Neovim stage: Debian's Neovim 0.7 as a second, independent LSP client of the bundled server
 * (dist/server.js over --stdio). For a Dockerfile and a compose file: the diagnostic arrives by
 * push, a quick fix is requested and applied, and the diagnostic is cleared by the next publish.
 * The Lua side (test/editor/nvim/lsp-check.lua) only drives and reports; the expectations are here.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CheckSequence, expect, type CheckResult } from '../lib/checks';
import { editorDir, fixturesDir, nvimPath, repoRoot } from '../lib/paths';
import { stopProcessGroup } from '../lib/process-group';

interface NvimCase {
  name: string;
  /** Fixture file (relative to test/editor/fixtures/nvim) and the name it is opened under. */
  fixture: string;
  openAs: string;
  filetype: string;
  code: string;
  ruleName: string;
  action: string;
  /** The whole buffer after the fix. */
  expectedText: string;
}

const cases: NvimCase[] = [
  {
    name: 'Dockerfile',
    fixture: 'Dockerfile',
    openAs: 'Dockerfile',
    filetype: 'dockerfile',
    code: 'DG101',
    ruleName: 'user-missing',
    action: '10001:10001',
    expectedText: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*\nCOPY app /app\nUSER 10001:10001\nCMD ["/app/run"]\n',
  },
  {
    name: 'compose file',
    fixture: 'compose.yaml',
    openAs: 'compose.yaml',
    filetype: 'yaml',
    code: 'DG204',
    ruleName: 'cap-drop-all',
    action: 'cap_drop',
    expectedText: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop: [ALL]\n    ports:\n      - "127.0.0.1:8080:80"\n',
  },
];

interface Step {
  step: string;
  [key: string]: unknown;
}

export async function runNeovimStage(scratch: string, log: (line: string) => void): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const testCase of cases) {
    log(`nvim: ${testCase.name}`);
    const sequence = new CheckSequence(log);
    const dir = join(scratch, `nvim-${basename(testCase.openAs)}-${results.length}`);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, testCase.openAs);
    copyFileSync(join(fixturesDir, 'nvim', testCase.fixture), file);
    let steps: Step[] = [];
    let failure = '';
    await sequence.step(`${testCase.name}: Neovim attaches the server over --stdio`, async () => {
      const run = await runNvim(file, testCase);
      steps = run.steps;
      failure = run.failure;
      const open = steps.find((s) => s.step === 'open');
      expect(open, run.failure || `Neovim printed no steps (exit ${run.exitCode})\n${run.stderr}`);
      expect(open.filetype === testCase.filetype, `filetype ${String(open.filetype)}, expected ${testCase.filetype}`);
      log(`      nvim ${String(open.nvim)}`);
    });
    const stepOf = (name: string): Step => {
      const found = steps.find((s) => s.step === name);
      expect(found, failure || `no '${name}' step`);
      return found;
    };
    await sequence.step(`${testCase.name}: ${testCase.code} is published with source, severity and docs link`, () => {
      const diagnostics = stepOf('diagnostics');
      expect(diagnostics.source === 'dockguard', `source ${String(diagnostics.source)}`);
      expect(typeof diagnostics.severity === 'number', 'no severity');
      expect(typeof diagnostics.href === 'string' && String(diagnostics.href).endsWith(`/${testCase.ruleName}.md`), `docs link ${String(diagnostics.href)}`);
    });
    await sequence.step(`${testCase.name}: the quick fix is offered and applied`, () => {
      const actions = stepOf('actions');
      const applied = stepOf('applied');
      log(`      actions: ${(actions.titles as string[]).join(' | ')}`);
      expect(String(applied.title).includes(testCase.action), `applied ${String(applied.title)}`);
    });
    await sequence.step(`${testCase.name}: ${testCase.code} is cleared and the buffer holds the fixed text`, () => {
      const cleared = stepOf('cleared');
      expect(!(cleared.codes as string[]).includes(testCase.code), `still ${String(cleared.codes)}`);
      expect(cleared.text === testCase.expectedText, `buffer text:\n${String(cleared.text)}\nexpected:\n${testCase.expectedText}`);
      stepOf('done');
    });
    results.push(...sequence.results);
  }
  return results;
}

async function runNvim(file: string, testCase: NvimCase): Promise<{ steps: Step[]; failure: string; exitCode: number | null; stderr: string }> {
  const timeoutMs = 20000;
  const child = spawn(
    nvimPath,
    ['--headless', '-n', '-i', 'NONE', '-u', 'NONE', '--cmd', 'filetype on', '-c', `luafile ${join(editorDir, 'nvim', 'lsp-check.lua')}`, '--', file],
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        DOCKGUARD_LSP_CMD: JSON.stringify([process.execPath, join(repoRoot, 'dist', 'server.js'), '--stdio']),
        DOCKGUARD_EXPECT_CODE: testCase.code,
        DOCKGUARD_ACTION: testCase.action,
        DOCKGUARD_TIMEOUT_MS: String(timeoutMs),
      },
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  // Neovim's own waits are bounded; this only guards against a hang outside them.
  const guard = setTimeout(() => void stopProcessGroup(child, 1000), timeoutMs * 3);
  const exitCode = await new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  clearTimeout(guard);
  await stopProcessGroup(child, 0); // the server, should Neovim have left it behind
  const steps: Step[] = [];
  for (const line of stdout.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed.startsWith('{')) continue;
    try {
      steps.push(JSON.parse(trimmed) as Step);
    } catch {
      // Neovim's screen output can interleave with ours in headless mode; only whole JSON lines count.
    }
  }
  const error = steps.find((s) => s.step === 'error');
  return { steps, failure: error ? String(error.message) : '', exitCode, stderr };
}
