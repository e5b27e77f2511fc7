import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  ConfigurationRequest,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LSPErrorCodes,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  RequestType,
  ResponseError,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  UnregistrationRequest,
  WorkDoneProgressCreateRequest,
  WorkspaceDiagnosticRequest,
  createProtocolConnection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeResult,
  type ProtocolConnection,
  type TextDocumentContentChangeEvent,
  type WorkspaceDiagnosticReport,
} from 'vscode-languageserver-protocol/node';
import type { LintWorkspaceResult } from '../../../shared/src/protocol';
import { readMemory, type Memory } from './proc';

/** dockguard's own "lint the workspace now" request (shared/src/protocol), declared here because this harness runs without the sources. */
const LintWorkspaceRequest = { method: 'dockguard/lintWorkspace', type: new RequestType<Record<string, never>, LintWorkspaceResult, void>('dockguard/lintWorkspace') };

/**
 * A small LSP client over a server's stdio, for timing: it speaks to the server the way VS Code
 * does (pull diagnostics when the server offers them, incremental sync, settings through
 * `workspace/configuration`), or as a push-only editor when asked.
 */

export interface ClientOptions {
  serverPath: string;
  nodeArgs?: string[];
  mode: 'pull' | 'push';
  /** The workspace folder (absolute path), if any. */
  folder?: string;
  /** What `workspace/configuration` answers for the section `dockguard`. */
  settings: Record<string, unknown>;
  timeoutMs: number;
}

export class BenchClient {
  readonly child: ChildProcess;
  readonly connection: ProtocolConnection;
  /** Spawn to the initialize response. */
  initializeMs = Number.NaN;
  capabilities: InitializeResult['capabilities'] | undefined;
  /** Whether diagnostics are pulled (the server announced `diagnosticProvider`) or pushed. */
  pull = false;
  private readonly versions = new Map<string, number>();
  private readonly pushWaiters = new Map<string, { version: number | undefined; resolve: (diagnostics: Diagnostic[]) => void }[]>();
  private readonly stderr: string[] = [];
  private exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly spawnedAt: number;

