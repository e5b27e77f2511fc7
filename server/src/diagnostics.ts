import {
  DiagnosticSeverity,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Diagnostic,
  type DiagnosticServerCancellationData,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  type FullDocumentDiagnosticReport,
} from 'vscode-languageserver';
import type { Finding, Severity } from '../../shared/src/types';
import type { LoadedConfig } from '../../shared/src/workspace/config-finder';
import { DIAGNOSTIC_SOURCE, type DiagnosticData, type DockguardSettings, type RunMode } from '../../shared/src/protocol';
import type { ServerContext } from './context';
import type { LintOutcome } from './linter';
import { reportId } from './resultIds';
import { uriToPath } from './uris';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/**
 * A finding as the editor shows it. `withData` puts the fixes and ignore edits in `data` (with
 * the version they apply to), so code actions are built from the diagnostic alone; diagnostics
 * of files that are not open leave it out (no editor, no code actions, less memory).
 */
export function toDiagnostic(finding: Finding, uri: string, version: number | null, withData: boolean): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: finding.docsUrl },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
  if (finding.related && finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map((related) => ({ location: { uri, range: related.range }, message: related.message }));
  }
  if (withData) {
    const data: DiagnosticData = { version, ruleName: finding.ruleName, fixes: finding.fixes };
    if (finding.suppress) data.suppress = finding.suppress;
    diagnostic.data = data;
  }
  return diagnostic;
}

/** The lint of one version of an open document, kept until the next version or configuration. */
export interface DocumentRecord {
  uri: string;
  /** The version linted: the current one, or the last saved one when `dockguard.run` is `onSave`. */
  version: number;
  generation: number;
  mode: RunMode;
  enabled: boolean;
  outcome: LintOutcome;
  diagnostics: Diagnostic[];
  resultId: string;
}

export interface LintContext {
  path: string | undefined;
  folderPath: string | undefined;
  settings: DockguardSettings;
  config: LoadedConfig | undefined;
}

type PushReason = 'open' | 'change' | 'save' | 'refresh';

/**
 * Diagnostics of open documents: linted from the buffer, one document at a time, cached per
 * version. Pulled by clients that can (`textDocument/diagnostic`), pushed with the version to
 * the others. A result whose document changed or closed meanwhile is never delivered.
 */
export class DocumentDiagnostics {
  private readonly records = new Map<string, DocumentRecord>();
  /** Text and version at open and at each save: what `dockguard.run: onSave` lints. */
  private readonly savedStates = new Map<string, { text: string; version: number }>();
  private readonly pending = new Map<string, { cancel(): void; reason: PushReason }>();
  /** What was last pushed per document, to skip pushing the same diagnostics again. */
  private readonly pushed = new Map<string, string>();
  private readonly push: boolean;

  /** For a pull of a document that is not open: the workspace's report for the file on disk. */
  closedDocumentReport: (uri: string) => Promise<FullDocumentDiagnosticReport> = async () => ({ kind: DocumentDiagnosticReportKind.Full, items: [] });

  constructor(private readonly ctx: ServerContext) {
    this.push = !ctx.client.pullDiagnostics;
  }

  opened(uri: string): void {
    const document = this.ctx.documents.get(uri);
    if (document) this.savedStates.set(uri, { text: document.getText(), version: document.version });
    if (this.push) this.schedule(uri, 'open');
  }

  changed(uri: string): void {
    if (this.push) this.schedule(uri, 'change');
    this.dependencyChanged([uriToPath(uri)]);
  }

