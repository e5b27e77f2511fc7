import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { node24, vscodeServerMain } from './paths';
import { stopProcessGroup } from './process-group';

export interface VsCodeServer {
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** The remote authority the workbench uses for `vscode-remote://` URIs. */
  readonly authority: string;
  /** Everything the server printed, for the failure report. */
  readonly output: string[];
  /** Settles when the server process exits, for whatever reason. */
  readonly exited: Promise<string>;
  stop(): Promise<void>;
}

export interface ServerOptions {
  /** Holds the server's user data, server data and extensions folders; fresh per run. */
  dataDir: string;
  /** Extensions folder; defaults to `<dataDir>/extensions`. */
  extensionsDir?: string;
  /** Lines the server prints, as they come (already kept in `output`). */
  onOutput?: (line: string) => void;
  /** Extra environment for the server and the extension host it forks. */
  env?: NodeJS.ProcessEnv;
  startTimeoutMs?: number;
}

/**
 * Starts the VS Code server (the 1.139.1 build inside the code-server npm package) on a port the
 * kernel picks, bound to 127.0.0.1 only, in its own process group.
 *
 * `--enable-smoke-test-driver` is what makes a built workbench honour the `payload` URL parameter
 * (extensionDevelopmentPath / extensionTestsPath) and call `window.codeAutomationExit` when the
 * tests end; code-server's own CLI rejects that flag, so server-main.js is started directly.
 * A server per run: a long-lived one keeps an extension host per closed window for hours.
 */
export async function startVsCodeServer(options: ServerOptions): Promise<VsCodeServer> {
  const userDataDir = join(options.dataDir, 'user-data');
  const serverDataDir = join(options.dataDir, 'server-data');
  const extensionsDir = options.extensionsDir ?? join(options.dataDir, 'extensions');
  for (const dir of [userDataDir, serverDataDir, extensionsDir]) mkdirSync(dir, { recursive: true });

  const args = [
    vscodeServerMain,
    '--host', '127.0.0.1',
    '--port', '0',
    '--without-connection-token',
    '--accept-server-license-terms',
    '--enable-smoke-test-driver',
    '--disable-telemetry',
    '--disable-workspace-trust',
    '--reconnection-grace-time', '10',
    '--user-data-dir', userDataDir,
    '--server-data-dir', serverDataDir,
    '--extensions-dir', extensionsDir,
  ];
  // The server and its children make IPC sockets in the temp folder and, killed, leave them
  // behind: give them a short-lived folder of their own (short, for the 108-byte socket path limit).
  const runtimeDir = mkdtempSync(join(tmpdir(), 'dg-vsc-'));
  const child = spawn(node24, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env, TMPDIR: runtimeDir, XDG_RUNTIME_DIR: runtimeDir },
  });
  const stop = async (): Promise<void> => {
    await stopProcessGroup(child);
    rmSync(runtimeDir, { recursive: true, force: true });
  };
  const output: string[] = [];
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(String(code ?? signal))));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`VS Code server did not report its port within ${options.startTimeoutMs ?? 60000} ms`)),
      options.startTimeoutMs ?? 60000,
    );
    function fail(error: Error): void {
      clearTimeout(timer);
      void stop();
      reject(new Error(`${error.message}\n--- server output ---\n${output.join('\n')}`));
    }
    child.once('error', fail);
    child.once('exit', (code, signal) => fail(new Error(`VS Code server exited early (${code ?? signal})`)));
    onLines(child, (line) => {
      output.push(line);
      options.onOutput?.(line);
      const match = /Extension host agent listening on (\d+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        child.removeAllListeners('error');
        resolve(Number(match[1]));
      }
    });
  });
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    authority: `127.0.0.1:${port}`,
    output,
    exited,
    stop,
  };
}

function onLines(child: ChildProcess, handle: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    let pending = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      pending += chunk;
      let newline: number;
      while ((newline = pending.indexOf('\n')) >= 0) {
        handle(pending.slice(0, newline).replace(/\r$/, ''));
        pending = pending.slice(newline + 1);
      }
    });
  }
}

/**
 * The workbench URL for a folder or a `.code-workspace` file, with a payload that loads the
 * extension under development and, for extension-host tests, the Mocha entry point. The payload
 * also carries what test-electron's `--skip-welcome --skip-release-notes` mean on the desktop:
 * without it the Welcome page opens at some point of startup, sometimes, over the test's editor.
 */
export function workbenchUrl(
  server: VsCodeServer,
  target: string,
  payload: { extensionDevelopmentPath?: string; extensionTestsPath?: string } = {},
): string {
  const url = new URL(server.origin + '/');
  url.searchParams.set(target.endsWith('.code-workspace') ? 'workspace' : 'folder', target);
  const entries: [string, string][] = [
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  if (payload.extensionDevelopmentPath) {
    entries.push(['extensionDevelopmentPath', remoteUri(server, payload.extensionDevelopmentPath)]);
  }
  if (payload.extensionTestsPath) entries.push(['extensionTestsPath', remoteUri(server, payload.extensionTestsPath)]);
  url.searchParams.set('payload', JSON.stringify(entries));
  return url.toString();
}

function remoteUri(server: VsCodeServer, path: string): string {
  return `vscode-remote://${server.authority}${encodeURI(path)}`;
}
