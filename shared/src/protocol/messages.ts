import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { Fix, SuppressionEdits } from '../types';

/**
 * What the dockguard client and server say to each other beyond standard LSP. One namespace per
 * message, each with its `method` and its typed `type`, so both sides use the same names.
 */

/** `Diagnostic.source` of every dockguard diagnostic; the client filters code actions by it. */
export const DIAGNOSTIC_SOURCE = 'dockguard';

/** `diagnosticProvider.identifier`: the diagnostic collection's name in the client. */
export const DIAGNOSTIC_IDENTIFIER = 'dockguard';

/** The code action kind of "fix everything fixable" (for `editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = 'source.fixAll.dockguard';

/**
 * What the client may pass as `initializationOptions`. Everything is optional: an editor that
 * passes nothing gets a server that works with plain LSP.
 */
export interface InitializationOptions {
  /** The client handles `dockguard/status` and `dockguard/workspaceStatus`; without it they are not sent. */
  statusNotifications?: boolean;
  /**
   * The client implements the command `dockguard.showRuleDocumentation` itself. Without it the
   * server offers that command through `workspace/executeCommand` and opens the page with
   * `window/showDocument`.
   */
  showDocumentationCommand?: boolean;
  /**
   * Settings (the `dockguard` section) for clients that cannot answer `workspace/configuration`;
   * such clients may also send them in `workspace/didChangeConfiguration`.
   */
  settings?: unknown;
}

/** What every dockguard diagnostic carries in `data`, so code actions need no re-analysis. */
export interface DiagnosticData {
  /** The document version the edits apply to; `null` for a file read from disk. */
  version: number | null;
  ruleName: string;
  fixes: Fix[];
  suppress?: SuppressionEdits;
}

export type LintState = 'ok' | 'findings' | 'disabled' | 'notLinted' | 'ruleErrors';

/** After each lint of an open document. */
export interface StatusParams {
  uri: string;
  /** The version linted. */
  version: number | null;
  /**
   * `findings` when there is at least one; `ruleErrors` when a rule threw (its findings are lost,
   * the others are shown; details in the output channel); `disabled` by `dockguard.enable`;
   * `notLinted` for a file dockguard does not lint (not a Dockerfile, compose or config file).
   */
  state: LintState;
  findings: number;
  errors: number;
  warnings: number;
  infos: number;
  ruleErrors: number;
  /** Milliseconds since the epoch when the lint finished. */
  lintedAt: number;
  /** How long the lint took (engine time, without waiting for settings). */
  durationMs: number;
}

export namespace StatusNotification {
  export const method = 'dockguard/status';
  export const type = new NotificationType<StatusParams>(method);
}

export type WorkspacePhase = 'idle' | 'scanning' | 'cancelled' | 'disabled';

/** While the workspace scan runs (about every 100 ms), and once when it ends. */
export interface WorkspaceStatusParams {
  busy: boolean;
  phase: WorkspacePhase;
  /** Files linted so far in this scan, and how many it found. */
  filesDone: number;
  filesTotal: number;
  /** Over every file the workspace reports (open files excluded: they are reported as buffers). */
  filesWithFindings: number;
  findings: number;
  /** Duration of the last finished scan. */
  durationMs?: number;
  /** Milliseconds since the epoch when the last scan finished. */
  finishedAt?: number;
}

export namespace WorkspaceStatusNotification {
  export const method = 'dockguard/workspaceStatus';
  export const type = new NotificationType<WorkspaceStatusParams>(method);
}

/** Rediscover and re-lint the whole workspace now (e.g. a "Lint workspace" command). */
export interface LintWorkspaceParams {}

export interface LintWorkspaceResult {
  files: number;
  findings: number;
  durationMs: number;
  /** The scan was cancelled (by the user, or by a newer scan) before it finished. */
  cancelled: boolean;
}

export namespace LintWorkspaceRequest {
  export const method = 'dockguard/lintWorkspace';
  export const type = new RequestType<LintWorkspaceParams, LintWorkspaceResult, void>(method);
}

/**
 * The command behind "Show documentation for DGxxx". The VS Code client implements it (and says
 * so with `InitializationOptions.showDocumentationCommand`); for other editors the server does.
 */
export namespace ShowRuleDocumentationCommand {
  export const id = 'dockguard.showRuleDocumentation';
  export interface Arguments {
    ruleId: string;
    ruleName: string;
    url: string;
  }
}