  private constructor(private readonly options: ClientOptions) {
    this.spawnedAt = performance.now();
    this.child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', (chunk: string) => {
      if (this.stderr.length < 200) this.stderr.push(chunk);
    });
    this.child.on('exit', (code, signal) => {
      this.exited = { code, signal };
    });
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) => (item.section === 'dockguard' ? options.settings : item.section === 'files.exclude' ? {} : null)),
    );
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.onRequest(UnregistrationRequest.type, () => undefined);
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const waiters = this.pushWaiters.get(params.uri);
      if (!waiters) return;
      const remaining = waiters.filter((waiter) => {
        // A push without a version answers any wait; one with a version only the wait for it.
        if (params.version !== undefined && waiter.version !== undefined && params.version !== waiter.version) return true;
        waiter.resolve(params.diagnostics);
        return false;
      });
      if (remaining.length > 0) this.pushWaiters.set(params.uri, remaining);
      else this.pushWaiters.delete(params.uri);
    });
    this.connection.listen();
  }

  get pid(): number {
    return this.child.pid!;
  }

  static async start(options: ClientOptions): Promise<BenchClient> {
    const client = new BenchClient(options);
    const folderUri = options.folder ? pathToFileURL(options.folder).href : null;
    const result = await client.withTimeout(
      client.connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: folderUri,
        workspaceFolders: options.folder ? [{ uri: folderUri!, name: 'corpus' }] : null,
        capabilities: {
          workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true }, diagnostics: { refreshSupport: true } },
          textDocument: {
            synchronization: { dynamicRegistration: true, didSave: true },
            publishDiagnostics: { versionSupport: true, relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
            ...(options.mode === 'pull' ? { diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false } } : {}),
          },
          window: { workDoneProgress: true },
        },
        initializationOptions: {},
      }),
      'initialize',
    );
    client.initializeMs = performance.now() - client.spawnedAt;
    client.capabilities = result.capabilities;
    client.pull = options.mode === 'pull' && result.capabilities.diagnosticProvider !== undefined;
    await client.connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  memory(): Memory | undefined {
    return readMemory(this.pid);
  }

  stderrText(): string {
    return this.stderr.join('');
  }

  uriOf(path: string): string {
    return pathToFileURL(path).href;
  }

  /** Opens a document and returns the time until its diagnostics arrived. */
  async open(uri: string, languageId: string, text: string): Promise<{ ms: number; diagnostics: number }> {
    this.versions.set(uri, 1);
    const started = performance.now();
    const pushed = this.pull ? undefined : this.waitForPush(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    const diagnostics = this.pull ? await this.pullDocument(uri) : await pushed!;
    return { ms: performance.now() - started, diagnostics: diagnostics.length };
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Sends one incremental change and returns the new version. */
  async change(uri: string, change: TextDocumentContentChangeEvent): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [change] });
    return version;
  }

  /** Change → diagnostics of that version (closed loop). */
  async edit(uri: string, change: TextDocumentContentChangeEvent): Promise<number> {
    const started = performance.now();
    const version = (this.versions.get(uri) ?? 1) + 1;
    const pushed = this.pull ? undefined : this.waitForPush(uri, version);
    await this.change(uri, change);
    if (this.pull) await this.pullDocument(uri);
    else await pushed;
    return performance.now() - started;
  }

  /**
   * Typing (open loop): one change every `intervalMs`, each followed by a pull as VS Code does,
   * the previous pull cancelled when it is still running. Returns the time from the last
   * keystroke to the diagnostics of the last version.
   */
  async type(uri: string, changes: TextDocumentContentChangeEvent[], intervalMs: number): Promise<{ settleMs: number; answered: number }> {
    let inFlight: CancellationTokenSource | undefined;
    let answered = 0;
    let last: Promise<unknown> = Promise.resolve();
    let lastSentAt = 0;
    const finalVersion = (this.versions.get(uri) ?? 1) + changes.length;
    const finalPush = this.pull ? undefined : this.waitForPush(uri, finalVersion);
    const start = performance.now();
    for (let i = 0; i < changes.length; i++) {
      const due = start + i * intervalMs;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      inFlight?.cancel();
      lastSentAt = performance.now();
      await this.change(uri, changes[i]);
      if (this.pull) {
        const source = new CancellationTokenSource();
        inFlight = source;
        last = this.pullDocument(uri, source).then(
          () => answered++,
          () => undefined,
        );
      }
    }
    if (this.pull) {
      // The last pull may have been cancelled by nothing: it is the one that must answer.
      await last;
    } else {
      await finalPush;
      answered = 1;
    }
    return { settleMs: performance.now() - lastSentAt, answered };
  }

  /** `textDocument/diagnostic`, asked again when the server says it was overtaken (as VS Code does). */
  async pullDocument(uri: string, source?: CancellationTokenSource): Promise<Diagnostic[]> {
    for (;;) {
      try {
        const report: DocumentDiagnosticReport = await this.withTimeout(
          this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }, source?.token),
          `textDocument/diagnostic ${uri}`,
        );
        return report.kind === 'full' ? report.items : [];
      } catch (error) {
        if (error instanceof ResponseError && error.code === LSPErrorCodes.ServerCancelled && !source?.token.isCancellationRequested) continue;
        throw error;
      }
    }
  }

  /** `workspace/diagnostic` without partial results: one complete answer when the scan is done. */
  async workspaceDiagnostics(): Promise<WorkspaceDiagnosticReport> {
    return this.withTimeout(this.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] }), 'workspace/diagnostic', 10 * this.options.timeoutMs);
  }

  /** The server's own "lint the workspace now" request, answered when the scan is done. */
  async lintWorkspace(): Promise<LintWorkspaceResult> {
    return this.withTimeout(this.connection.sendRequest(LintWorkspaceRequest.type, {}), LintWorkspaceRequest.method, 10 * this.options.timeoutMs);
  }

  /** Push clients: resolves with the next diagnostics published for `uri` (at `version`, when pushes carry one). */
  waitForPush(uri: string, version: number | undefined): Promise<Diagnostic[]> {
    return this.withTimeout(
      new Promise<Diagnostic[]>((resolve) => {
        const list = this.pushWaiters.get(uri) ?? [];
        list.push({ version, resolve });
        this.pushWaiters.set(uri, list);
      }),
      `publishDiagnostics ${uri} v${version}`,
    );
  }

  /** Collects every push until `count` distinct URIs were published (push clients' workspace scan). */
  waitForPushes(count: number): Promise<number> {
    const seen = new Set<string>();
    return this.withTimeout(
      new Promise<number>((resolve) => {
        const disposable = this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
          seen.add(params.uri);
          if (seen.size >= count) {
            disposable.dispose();
            resolve(seen.size);
          }
        });
      }),
      'workspace pushes',
      10 * this.options.timeoutMs,
    );
  }

  async stop(): Promise<void> {
    if (!this.exited) {
      try {
        await this.withTimeout(this.connection.sendRequest(ShutdownRequest.type), 'shutdown', 5000);
        await this.connection.sendNotification(ExitNotification.type);
      } catch {
        // A server that does not answer is killed below.
      }
      await new Promise<void>((resolve) => {
        if (this.exited) return resolve();
        const timer = setTimeout(() => {
          this.child.kill('SIGKILL');
          resolve();
        }, 5000);
        this.child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    this.connection.dispose();
  }

  private withTimeout<T>(promise: Promise<T>, what: string, ms = this.options.timeoutMs): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        const exit = this.exited ? ` (server exited: ${this.exited.code ?? this.exited.signal})` : '';
        reject(new Error(`no answer to ${what} within ${ms} ms${exit}`));
      }, ms);
      promise.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
