import { performance } from 'node:perf_hooks';
import {
  CancellationTokenSource,
  DocumentDiagnosticReportKind,
  FileChangeType,
  type CancellationToken,
  type Diagnostic,
  type FileEvent,
  type FullDocumentDiagnosticReport,
  type ResultProgressReporter,
  type WorkDoneProgressServerReporter,
  type WorkspaceDiagnosticParams,
  type WorkspaceDiagnosticReport,
  type WorkspaceDiagnosticReportPartialResult,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';
import { DEFAULT_MAX_FILE_SIZE, resolveConfig } from '../../shared/src/config/config';
import { ruleById, docsUrl } from '../../shared/src/registry';
import type { FileKind, Finding, Severity } from '../../shared/src/types';
import { isConfigFileName } from '../../shared/src/workspace/config-finder';
import { baseName } from '../../shared/src/file-kind';
import { relativePath } from '../../shared/src/workspace/host';
import { WorkspaceScanner } from '../../shared/src/workspace/scanner';
import type { DockguardSettings, LintWorkspaceResult, WorkspacePhase } from '../../shared/src/protocol';
import type { ServerContext } from './context';
import { toDiagnostic } from './diagnostics';
import type { Folder } from './folders';
import { EMPTY_REPORT_ID, reportId } from './resultIds';
import { childUri, uriToPath } from './uris';

/**
 * Every Dockerfile, compose file and `.dockguard.yaml` of the workspace folders in the Problems
 * panel, including files never opened, kept right as files change on disk.
 *
 * Pull clients get them through `workspace/diagnostic`, with a result id per file (a hash of its
 * report), so a file that did not change is answered `unchanged`:
 * - A client that takes partial results (it sends a `partialResultToken`, as VS Code does) has
 *   its request held open: the scan's results, and every later change, go out as partial
 *   results on it as they happen. The VS Code client asks again 2 s after each answer, forever;
 *   one open request means no 2-second delay after a change and no stream of "all unchanged"
 *   answers for a workspace where nothing happens.
 * - Any other client gets one complete answer, `unchanged` reports included, as soon as the work
 *   in progress (the scan, closes, file events) is done.
 * Push clients get `publishDiagnostics` (without a version: these are files, not buffers).
 *
 * Open documents are never reported here: the editor's buffer wins over the disk, and open
 * documents are reported (pulled or pushed) as documents. When one closes, the file's report
 * from disk (or an empty one, if the workspace does not cover it) replaces what the buffer
 * showed.
 *
 * The scan runs in chunks: discovery first (so progress can count), then files read a few at a
 * time and linted one by one, yielding to the event loop every few milliseconds so keystrokes
 * in the editor are never queued behind it. It reports `window/workDoneProgress` (cancellable:
 * cancelling keeps what was found so far) and `dockguard/workspaceStatus`. Only the report of a
 * closed file is kept, never its text or syntax tree.
 */

interface FileRecord {
  path: string;
  uri: string;
  kind: FileKind;
  diagnostics: Diagnostic[];
  resultId: string;
  /** The scan that last saw the file; files not seen by a finished scan are gone. */
  scanId: number;
  /** Other files its lint read (a compose file reads the Dockerfiles it builds). */
  dependencies: string[];
}

/** A workspace file, linted or (while open in the editor) not. */
interface KnownFile {
  uri: string;
  kind: FileKind;
  folderUri: string;
}

interface FolderSetup {
  folder: Folder & { path: string };
  settings: DockguardSettings;
  scanner: WorkspaceScanner;
}

interface RunningScan {
  id: number;
  source: CancellationTokenSource;
  done: Promise<LintWorkspaceResult>;
  filesDone: number;
  filesTotal: number;
}

/** One `workspace/diagnostic` request: what the client has, as far as we know. */
interface PullSession {
  known: Map<string, string>;
}

export class WorkspaceDiagnostics {
  private readonly records = new Map<string, FileRecord>();
  private readonly byUri = new Map<string, FileRecord>();
  private known = new Map<string, KnownFile>();
  private setups: FolderSetup[] = [];
  private scan: RunningScan | undefined;
  private scanCount = 0;
  private lastScan: { durationMs: number; finishedAt: number; cancelled: boolean } | undefined;
  private started = false;
  private rescanQueued = false;
  private disposed = false;
  /** Closed documents no workspace file stands for: their buffer diagnostics are cleared once. */
  private readonly pendingClears = new Set<string>();
  /** Closed documents whose report waits until the client is done with their last document pull. */
  private readonly settling = new Map<string, number>();
  /** Push clients: what each URI was last sent. */
  private readonly pushedIds = new Map<string, string>();
  private changeWaiters: (() => void)[] = [];
  /** Open `workspace/diagnostic` requests. */
  private readonly sessions = new Set<PullSession>();
  /** Closes and file events being processed: an answer waits for them. */
  private pendingWork = 0;
  private readonly closing = new Map<string, Promise<void>>();
  private readonly push: boolean;

  constructor(private readonly ctx: ServerContext) {
    this.push = !ctx.client.pullDiagnostics;
  }

  /** After `initialized`: the first scan. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.rescan();
  }

  dispose(): void {
    this.disposed = true;
    this.scan?.source.cancel();
    this.notify();
  }

  /**
   * Rediscovers and re-lints everything (folders, settings or configuration changed). A scan
   * already running is cancelled; several requests in one turn make one scan.
   */
  rescan(): void {
    if (!this.started || this.disposed || this.rescanQueued) return;
    this.rescanQueued = true;
    this.scan?.source.cancel();
    setImmediate(() => {
      if (!this.rescanQueued) return; // `lintNow` started one meanwhile
      this.rescanQueued = false;
      if (!this.disposed) this.startScan();
    });
  }

  /** `dockguard/lintWorkspace`: a fresh scan, answered when it ends. */
  async lintNow(): Promise<LintWorkspaceResult> {
    this.started = true;
    this.rescanQueued = false;
    return this.startScan().done;
  }

  /** What a document pull of a closed file answers: the file as on disk, if the workspace reports it. */
  async closedDocumentReport(uri: string): Promise<FullDocumentDiagnosticReport> {
    await this.closing.get(uri);
    const record = this.recordFor(uri);
    return record
      ? { kind: DocumentDiagnosticReportKind.Full, resultId: record.resultId, items: record.diagnostics }
      : { kind: DocumentDiagnosticReportKind.Full, resultId: EMPTY_REPORT_ID, items: [] };
  }

  /**
   * A document closed: from now on the file shows what is on disk (the buffer may have had
   * unsaved changes), or nothing when the workspace does not report it.
   */
  async documentClosed(uri: string): Promise<void> {
    const work = this.track(this.afterClose(uri));
    this.closing.set(uri, work);
    try {
      await work;
    } finally {
      if (this.closing.get(uri) === work) this.closing.delete(uri);
    }
  }

  private async afterClose(uri: string): Promise<void> {
    const path = uriToPath(uri);
    // The same file as the scan spells it, if the client spells it differently.
    const uris = [uri, ...(path !== undefined && this.records.get(path) && this.records.get(path)!.uri !== uri ? [this.records.get(path)!.uri] : [])];
    // The client forgot what the workspace told it about this file when the editor opened it.
    for (const session of this.sessions) for (const each of uris) session.known.delete(each);
    if (!this.push) {
      // The VS Code client pulls the document once more as it closes and drops our workspace
      // report for it until that pull is answered; report it a moment later.
      for (const each of uris) this.settling.set(each, Date.now() + this.ctx.timing.closeSettleMs);
      setTimeout(() => this.notify(), this.ctx.timing.closeSettleMs + 1);
    }
    let covered = false;
    if (path !== undefined) {
      const known = this.known.get(path) ?? (await this.classify(path));
      if (known && !this.ctx.isOpen(uri, path)) covered = await this.lintFromDisk(path, known, this.scan?.id ?? this.scanCount);
    }
    if (path !== undefined) await this.relintDependents([path]);
    if (this.ctx.isOpen(uri, path)) return; // reopened meanwhile
    if (!covered) {
      if (this.push) this.publish(uri, [], EMPTY_REPORT_ID, true);
      else this.pendingClears.add(uri);
    } else if (this.push) {
      const record = this.recordFor(uri);
      // Under the client's spelling: it replaces what the buffer showed.
      if (record) this.publish(uri, record.diagnostics, record.resultId, true);
    }
    this.notify();
  }

  private recordFor(uri: string): FileRecord | undefined {
    const path = uriToPath(uri);
    return this.byUri.get(uri) ?? (path === undefined ? undefined : this.records.get(path));
  }

  /** `workspace/didChangeWatchedFiles`: files created, changed or deleted on disk. */
  filesChanged(changes: readonly FileEvent[]): Promise<{ configChanged: boolean }> {
    return this.track(this.applyFileChanges(changes));
  }

  /** Counts work in progress, so that an answer never goes out halfway through it. */
  private async track<T>(work: Promise<T>): Promise<T> {
    this.pendingWork++;
    try {
      return await work;
    } finally {
      this.pendingWork--;
      this.notify();
    }
  }

  private async applyFileChanges(changes: readonly FileEvent[]): Promise<{ configChanged: boolean }> {
    let configChanged = false;
    let ignoresChanged = false;
    const files: { path: string; type: FileChangeType }[] = [];
    for (const change of changes) {
      const path = uriToPath(change.uri);
      if (path === undefined) continue;
      if (isConfigFileName(path)) {
        this.ctx.configs.invalidate(path);
        configChanged = true;
      }
      if (baseName(path) === '.gitignore') ignoresChanged = true;
      files.push({ path, type: change.type });
    }
    if (configChanged || ignoresChanged) {
      // Which files are linted, and how, may have changed anywhere below: scan again.
      for (const setup of this.setups) setup.scanner.invalidate();
      this.rescan();
      return { configChanged };
    }
    let changed = false;
    for (const { path, type } of files) {
      if (type === FileChangeType.Deleted) {
        changed = this.removeUnder(path) || changed;
        continue;
      }
      const stat = await this.ctx.host.stat(path);
      if (stat?.kind === 'directory') {
        // A folder appeared (a checkout, a copy): what is inside was never announced one by one.
        this.rescan();
        continue;
      }
      const known = await this.classify(path);
      if (!known) {
        changed = this.removeUnder(path) || changed;
        continue;
      }
      this.known.set(path, known);
      if (this.ctx.isOpen(known.uri, path)) continue; // open: the buffer wins
      changed = (await this.lintFromDisk(path, known, this.scan?.id ?? this.scanCount)) || changed;
    }
    changed = (await this.relintDependents(files.map((file) => file.path))) || changed;
    if (changed) {
      this.sendStatus();
      this.notify();
    }
    return { configChanged: false };
  }

  /** `workspace/diagnostic`. */
  async pull(
    params: WorkspaceDiagnosticParams,
    token: CancellationToken,
    resultProgress: ResultProgressReporter<WorkspaceDiagnosticReportPartialResult> | undefined,
  ): Promise<WorkspaceDiagnosticReport> {
    this.start();
    const session: PullSession = { known: new Map(params.previousResultIds.map((previous) => [previous.uri, previous.value])) };
    this.sessions.add(session);
    try {
      while (!token.isCancellationRequested && !this.disposed) {
        if (resultProgress) {
          // Streaming: whatever is new goes out now, and the request stays open for what comes.
          const items = this.collect(session, false);
          if (items.length > 0) resultProgress.report({ items });
        } else if (!this.busy()) {
          return { items: this.collect(session, true) };
        }
        await this.nextChange(token);
      }
      return { items: [] };
    } finally {
      this.sessions.delete(session);
    }
  }

  /** A scan, a close or a file event is in progress, or a closed file is waiting to be reported. */
  private busy(): boolean {
    return this.scan !== undefined || this.rescanQueued || this.pendingWork > 0 || this.hasSettling();
  }

  /** The reports a session lacks; with `unchanged`, also an `unchanged` report for each file it has right. */
  private collect(session: PullSession, unchanged: boolean): WorkspaceDocumentDiagnosticReport[] {
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    const now = Date.now();
    this.hasSettling(); // drops the waits that are over
    const hidden = (uri: string, path?: string): boolean => this.ctx.isOpen(uri, path) || (this.settling.get(uri) ?? 0) > now;
    for (const record of this.records.values()) {
      if (hidden(record.uri, record.path)) continue;
      const previous = session.known.get(record.uri);
      if (previous === record.resultId) {
        if (unchanged) items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri: record.uri, version: null, resultId: record.resultId });
        continue;
      }
      items.push({ kind: DocumentDiagnosticReportKind.Full, uri: record.uri, version: null, resultId: record.resultId, items: record.diagnostics });
    }
    // Files the client shows that are gone (deleted, now ignored): empty them once.
    for (const [uri, previous] of session.known) {
      if (previous === EMPTY_REPORT_ID || this.byUri.has(uri) || hidden(uri)) continue;
      items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId: EMPTY_REPORT_ID, items: [] });
    }
    for (const uri of this.pendingClears) {
      if (this.byUri.has(uri) || hidden(uri)) {
        if (this.byUri.has(uri) || this.ctx.documents.get(uri)) this.pendingClears.delete(uri);
        continue;
      }
      if (session.known.get(uri) !== EMPTY_REPORT_ID) {
        items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId: EMPTY_REPORT_ID, items: [] });
      }
      this.pendingClears.delete(uri);
    }
    // No uri twice in one answer.
    const seen = new Set<string>();
    const unique = items.filter((item) => {
      if (seen.has(item.uri)) return false;
      seen.add(item.uri);
      return true;
    });
    for (const item of unique) session.known.set(item.uri, item.resultId!);
    return unique;
  }

  private hasSettling(): boolean {
    const now = Date.now();
    for (const [uri, until] of this.settling) {
      if (until > now) return true;
      this.settling.delete(uri);
    }
    return false;
  }

  private nextChange(token: CancellationToken): Promise<void> {
    return new Promise((resolve) => {
      let settled = false;
      const finish = (): void => {
        if (settled) return;
        settled = true;
        subscription.dispose();
        resolve();
      };
      const subscription = token.onCancellationRequested(finish);
      this.changeWaiters.push(finish);
    });
  }

  private notify(): void {
    const waiters = this.changeWaiters;
    this.changeWaiters = [];
    for (const wake of waiters) wake();
  }

  /** Starts a scan; one already running is cancelled (what it found so far stays). */
  private startScan(): RunningScan {
    this.scan?.source.cancel();
    const id = ++this.scanCount;
    const source = new CancellationTokenSource();
    const scan: RunningScan = { id, source, filesDone: 0, filesTotal: 0, done: undefined! };
    this.scan = scan;
    scan.done = this.runScan(scan)
      .catch((error) => {
        this.ctx.log.error(`The workspace scan failed: ${messageOf(error)}`);
        return { files: 0, findings: 0, durationMs: 0, cancelled: true };
      })
      .finally(() => {
        if (this.scan === scan) this.scan = undefined;
        source.dispose();
        this.notify();
      });
    this.notify();
    return scan;
  }

  private async runScan(scan: RunningScan): Promise<LintWorkspaceResult> {
    const started = performance.now();
    const token = scan.source.token;
    const progress = await this.beginProgress(scan);
    try {
      this.setups = await this.folderSetups();
      this.sendStatus(scan);
      // Discovery first, so that progress can say how far along the lint is.
      const found: { path: string; known: KnownFile }[] = [];
      const known = new Map<string, KnownFile>();
      let sinceYield = performance.now();
      for (const setup of this.setups) {
        for await (const event of setup.scanner.scan(token)) {
          if (event.type === 'problem') {
            this.ctx.log.warnOnce(`scan:${event.path}`, `Workspace scan: ${event.message}`);
            continue;
          }
          // Nested workspace folders: the innermost one reports the file.
          if (this.ctx.folders.folderOf(event.path)?.uri !== setup.folder.uri || known.has(event.path)) continue;
          const file: KnownFile = { uri: childUri(setup.folder.uri, relativePath(setup.folder.path, event.path)!), kind: event.kind, folderUri: setup.folder.uri };
          known.set(event.path, file);
          found.push({ path: event.path, known: file });
          if (performance.now() - sinceYield > this.ctx.timing.scanSliceMs) {
            await this.yieldToEditor();
            sinceYield = performance.now();
          }
        }
        if (token.isCancellationRequested) break;
      }
      if (token.isCancellationRequested) return this.finishScan(scan, started, true, progress);
      this.known = known;
      scan.filesTotal = found.length;

      let lastReport = performance.now();
      const concurrency = Math.max(1, this.ctx.timing.scanReadConcurrency);
      const read = (from: number) =>
        Promise.all(found.slice(from, from + concurrency).map(({ path, known: file }) => (this.ctx.isOpen(file.uri, path) ? Promise.resolve(undefined) : this.readForLint(path))));
      // The disk reads the next few files while this few are linted.
      let reading: ReturnType<typeof read> | undefined = found.length > 0 ? read(0) : undefined;
      for (let i = 0; reading && !token.isCancellationRequested; i += concurrency) {
        const texts = await reading;
        reading = i + concurrency < found.length ? read(i + concurrency) : undefined;
        if (token.isCancellationRequested) break;
        for (let j = 0; j < texts.length; j++) {
          const { path, known: file } = found[i + j];
          scan.filesDone++;
          if (!this.ctx.isOpen(file.uri, path)) await this.lintText(path, file, texts[j], scan.id); // open: reported from the buffer
          if (performance.now() - sinceYield > this.ctx.timing.scanSliceMs) {
            await this.yieldToEditor();
            sinceYield = performance.now();
            if (token.isCancellationRequested) break;
          }
        }
        const now = performance.now();
        if (now - lastReport > this.ctx.timing.scanReportIntervalMs) {
          lastReport = now;
          progress?.report(Math.floor((scan.filesDone / Math.max(1, scan.filesTotal)) * 100), `${scan.filesDone} of ${scan.filesTotal} files`);
          this.sendStatus(scan);
          this.notify();
        }
      }
      // A read still in flight when the scan was cancelled is let go.
      reading?.catch(() => undefined);
      if (token.isCancellationRequested) return this.finishScan(scan, started, true, progress);
      // What this scan did not see is gone (deleted, ignored, or its folder was removed).
      for (const record of [...this.records.values()]) {
        if (record.scanId !== scan.id && !this.known.has(record.path)) this.removeRecord(record);
      }
      return this.finishScan(scan, started, false, progress);
    } catch (error) {
      progress?.done();
      throw error;
    }
  }

  /**
   * Gives the event loop a turn, and then, while the editor is busy (a keystroke, a pull, a
   * code action in the last few milliseconds), keeps out of its way: the scan is background
   * work, typing is not.
   */
  private async yieldToEditor(): Promise<void> {
    await yieldToEventLoop();
    for (let waits = 0; !this.disposed && performance.now() - this.ctx.activity.last < EDITOR_QUIET_MS && waits < 100; waits++) {
      await new Promise((resolve) => setTimeout(resolve, EDITOR_QUIET_MS));
    }
  }

  private finishScan(scan: RunningScan, started: number, cancelled: boolean, progress: WorkDoneProgressServerReporter | undefined): LintWorkspaceResult {
    progress?.done();
    const durationMs = performance.now() - started;
    this.lastScan = { durationMs, finishedAt: Date.now(), cancelled };
    if (this.scan === scan) this.scan = undefined;
    this.sendStatus();
    this.ctx.log.trace(`Workspace scan ${cancelled ? 'cancelled' : 'done'}: ${scan.filesDone} of ${scan.filesTotal} files in ${durationMs.toFixed(0)} ms.`);
    let findings = 0;
    for (const record of this.records.values()) findings += record.diagnostics.length;
    return { files: scan.filesDone, findings, durationMs, cancelled };
  }

  private async beginProgress(scan: RunningScan): Promise<WorkDoneProgressServerReporter | undefined> {
    if (!this.ctx.client.workDoneProgress) return undefined;
    try {
      const progress = await this.ctx.connection.window.createWorkDoneProgress();
      progress.begin('dockguard', 0, 'Scanning the workspace', true);
      // The user's cancel stops this scan; what it found so far stays.
      progress.token.onCancellationRequested(() => scan.source.cancel());
      return progress;
    } catch {
      return undefined;
    }
  }

  /** Per workspace folder: its settings, and a scanner with its excludes and compose globs. */
  private async folderSetups(): Promise<FolderSetup[]> {
    const setups: FolderSetup[] = [];
    for (const folder of this.ctx.folders.all()) {
      if (folder.path === undefined) continue;
      const settings = await this.ctx.settings.forResource(folder.uri);
      if (!settings.enable || !settings.workspaceDiagnostics) continue;
      const filesExclude = await this.ctx.settings.filesExclude(folder.uri);
      const scanner = new WorkspaceScanner({
        host: this.ctx.host,
        roots: [folder.path],
        exclude: [...settings.exclude, ...filesExclude],
        composeFiles: settings.composeFiles,
        configs: this.ctx.configs.source,
      });
      setups.push({ folder: folder as Folder & { path: string }, settings, scanner });
    }
    return setups;
  }

  private async classify(path: string): Promise<KnownFile | undefined> {
    const folder = this.ctx.folders.folderOf(path);
    const setup = folder && this.setups.find((candidate) => candidate.folder.uri === folder.uri);
    if (!setup) return undefined;
    const kind = await setup.scanner.classify(path).catch(() => undefined);
    if (!kind) return undefined;
    return { uri: childUri(setup.folder.uri, relativePath(setup.folder.path, path)!), kind, folderUri: setup.folder.uri };
  }

  /**
   * The file's text, or a reason not to lint it. Files far beyond the size limit are not even
   * read (the limit is in characters, a character is at most 4 bytes).
   */
  private async readForLint(path: string): Promise<string | { tooLarge: number } | undefined> {
    const stat = await this.ctx.host.stat(path);
    if (!stat || stat.kind !== 'file') return undefined;
    const config = await this.ctx.configs.forFile(path);
    const limit = config?.config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    if (stat.size > limit * 4) return { tooLarge: stat.size };
    return this.ctx.host.readFile(path);
  }

  private async lintFromDisk(path: string, file: KnownFile, scanId: number): Promise<boolean> {
    const text = await this.readForLint(path);
    if (text === undefined) {
      this.removeUnder(path);
      return false;
    }
    await this.lintText(path, file, text, scanId);
    return true;
  }

  /** Lints a file read from disk and stores its report; true when the report changed. */
  private async lintText(path: string, file: KnownFile, text: string | { tooLarge: number } | undefined, scanId: number): Promise<boolean> {
    if (text === undefined) {
      // Unreadable (permissions, a dangling link, gone since the listing): say so once, report nothing.
      this.ctx.log.warnOnce(`unreadable:${path}`, `Workspace scan: cannot read ${path}; it is not linted.`);
      return this.removeUnder(path);
    }
    const setup = this.setups.find((candidate) => candidate.folder.uri === file.folderUri);
    if (!setup) return false;
    const config = await this.ctx.configs.forFile(path);
    let findings: Finding[];
    let dependencies: string[] = [];
    if (typeof text !== 'string') {
      const severity = resolveConfig(config?.config, { rules: setup.settings.rules }).severities.get('DG003');
      findings = severity === 'off' ? [] : [tooLargeFinding(text.tooLarge, config?.config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, severity)];
    } else {
      const outcome = this.ctx.linter.run({
        uri: file.uri,
        path,
        text,
        kind: file.kind,
        settings: setup.settings,
        config,
        folderPath: setup.folder.path,
        readFile: (other) => this.ctx.readOther(other),
        // The report of a file that is not open carries no fixes (no `data`); opening it lints it again.
        fixes: 'none',
      });
      if (outcome.ruleErrors.length > 0) this.ctx.log.ruleErrors(path, outcome.ruleErrors);
      findings = outcome.findings;
      dependencies = outcome.dependencies;
    }
    const diagnostics = findings.map((finding) => toDiagnostic(finding, file.uri, null, false));
    const resultId = reportId(diagnostics);
    const existing = this.records.get(path);
    if (existing && existing.resultId === resultId && existing.uri === file.uri) {
      existing.scanId = scanId;
      existing.dependencies = dependencies;
      return false;
    }
    if (existing) this.byUri.delete(existing.uri);
    const record: FileRecord = { path, uri: file.uri, kind: file.kind, diagnostics, resultId, scanId, dependencies };
    this.records.set(path, record);
    this.byUri.set(file.uri, record);
    this.pendingClears.delete(file.uri);
    if (this.push && !this.ctx.isOpen(file.uri, path)) this.publish(file.uri, diagnostics, resultId);
    return true;
  }

  /**
   * Closed files whose lint read one of these files (on disk, or as a buffer that just closed):
   * linted again. True when any report changed.
   */
  private async relintDependents(paths: readonly string[]): Promise<boolean> {
    const changed = new Set(paths);
    let any = false;
    for (const record of [...this.records.values()]) {
      if (!record.dependencies.some((path) => changed.has(path)) || this.ctx.isOpen(record.uri, record.path)) continue;
      const known = this.known.get(record.path) ?? { uri: record.uri, kind: record.kind, folderUri: this.ctx.folders.folderOf(record.path)?.uri ?? '' };
      any = (await this.lintFromDisk(record.path, known, record.scanId)) || any;
    }
    return any;
  }

  /** Forgets a file, or every file below a folder; true when any was reported. */
  private removeUnder(path: string): boolean {
    let removed = false;
    for (const record of [...this.records.values()]) {
      if (relativePath(path, record.path) !== undefined) {
        this.removeRecord(record);
        removed = true;
      }
    }
    for (const known of [...this.known.keys()]) if (relativePath(path, known) !== undefined) this.known.delete(known);
    return removed;
  }

  private removeRecord(record: FileRecord): void {
    this.records.delete(record.path);
    if (this.byUri.get(record.uri) === record) this.byUri.delete(record.uri);
    if (this.push && !this.ctx.isOpen(record.uri, record.path)) this.publish(record.uri, [], EMPTY_REPORT_ID);
  }

  private publish(uri: string, diagnostics: Diagnostic[], resultId: string, force = false): void {
    if (!force && this.pushedIds.get(uri) === resultId) return;
    if (!force && resultId === EMPTY_REPORT_ID && !this.pushedIds.has(uri)) return;
    this.pushedIds.set(uri, resultId);
    this.ctx.connection.sendDiagnostics({ uri, diagnostics }).catch(() => undefined);
  }

  private sendStatus(scan = this.scan): void {
    let findings = 0;
    let filesWithFindings = 0;
    for (const record of this.records.values()) {
      if (record.diagnostics.length === 0) continue;
      filesWithFindings++;
      findings += record.diagnostics.length;
    }
    const phase: WorkspacePhase = scan ? 'scanning' : this.setups.length === 0 ? 'disabled' : this.lastScan?.cancelled ? 'cancelled' : 'idle';
    this.ctx.status.workspace({
      busy: scan !== undefined,
      phase,
      filesDone: scan?.filesDone ?? this.records.size,
      filesTotal: scan?.filesTotal ?? this.known.size,
      filesWithFindings,
      findings,
      durationMs: this.lastScan ? Math.round(this.lastScan.durationMs) : undefined,
      finishedAt: this.lastScan?.finishedAt,
    });
  }
}

/** The engine's DG003 for a file too large to read at all. */
function tooLargeFinding(bytes: number, limit: number, configured: Severity | undefined): Finding {
  const rule = ruleById('DG003')!;
  return {
    ruleId: rule.id,
    ruleName: rule.name,
    severity: configured ?? (rule.defaultSeverity === 'off' ? 'info' : rule.defaultSeverity),
    message: `File not linted: it is larger than the size limit (${bytes} bytes > ${limit} characters; configurable with max-file-size).`,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    docsUrl: docsUrl(rule),
    fixes: [],
  };
}

/** How long the editor must have been quiet before the scan takes its next slice. */
const EDITOR_QUIET_MS = 10;

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
