import type { StatusParams, WorkspaceStatusParams } from '../../shared/src/protocol/messages';

/**
 * What the two language status items say (the `{}` next to the language mode in the status bar),
 * from the server's `dockguard/status` and `dockguard/workspaceStatus` notifications. Pure, so
 * the wording is tested without VS Code; extension.ts puts it on the items.
 *
 * The items' severity is about dockguard itself (a rule that failed, a server that is down), not
 * about the findings: those are the Problems panel's business, and an item that turns into a
 * warning for every Dockerfile with a finding would cry wolf.
 */

export type ItemSeverity = 'information' | 'warning' | 'error';

export interface ItemView {
  text: string;
  detail: string;
  severity: ItemSeverity;
  busy: boolean;
}

export type ClockFormat = (epochMs: number) => string;

const defaultClock: ClockFormat = (epochMs) => new Date(epochMs).toLocaleTimeString();

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

export function formatDuration(ms: number): string {
  if (ms < 1) return '<1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

function breakdown(status: StatusParams): string {
  const parts: string[] = [];
  if (status.errors > 0) parts.push(plural(status.errors, 'error'));
  if (status.warnings > 0) parts.push(plural(status.warnings, 'warning'));
  if (status.infos > 0) parts.push(`${status.infos} info`);
  return parts.join(', ');
}

/** The item about the file in the active editor. */
export function documentItem(status: StatusParams | undefined, serverRunning: boolean, clock: ClockFormat = defaultClock): ItemView {
  if (!serverRunning) {
    return { text: 'dockguard: server not running', detail: 'Restart it with "dockguard: Restart Server"; details in the output.', severity: 'error', busy: false };
  }
  if (!status) return { text: 'dockguard', detail: 'Not linted yet', severity: 'information', busy: true };
  const linted = `Linted at ${clock(status.lintedAt)} in ${formatDuration(status.durationMs)}`;
  switch (status.state) {
    case 'disabled':
      return { text: 'dockguard: off', detail: 'dockguard.enable is off for this file', severity: 'information', busy: false };
    case 'notLinted':
      return { text: 'dockguard: not linted', detail: 'Not a Dockerfile, compose file or .dockguard.yaml', severity: 'information', busy: false };
    case 'ruleErrors':
      return {
        text: status.findings === 0 ? 'dockguard: no findings' : `dockguard: ${plural(status.findings, 'finding')}`,
        detail: `${plural(status.ruleErrors, 'rule')} failed on this file; see the output. ${linted}`,
        severity: 'warning',
        busy: false,
      };
    case 'findings':
      return { text: `dockguard: ${plural(status.findings, 'finding')}`, detail: `${breakdown(status)}. ${linted}`, severity: 'information', busy: false };
    case 'ok':
    default:
      return { text: 'dockguard: no findings', detail: linted, severity: 'information', busy: false };
  }
}

/** The item about the workspace scan: busy while it runs. */
export function workspaceItem(status: WorkspaceStatusParams | undefined, clock: ClockFormat = defaultClock): ItemView {
  if (!status) return { text: 'Workspace: not scanned', detail: 'The workspace scan has not reported yet', severity: 'information', busy: false };
  if (status.phase === 'disabled') {
    return { text: 'Workspace: open files only', detail: 'dockguard.workspaceDiagnostics is off', severity: 'information', busy: false };
  }
  if (status.busy || status.phase === 'scanning') {
    const progress = status.filesTotal > 0 ? `${status.filesDone}/${status.filesTotal} files` : `${plural(status.filesDone, 'file')}`;
    return { text: `Workspace: scanning ${progress}`, detail: `${plural(status.findings, 'finding')} so far`, severity: 'information', busy: true };
  }
  const summary =
    status.findings === 0 ? 'no findings' : `${plural(status.findings, 'finding')} in ${plural(status.filesWithFindings, 'file')}`;
  const when = status.finishedAt !== undefined ? ` at ${clock(status.finishedAt)}` : '';
  const took = status.durationMs !== undefined ? ` in ${formatDuration(status.durationMs)}` : '';
  if (status.phase === 'cancelled') {
    return { text: `Workspace: scan cancelled`, detail: `${summary} in the ${plural(status.filesDone, 'file')} scanned`, severity: 'information', busy: false };
  }
  return { text: `Workspace: ${summary}`, detail: `${plural(status.filesTotal || status.filesDone, 'file')} scanned${when}${took}`, severity: 'information', busy: false };
}
