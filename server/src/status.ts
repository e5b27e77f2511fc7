import type { Connection } from 'vscode-languageserver';
import {
  StatusNotification,
  WorkspaceStatusNotification,
  type LintState,
  type StatusParams,
  type WorkspaceStatusParams,
} from '../../shared/src/protocol';
import type { Finding } from '../../shared/src/types';
import type { LintOutcome } from './linter';

/** The `dockguard/status` notifications behind the client's status item; only to clients that asked. */
export class StatusReporter {
  constructor(
    private readonly connection: Connection,
    private readonly enabled: boolean,
  ) {}

  document(uri: string, version: number | null, outcome: LintOutcome, enabled: boolean): void {
    if (!this.enabled) return;
    const counts = countSeverities(outcome.findings);
    let state: LintState;
    if (!enabled) state = 'disabled';
    else if (outcome.kind === undefined) state = 'notLinted';
    else if (outcome.ruleErrors.length > 0) state = 'ruleErrors';
    else state = outcome.findings.length > 0 ? 'findings' : 'ok';
    const params: StatusParams = {
      uri,
      version,
      state,
      findings: enabled ? outcome.findings.length : 0,
      errors: enabled ? counts.error : 0,
      warnings: enabled ? counts.warning : 0,
      infos: enabled ? counts.info : 0,
      ruleErrors: outcome.ruleErrors.length,
      lintedAt: outcome.lintedAt,
      durationMs: Math.round(outcome.durationMs * 1000) / 1000,
    };
    this.send(() => this.connection.sendNotification(StatusNotification.type, params));
  }

  workspace(params: WorkspaceStatusParams): void {
    if (!this.enabled) return;
    this.send(() => this.connection.sendNotification(WorkspaceStatusNotification.type, params));
  }

  private send(notify: () => Promise<void>): void {
    try {
      notify().catch(() => undefined);
    } catch {
      // The connection is closing.
    }
  }
}

function countSeverities(findings: readonly Finding[]): { error: number; warning: number; info: number } {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}
