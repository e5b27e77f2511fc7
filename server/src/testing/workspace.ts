import { mkdirSync, mkdtempSync, rmSync, writeFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DocumentDiagnosticReportKind, type WorkspaceDocumentDiagnosticReport, type WorkspaceFullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';

/** A workspace folder on disk for one test, removed afterwards. */
export class TempWorkspace {
  readonly root: string;

  constructor(files: Record<string, string> = {}) {
    this.root = realpathSync(mkdtempSync(join(tmpdir(), 'dockguard-server-')));
    for (const [path, text] of Object.entries(files)) this.write(path, text);
  }

  path(relative: string): string {
    return join(this.root, relative);
  }

  write(relative: string, text: string): string {
    const path = this.path(relative);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return path;
  }

  remove(relative: string): string {
    const path = this.path(relative);
    rmSync(path, { recursive: true, force: true });
    return path;
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** The reports of a workspace answer, by URI. */
export function byUri(items: readonly WorkspaceDocumentDiagnosticReport[]): Map<string, WorkspaceDocumentDiagnosticReport> {
  const map = new Map<string, WorkspaceDocumentDiagnosticReport>();
  for (const item of items) {
    if (map.has(item.uri)) throw new Error(`${item.uri} reported twice in one answer`);
    map.set(item.uri, item);
  }
  return map;
}

export function fullReport(report: WorkspaceDocumentDiagnosticReport | undefined, what: string): WorkspaceFullDocumentDiagnosticReport {
  if (!report) throw new Error(`no report for ${what}`);
  if (report.kind !== DocumentDiagnosticReportKind.Full) throw new Error(`${what}: expected a full report, got ${report.kind}`);
  return report as WorkspaceFullDocumentDiagnosticReport;
}

export const SUDO_DOCKERFILE = 'FROM alpine:3.20\nRUN sudo apk add curl\nUSER app\n';
export const CLEAN_DOCKERFILE = 'FROM alpine:3.20\nRUN apk add curl\nUSER app\n';
/** A compose file that does not parse: DG000, whatever rules run. */
export const BROKEN_COMPOSE = 'services:\n  web: [\n';