  /**
   * Files other documents' lints read (a compose file reads the Dockerfile it builds) changed, in
   * a buffer or on disk: those results are stale. Pull clients are asked to pull again (the
   * documents that did not depend on it answer `unchanged`), push clients get new pushes.
   */
  dependencyChanged(paths: readonly (string | undefined)[]): void {
    const changed = new Set(paths.filter((path): path is string => path !== undefined));
    if (changed.size === 0) return;
    const stale: string[] = [];
    for (const record of this.records.values()) {
      if (record.outcome.dependencies.some((path) => changed.has(path))) stale.push(record.uri);
    }
    if (stale.length === 0) return;
    for (const uri of stale) this.records.delete(uri);
    if (this.push) {
      for (const uri of stale) this.schedule(uri, 'refresh');
    } else if (this.ctx.client.diagnosticRefresh) {
      this.ctx.connection.languages.diagnostics.refresh().catch(() => undefined);
    }
  }

  saved(uri: string): void {
    const document = this.ctx.documents.get(uri);
    if (document) this.savedStates.set(uri, { text: document.getText(), version: document.version });
    if (this.push) this.schedule(uri, 'save');
  }

  /** The document closed: forget it. (The workspace decides what the file shows from now on.) */
  closed(uri: string): void {
    this.pending.get(uri)?.cancel();
    this.pending.delete(uri);
    this.records.delete(uri);
    this.savedStates.delete(uri);
    this.pushed.delete(uri);
    this.ctx.log.forget(`rule:${uriToPath(uri) ?? uri}:`);
    // Documents that read its buffer now read the disk.
    this.dependencyChanged([uriToPath(uri)]);
  }

  /** Settings or configuration changed: pull clients are asked to pull again, push clients get new pushes. */
  refreshAll(): void {
    if (this.push) {
      for (const uri of this.ctx.documents.keys()) this.schedule(uri, 'refresh');
    } else if (this.ctx.client.diagnosticRefresh) {
      this.ctx.connection.languages.diagnostics.refresh().catch(() => undefined);
    }
  }

  /** The cached lint of the document's current state, if there is one. */
  cached(uri: string): DocumentRecord | undefined {
    const record = this.records.get(uri);
    const document = this.ctx.documents.get(uri);
    if (!record || !document || record.generation !== this.ctx.environment.generation) return undefined;
    return record.version === document.version || record.mode === 'onSave' ? record : undefined;
  }

  /**
   * Lints the document as it is now (or as last saved, in `onSave` mode), or returns the cached
   * result for that version. Undefined when the document closed meanwhile.
   */
  async lintDocument(uri: string): Promise<DocumentRecord | undefined> {
    const fast = this.records.get(uri);
    const open = this.ctx.documents.get(uri);
    if (!open) return undefined;
    if (fast && fast.mode === 'onType' && fast.version === open.version && fast.generation === this.ctx.environment.generation) return fast;

    for (let attempt = 0; ; attempt++) {
      const generation = this.ctx.environment.generation;
      const context = await this.contextFor(uri);
      const document = this.ctx.documents.get(uri);
      if (!document) return undefined;
      // The configuration changed while we asked for it: ask again (a few times at most).
      if (generation !== this.ctx.environment.generation && attempt < 3) continue;
      const mode = context.settings.run;
      const saved = this.savedStates.get(uri);
      const target = mode === 'onSave' && saved ? saved : { text: document.getText(), version: document.version };
      const cached = this.records.get(uri);
      if (cached && cached.version === target.version && cached.generation === generation && cached.mode === mode) return cached;
      const record = this.lintNow(uri, document.languageId, target, mode, context, generation);
      this.records.set(uri, record);
      return record;
    }
  }

  async contextFor(uri: string): Promise<LintContext> {
    const path = uriToPath(uri);
    const folder = this.ctx.folders.folderOf(path);
    const [settings, config] = await Promise.all([this.ctx.settings.forResource(uri), this.ctx.configs.forFile(path)]);
    return { path, folderPath: folder?.path, settings, config };
  }

