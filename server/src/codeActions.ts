import {
  CodeActionKind,
  CodeActionTriggerKind,
  TextDocumentEdit,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../../shared/src/types';
import { DIAGNOSTIC_SOURCE, FIX_ALL_KIND, ShowRuleDocumentationCommand, type DiagnosticData } from '../../shared/src/protocol';
import type { ServerContext } from './context';
import type { DocumentDiagnostics } from './diagnostics';
import { fixAllEdits } from './fixAll';

/**
 * `textDocument/codeAction`. For each dockguard diagnostic in the requested range, in this
 * order: its fixes (the preferred one marked), "Ignore DGxxx for this line", "Ignore DGxxx in
 * this file", "Show documentation for DGxxx". It comes from the diagnostic's `data`, so no lint
 * runs; a diagnostic of another version (the workspace scan's report of a file just opened) is
 * matched in the lint of the current text instead, and one that no longer matches gets no actions
 * (its edits would land in the wrong place). Plus `source.fixAll.dockguard`: every preferred fix
 * at once.
 */
export class CodeActions {
  constructor(
    private readonly ctx: ServerContext,
    private readonly diagnostics: DocumentDiagnostics,
  ) {}

  async provide(params: CodeActionParams): Promise<CodeAction[]> {
    const document = this.ctx.documents.get(params.textDocument.uri);
    if (!document) return [];
    const only = params.context.only;
    const actions: CodeAction[] = [];
    if (wants(only, CodeActionKind.QuickFix)) actions.push(...(await this.quickFixes(document, params)));
    // Fix-all is offered when asked for (e.g. `editor.codeActionsOnSave`), or when the user
    // opened the menu themselves; not on every cursor move, where it would cost a lint.
    const explicit = only?.some((kind) => isPrefixOf(kind, FIX_ALL_KIND)) ?? false;
    if (explicit || (only === undefined && params.context.triggerKind === CodeActionTriggerKind.Invoked)) {
      const fixAll = await this.fixAll(document);
      if (fixAll) actions.push(fixAll);
    }
    return actions;
  }

  private async quickFixes(document: TextDocument, params: CodeActionParams): Promise<CodeAction[]> {
    const actions: CodeAction[] = [];
    const byKey = new Map<string, CodeAction>();
    const add = (action: CodeAction, diagnostic: Diagnostic): void => {
      const key = `${action.title}\u0000${JSON.stringify(action.edit ?? action.command)}`;
      const existing = byKey.get(key);
      if (existing) {
        existing.diagnostics!.push(diagnostic);
        return;
      }
      byKey.set(key, action);
      actions.push(action);
    };
    let current: readonly Finding[] | undefined;
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE || !intersects(diagnostic.range, params.range)) continue;
      let data = diagnosticData(diagnostic);
      if (!data || data.version !== document.version) {
        // Not this version's diagnostic: in the moment after a file opens, the editor still
        // shows the workspace scan's report of it, which carries no fixes. Find the same finding
        // in the lint of the text as it is now (cached, or made now), as long as the document
        // has not changed meanwhile.
        current ??= await this.currentFindings(document);
        const finding = current.find((candidate) => candidate.ruleId === diagnostic.code && sameRange(candidate.range, diagnostic.range));
        if (!finding || this.ctx.documents.get(document.uri)?.version !== document.version) continue;
        data = { version: document.version, ruleName: finding.ruleName, fixes: finding.fixes, suppress: finding.suppress };
      }
      const ruleId = String(diagnostic.code ?? '');
      for (const fix of data.fixes) {
        add({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.preferred, edit: this.edit(document, fix.edits) }, diagnostic);
      }
      if (data.suppress) {
        add({ title: `Ignore ${ruleId} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: this.edit(document, [data.suppress.line]) }, diagnostic);
        add({ title: `Ignore ${ruleId} in this file`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: this.edit(document, [data.suppress.file]) }, diagnostic);
      }
      const url = diagnostic.codeDescription?.href;
      if (url) {
        const argument: ShowRuleDocumentationCommand.Arguments = { ruleId, ruleName: data.ruleName, url };
        const title = `Show documentation for ${ruleId}`;
        add({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command: ShowRuleDocumentationCommand.id, arguments: [argument] } }, diagnostic);
      }
    }
    return actions;
  }

  /** The findings of the document's text as it is now; none when it is linted as last saved. */
  private async currentFindings(document: TextDocument): Promise<readonly Finding[]> {
    const record = await this.diagnostics.lintDocument(document.uri);
    return record && record.version === document.version ? record.outcome.findings : [];
  }

  private async fixAll(document: TextDocument): Promise<CodeAction | undefined> {
    const context = await this.diagnostics.contextFor(document.uri);
    const current = this.ctx.documents.get(document.uri);
    if (!current || !context.settings.enable) return undefined;
    const text = current.getText();
    const lintText = (fixed: string) =>
      this.ctx.linter.run({
        uri: current.uri,
        path: context.path,
        text: fixed,
        languageId: current.languageId,
        settings: context.settings,
        config: context.config,
        folderPath: context.folderPath,
        readFile: (path) => this.ctx.readOther(path),
        // Fix-all applies preferred fixes only.
        fixes: 'preferred',
      });
    // Fix-all applies to the text in the editor, also in `onSave` mode, where the diagnostics
    // shown are those of the last save (`editor.codeActionsOnSave` runs before the save).
    const cached = this.diagnostics.cached(current.uri);
    const findings = cached && cached.version === current.version && cached.mode === 'onType' ? cached.outcome.findings : lintText(text).findings;
    const edits = fixAllEdits(text, findings, (fixed) => lintText(fixed).findings);
    if (!edits) return undefined;
    return { title: 'Fix all dockguard problems', kind: FIX_ALL_KIND, edit: this.edit(current, edits) };
  }

  /** With versioned document changes when the client takes them: a stale edit is refused, not misapplied. */
  private edit(document: TextDocument, edits: TextEdit[]): WorkspaceEdit {
    if (this.ctx.client.documentChanges) {
      return { documentChanges: [TextDocumentEdit.create({ uri: document.uri, version: document.version }, edits)] };
    }
    return { changes: { [document.uri]: edits } };
  }
}

function diagnosticData(diagnostic: Diagnostic): DiagnosticData | undefined {
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  if (!data || typeof data !== 'object' || !Array.isArray(data.fixes)) return undefined;
  if (data.version !== null && typeof data.version !== 'number') return undefined;
  return data as DiagnosticData;
}

/** Whether a requested kind asks for actions of `kind` (`source` asks for `source.fixAll.x`). */
function wants(only: readonly string[] | undefined, kind: string): boolean {
  return only === undefined || only.some((requested) => isPrefixOf(requested, kind));
}

function isPrefixOf(prefix: string, kind: string): boolean {
  return kind === prefix || kind.startsWith(`${prefix}.`);
}

/** Ranges that overlap or touch: a cursor at either end of a diagnostic is "on" it. */
function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

function intersects(a: Range, b: Range): boolean {
  return !(before(a.end, b.start) || before(b.end, a.start));
}

function before(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}
