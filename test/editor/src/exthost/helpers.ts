/**
 * Helpers for the extension-host suites. Everything waits by polling the real state (diagnostics,
 * document text) with a deadline, never by sleeping a fixed time: the language server answers in
 * milliseconds on a quiet machine and in seconds on a loaded CI runner, and both must pass.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'dockguard.dockguard';
const DEFAULT_TIMEOUT = 20000;

/** Polls `probe` until it returns something other than undefined/false; returns that value. */
export async function waitFor<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  what: string | (() => string),
  timeoutMs = DEFAULT_TIMEOUT,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** dockguard's diagnostics for a file, optionally only those of one rule. */
export function dockguardDiagnostics(uri: vscode.Uri, ruleId?: string): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'dockguard' && (ruleId === undefined || codeOf(d) === ruleId));
}

export function describeDiagnostics(uri: vscode.Uri): string {
  const list = dockguardDiagnostics(uri).map((d) => `${codeOf(d)}@${d.range.start.line}:${d.range.start.character} sev${d.severity}`);
  return `${vscode.workspace.asRelativePath(uri)}: [${list.join(', ')}]`;
}

/** Waits until the file has a diagnostic of `ruleId` (matching `accept`, if given) and returns it. */
export function waitForDiagnostic(
  uri: vscode.Uri,
  ruleId: string,
  accept: (d: vscode.Diagnostic) => boolean = () => true,
  timeoutMs?: number,
): Promise<vscode.Diagnostic> {
  return waitFor(
    () => dockguardDiagnostics(uri, ruleId).find(accept),
    () => `${ruleId} on ${describeDiagnostics(uri)}`,
    timeoutMs,
  );
}

export async function waitForNoDiagnostic(uri: vscode.Uri, ruleId?: string, timeoutMs?: number): Promise<void> {
  await waitFor(
    () => dockguardDiagnostics(uri, ruleId).length === 0,
    () => `no ${ruleId ?? 'dockguard diagnostic'} on ${describeDiagnostics(uri)}`,
    timeoutMs,
  );
}

/** The URI of a path inside workspace folder `folder` (index or name). */
export function fileUri(relativePath: string, folder: number | string = 0): vscode.Uri {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const root = typeof folder === 'number' ? folders[folder] : folders.find((f) => f.name === folder);
  assert.ok(root, `no workspace folder ${folder}`);
  return vscode.Uri.joinPath(root.uri, ...relativePath.split('/'));
}

export async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, { preview: false });
}

export async function activateExtension(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  await extension.activate();
}

/**
 * The code actions VS Code offers for a diagnostic, with their edits resolved, as the lightbulb
 * would get them.
 */
export async function codeActionsFor(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    uri,
    range,
    kind,
    100,
  );
  // The provider may also return bare Commands (whose `command` is a string); keep CodeActions.
  return (actions ?? []).filter((a): a is vscode.CodeAction => typeof (a as vscode.Command).command !== 'string');
}

/** Applies a code action the way the editor does: its edit, then its command. */
export async function applyAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `applyEdit refused "${action.title}"`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

/**
 * Waits until the actions for `range` include one that `accept` picks, and returns them all.
 *
 * Polled, because right after a file is opened its diagnostics may still be the workspace
 * scan's (for the file on disk, with no document version): the server offers fixes only for
 * diagnostics of the open document's current version, whose edits are sure to land in the right
 * place, and these replace the scan's within moments. A user sees the same: the lightbulb comes
 * when the fixes are ready.
 */
export async function waitForActions(
  uri: vscode.Uri,
  range: vscode.Range,
  accept: (action: vscode.CodeAction) => boolean,
  what: string,
  kind?: string,
): Promise<vscode.CodeAction[]> {
  let offered: vscode.CodeAction[] = [];
  return waitFor(
    async () => {
      offered = await codeActionsFor(uri, range, kind);
      return offered.some(accept) && offered;
    },
    () => `${what}; offered: ${offered.map((a) => `${a.title} [${a.kind?.value}]`).join(' | ') || 'nothing'}`,
  );
}

/**
 * Finds the quick fix titled `title` (or matching it) among the actions for `diagnostic`'s range
 * and applies it. (`vscode.executeCodeActionProvider` does not return an action's `diagnostics`,
 * so the action is identified by its title; the server only answers for diagnostics in the range.)
 */
export async function applyQuickFix(uri: vscode.Uri, diagnostic: vscode.Diagnostic, title: string | RegExp): Promise<vscode.CodeAction> {
  const matches = (a: vscode.CodeAction): boolean =>
    (typeof title === 'string' ? a.title === title : title.test(a.title)) && a.kind?.value.startsWith('quickfix') === true;
  const actions = await waitForActions(uri, diagnostic.range, matches, `a quick fix ${String(title)} for ${codeOf(diagnostic)}`);
  const action = actions.find(matches)!;
  await applyAction(action);
  return action;
}

export async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

/** Replaces a document's whole text in its editor (unsaved, as typing would). */
export async function replaceAll(editor: vscode.TextEditor, text: string): Promise<void> {
  const document = editor.document;
  const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
  assert.ok(await editor.edit((builder) => builder.replace(whole, text)), 'the edit was refused');
}

/** Every file URI (relative to the workspace) that has dockguard diagnostics right now. */
export function filesWithDiagnostics(): string[] {
  return vscode.languages
    .getDiagnostics()
    .filter(([, list]) => list.some((d) => d.source === 'dockguard'))
    .map(([uri]) => vscode.workspace.asRelativePath(uri, true))
    .sort();
}