  /** `textDocument/diagnostic`. */
  async pull(params: DocumentDiagnosticParams, token: CancellationToken): Promise<DocumentDiagnosticReport> {
    const uri = params.textDocument.uri;
    if (!this.ctx.documents.get(uri)) return this.closedDocumentReport(uri);
    // Superseded before we started (the client sends a newer pull after each keystroke).
    if (token.isCancellationRequested) throw cancelled();
    const record = await this.lintDocument(uri);
    if (!record) return this.closedDocumentReport(uri);
    if (token.isCancellationRequested) throw cancelled();
    if (params.previousResultId === record.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: record.resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId: record.resultId, items: record.diagnostics };
  }

  private lintNow(
    uri: string,
    languageId: string,
    target: { text: string; version: number },
    mode: RunMode,
    context: LintContext,
    generation: number,
  ): DocumentRecord {
    const enabled = context.settings.enable;
    const outcome: LintOutcome = enabled
      ? this.ctx.linter.run({
          uri,
          path: context.path,
          text: target.text,
          languageId,
          settings: context.settings,
          config: context.config,
          folderPath: context.folderPath,
          readFile: (path) => this.ctx.readOther(path),
        })
      : { kind: undefined, findings: [], ruleErrors: [], durationMs: 0, lintedAt: Date.now(), dependencies: [] };
    if (outcome.ruleErrors.length > 0) this.ctx.log.ruleErrors(context.path ?? uri, outcome.ruleErrors);
    const diagnostics = outcome.findings.map((finding) => toDiagnostic(finding, uri, target.version, true));
    this.ctx.log.trace(`Linted ${uri} (version ${target.version}) in ${outcome.durationMs.toFixed(2)} ms: ${diagnostics.length} findings.`);
    this.ctx.status.document(uri, target.version, outcome, enabled);
    return { uri, version: target.version, generation, mode, enabled, outcome, diagnostics, resultId: reportId(diagnostics) };
  }

  /**
   * Push clients: lint soon after a change. A file that lints in under 2 ms is linted before the
   * next message is read; a slower one waits for the next timer tick, so a burst of keystrokes
   * costs one lint instead of one per keystroke (they are applied to the buffer meanwhile).
   */
  private schedule(uri: string, reason: PushReason): void {
    const existing = this.pending.get(uri);
    if (existing) {
      if (reason !== 'change') existing.reason = reason;
      return;
    }
    const entry = { reason, cancel: () => undefined as void };
    const run = (): void => {
      if (this.pending.get(uri) !== entry) return;
      this.pending.delete(uri);
      this.pushNow(uri, entry.reason).catch((error) => this.ctx.log.error(`Linting ${uri} failed: ${messageOf(error)}`));
    };
    const last = this.records.get(uri)?.outcome.durationMs ?? 0;
    if (last < 2) {
      const handle = setImmediate(run);
      entry.cancel = () => clearImmediate(handle);
    } else {
      const handle = setTimeout(run, 0);
      entry.cancel = () => clearTimeout(handle);
    }
    this.pending.set(uri, entry);
  }

  private async pushNow(uri: string, reason: PushReason): Promise<void> {
    const document = this.ctx.documents.get(uri);
    if (!document) return;
    const previous = this.records.get(uri);
    // `onSave`: typing changes nothing until the next save.
    if (reason === 'change' && previous?.mode === 'onSave' && previous.generation === this.ctx.environment.generation) return;
    const record = await this.lintDocument(uri);
    const current = this.ctx.documents.get(uri);
    // Closed meanwhile, or a newer version arrived (its own lint is scheduled): drop this one.
    if (!record || !current) return;
    if (record.mode === 'onType' && record.version !== current.version) return;
    const key = `${record.version}:${record.resultId}`;
    if (this.pushed.get(uri) === key) return;
    this.pushed.set(uri, key);
    const version = this.ctx.client.pushVersion ? record.version : undefined;
    await this.ctx.connection.sendDiagnostics({ uri, version, diagnostics: record.diagnostics });
  }
}

function cancelled(): ResponseError<DiagnosticServerCancellationData> {
  return new ResponseError(LSPErrorCodes.ServerCancelled, 'A newer version of the document is being linted.', { retriggerRequest: true });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
