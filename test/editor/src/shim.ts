/**
 * Stands in for the VS Code executable that `@vscode/test-electron`'s `runTests` launches, so
 * the standard runner works without a desktop VS Code (none can be downloaded here):
 *
 *   runTests({ vscodeExecutablePath: 'test/editor/vscode-shim.sh', extensionDevelopmentPath,
 *              extensionTestsPath, launchArgs: [workspace, '--user-data-dir=…', '--extensions-dir=…'] })
 *
 * It takes the same command line as `code`, starts the VS Code 1.139 server on 127.0.0.1 with the
 * smoke-test driver, opens the workbench in headless Chromium with the development extension
 * and the Mocha entry point in the `payload` URL parameter, relays the extension host's console
 * to stdout, and exits with the code the workbench hands to `window.codeAutomationExit` when the
 * tests end. Server and browser are torn down on every path.
 */
import { closeSync, fstatSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchChromium } from './lib/browser';
import type { Browser } from 'playwright-core';
import { startVsCodeServer, workbenchUrl, type VsCodeServer } from './lib/vscode-server';

interface CodeCommandLine {
  target: string;
  extensionDevelopmentPath: string;
  extensionTestsPath: string;
  userDataDir?: string;
  extensionsDir?: string;
}

const valueOptions = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir']);

function parseCommandLine(argv: string[]): CodeCommandLine {
  const values = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (!valueOptions.has(name)) continue; // --no-sandbox, --disable-updates, … mean nothing to a server
    const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined) throw new Error(`--${name} needs a value`);
    values.set(name, value);
  }
  const extensionDevelopmentPath = values.get('extensionDevelopmentPath');
  const extensionTestsPath = values.get('extensionTestsPath');
  if (positional.length !== 1 || !extensionDevelopmentPath || !extensionTestsPath) {
    throw new Error('usage: vscode-shim <folder | file.code-workspace> --extensionDevelopmentPath=<dir> --extensionTestsPath=<module> [--user-data-dir=<dir>] [--extensions-dir=<dir>]');
  }
  return {
    target: resolve(positional[0]!),
    extensionDevelopmentPath: resolve(extensionDevelopmentPath),
    extensionTestsPath: resolve(extensionTestsPath),
    userDataDir: values.get('user-data-dir'),
    extensionsDir: values.get('extensions-dir'),
  };
}

/**
 * Follows the file that the Mocha entry point (exthost/index.ts) writes the extension host's
 * console to. In the browser workbench that console only reaches the page as log-service lines,
 * indistinguishable from the workbench's own chatter, so the shim asks for a file instead
 * (DOCKGUARD_SHIM_OUTPUT, inherited by the extension host through the server's environment).
 */
function follow(path: string, write: (text: string) => void): { stop(): void } {
  let offset = 0;
  const drain = (): void => {
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch {
      return; // not created yet
    }
    try {
      const size = fstatSync(fd).size;
      if (size > offset) {
        const buffer = Buffer.alloc(size - offset);
        readSync(fd, buffer, 0, buffer.length, offset);
        offset = size;
        write(buffer.toString('utf8'));
      }
    } finally {
      closeSync(fd);
    }
  };
  const timer = setInterval(drain, 100);
  return {
    stop() {
      clearInterval(timer);
      drain();
    },
  };
}

async function main(): Promise<number> {
  const commandLine = parseCommandLine(process.argv.slice(2));
  // A suite takes 15-30 s; one that hangs is stopped early enough for the whole editor stage to
  // stay within its 10-minute budget.
  const timeoutMs = Number(process.env.DOCKGUARD_EDITOR_TIMEOUT_MS ?? 150000);
  const verbose = process.env.DOCKGUARD_EDITOR_VERBOSE === '1';
  const scratch = mkdtempSync(join(tmpdir(), 'dockguard-shim-'));
  const outputFile = join(scratch, 'extension-host-output.log');
  const relay = follow(outputFile, (text) => process.stdout.write(text));
  const browserLog: string[] = [];
  let server: VsCodeServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startVsCodeServer({
      dataDir: commandLine.userDataDir ?? scratch,
      extensionsDir: commandLine.extensionsDir,
      env: { DOCKGUARD_SHIM_OUTPUT: outputFile },
      onOutput: verbose ? (line) => process.stderr.write(`[server] ${line}\n`) : undefined,
    });
    const serverExited = server.exited;
    browser = await launchChromium();
    const page = await browser.newPage();
    const keep = (line: string): void => {
      browserLog.push(line);
      if (browserLog.length > 200) browserLog.shift();
      if (verbose) process.stderr.write(line + '\n');
    };
    page.on('console', (message) => keep(`[browser:${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => keep(`[browser:pageerror] ${error.message}`));
    let timer: NodeJS.Timeout | undefined;
    const exitCode = new Promise<number>((resolveExit, rejectExit) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
      page.on('crash', () => rejectExit(new Error('the workbench page crashed')));
      void serverExited.then((how) => rejectExit(new Error(`the VS Code server exited (${how}) before the tests ended`)));
      timer = setTimeout(() => rejectExit(new Error(`the tests did not finish within ${timeoutMs} ms`)), timeoutMs);
    });
    await page.goto(workbenchUrl(server, commandLine.target, commandLine));
    try {
      return await exitCode;
    } catch (error) {
      const output = server.output;
      process.stderr.write(
        `vscode-shim: ${(error as Error).message}\n--- browser console (last 40) ---\n${browserLog.slice(-40).join('\n')}\n` +
          `--- server output (last 60) ---\n${output.slice(-60).join('\n')}\n`,
      );
      return 1;
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    relay.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`vscode-shim: ${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
