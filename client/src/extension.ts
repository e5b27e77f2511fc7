import * as vscode from 'vscode';
import {
  DiagnosticPullMode,
  LanguageClient,
  RevealOutputChannelOn,
  State,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
// The protocol's messages only: its settings module sits beside the rule registry, which the
// extension must not bundle (see client-settings.ts).
import {
  DIAGNOSTIC_SOURCE,
  LintWorkspaceRequest,
  StatusNotification,
  WorkspaceStatusNotification,
  type InitializationOptions,
  type StatusParams,
  type WorkspaceStatusParams,
} from '../../shared/src/protocol/messages';
import type { DockguardSettings } from '../../shared/src/protocol/settings';
import { readComposeFiles, readRunMode } from './client-settings';
import { COMMANDS } from './commands';
import { RULE_CATALOG } from './rule-catalog';
import { documentationSegments, ruleForDocumentation, rulePickItems } from './documentation';
import { documentFilters, documentSchemes, type DocumentFilter } from './file-patterns';
import { documentItem, formatDuration, workspaceItem, type ItemSeverity, type ItemView } from './status';

/**
 * The VS Code side of dockguard: starts the bundled language server (dist/server.js) over IPC
 * and adds what only the editor can do — the document selector, the language status items, the
 * commands, and the documentation preview. Everything about linting happens in the server.
 */

const CLIENT_ID = 'dockguard'; // also the prefix of `dockguard.trace.server`, which the client library reads
const SETTINGS_SECTION = 'dockguard';
const COMPOSE_FILES: keyof DockguardSettings = 'composeFiles';
const RUN: keyof DockguardSettings = 'run';

let extension: DockguardExtension | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extension = new DockguardExtension(context);
  await extension.start();
}

export async function deactivate(): Promise<void> {
  await extension?.dispose();
  extension = undefined;
}

class DockguardExtension {
  private readonly output = vscode.window.createOutputChannel('dockguard', { log: true });
  private session: Session | undefined;
  /** Serializes starts and stops: settings changes and the restart command may overlap. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly context: vscode.ExtensionContext) {
    context.subscriptions.push(
      this.output,
      vscode.commands.registerCommand(COMMANDS.restartServer, () => this.restart('restart requested')),
      vscode.commands.registerCommand(COMMANDS.showOutput, () => this.output.show(true)),
      vscode.commands.registerCommand(COMMANDS.lintWorkspace, () => this.session?.lintWorkspace() ?? this.notRunning()),
      vscode.commands.registerCommand(COMMANDS.showRuleDocumentation, (argument: unknown) => this.showDocumentation(argument)),
      // The selector holds the composeFiles globs of each folder: when they or the folders
      // change, only a new client sees the new selector.
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${SETTINGS_SECTION}.${COMPOSE_FILES}`)) this.restartIfSelectorChanged();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.restartIfSelectorChanged()),
    );
  }

  start(): Promise<void> {
    return this.enqueue(async () => {
      this.session = new Session(this.context, this.output);
      await this.session.start();
    });
  }

  restart(reason: string): Promise<void> {
    return this.enqueue(async () => {
      this.output.info(`Restarting the server: ${reason}.`);
      await this.session?.dispose();
      this.session = new Session(this.context, this.output);
      await this.session.start();
    });
  }

  dispose(): Promise<void> {
    return this.enqueue(async () => {
      await this.session?.dispose();
      this.session = undefined;
    });
  }

  private restartIfSelectorChanged(): void {
    if (this.session && JSON.stringify(currentFilters()) !== JSON.stringify(this.session.filters)) {
      void this.restart('the compose file patterns or the workspace folders changed');
    }
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(task, task).catch((error: unknown) => {
      this.output.error(`dockguard: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      void vscode.window.showErrorMessage('dockguard: the language server could not start.', 'Show Output').then((choice) => {
        if (choice) this.output.show(true);
      });
    });
    return this.queue;
  }

  private async notRunning(): Promise<void> {
    const choice = await vscode.window.showWarningMessage('dockguard: the language server is not running.', 'Restart Server');
    if (choice) await this.restart('restart requested');
  }

  private async showDocumentation(argument: unknown): Promise<void> {
    let rule = ruleForDocumentation(argument, RULE_CATALOG);
    if (!rule) {
      const picked = await vscode.window.showQuickPick(rulePickItems(RULE_CATALOG), {
        title: 'dockguard: Show Rule Documentation',
        placeHolder: 'Rule id or name',
        matchOnDescription: true,
        matchOnDetail: true,
      });
      if (!picked) return;
      rule = ruleForDocumentation(picked.ruleId, RULE_CATALOG)!;
    }
    const page = vscode.Uri.joinPath(this.context.extensionUri, ...documentationSegments(rule));
    try {
      await vscode.workspace.fs.stat(page);
    } catch {
      // No page shipped for this rule: the published documentation is the next best thing.
      await vscode.env.openExternal(vscode.Uri.parse(rule.docsUrl));
      return;
    }
    try {
      await vscode.commands.executeCommand('markdown.showPreviewToSide', page);
    } catch {
      // The built-in Markdown extension is disabled: show the source instead.
      await vscode.window.showTextDocument(page, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }
  }
}

/** The selector for the current settings and folders, as plain data (comparable with JSON). */
function currentFilters(): DocumentFilter[] {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const schemes = documentSchemes(folders.map((folder) => folder.uri.toString()));
  return documentFilters(
    schemes,
    folders.map((folder) => ({ folderUri: folder.uri.toString(), composeFiles: composeFilesOf(folder.uri) })),
  );
}

function composeFilesOf(resource: vscode.Uri): string[] {
  return readComposeFiles(vscode.workspace.getConfiguration(SETTINGS_SECTION, resource).get(COMPOSE_FILES));
}

function runModeOf(resource: vscode.Uri): 'onType' | 'onSave' {
  return readRunMode(vscode.workspace.getConfiguration(SETTINGS_SECTION, resource).get(RUN));
}

/** Our protocol-shaped filters as VS Code's selector (for the status items). */
function toVscodeSelector(filters: readonly DocumentFilter[]): vscode.DocumentFilter[] {
  return filters.map((filter) => ({
    language: filter.language,
    scheme: filter.scheme,
    pattern:
      filter.pattern === undefined || typeof filter.pattern === 'string'
        ? filter.pattern
        : new vscode.RelativePattern(vscode.Uri.parse(filter.pattern.baseUri), filter.pattern.pattern),
  }));
}

const ITEM_SEVERITY: Record<ItemSeverity, vscode.LanguageStatusSeverity> = {
  information: vscode.LanguageStatusSeverity.Information,
  warning: vscode.LanguageStatusSeverity.Warning,
  error: vscode.LanguageStatusSeverity.Error,
};

function show(item: vscode.LanguageStatusItem, view: ItemView): void {
  item.text = view.text;
  item.detail = view.detail;
  item.severity = ITEM_SEVERITY[view.severity];
  item.busy = view.busy;
}

/** One language client with its watchers and status items; replaced whole on restart. */
class Session {
  readonly filters = currentFilters();
  private readonly client: LanguageClient;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly documentStatus = new Map<string, StatusParams>();
  private workspaceStatus: WorkspaceStatusParams | undefined;
  private readonly fileItem: vscode.LanguageStatusItem;
  private readonly workspaceItem: vscode.LanguageStatusItem;
  /** Until the first start finishes, `Stopped` only means "not started yet". */
  private starting = true;

  constructor(
    context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
  ) {
    const serverModule = context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc },
      debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
    };
    const initializationOptions: InitializationOptions = { statusNotifications: true, showDocumentationCommand: true };
    const clientOptions: LanguageClientOptions = {
      documentSelector: this.filters,
      outputChannel: output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      initializationOptions,
      // No `synchronize.fileEvents`: the server registers its file watchers itself
      // (server/src/watchedFiles.ts), which also covers deleted folders and every YAML file a
      // composeFiles glob may name; watchers here as well would report every change twice.
      diagnosticPullOptions: {
        onChange: true,
        onSave: true,
        // `dockguard.run: onSave` is honoured here, where the pulls start: a change pulls
        // nothing, a save does.
        filter: (document, mode) => mode === DiagnosticPullMode.onType && runModeOf(document.uri) === 'onSave',
      },
      middleware: {
        // Other linters' diagnostics in the range are of no use to our server.
        provideCodeActions: (document, range, context, token, next) =>
          next(document, range, { ...context, diagnostics: context.diagnostics.filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE) }, token),
      },
    };
    this.client = new LanguageClient(CLIENT_ID, 'dockguard', serverOptions, clientOptions);

    const selector = toVscodeSelector(this.filters);
    this.fileItem = vscode.languages.createLanguageStatusItem('dockguard.file', selector);
    this.fileItem.name = 'dockguard';
    this.fileItem.command = { title: 'Output', command: COMMANDS.showOutput, tooltip: 'Show the dockguard output' };
    this.workspaceItem = vscode.languages.createLanguageStatusItem('dockguard.workspace', selector);
    this.workspaceItem.name = 'dockguard workspace';
    this.workspaceItem.command = {
      title: 'Settings',
      command: 'workbench.action.openSettings',
      arguments: [`@ext:${context.extension.id}`],
      tooltip: 'Open the dockguard settings',
    };
    this.disposables.push(this.fileItem, this.workspaceItem);
    this.refreshItems();
  }

  async start(): Promise<void> {
    this.disposables.push(
      this.client.onNotification(StatusNotification.type, (status) => {
        this.documentStatus.set(status.uri, status);
        this.refreshItems();
      }),
      this.client.onNotification(WorkspaceStatusNotification.type, (status) => {
        this.workspaceStatus = status;
        this.refreshItems();
      }),
      this.client.onDidChangeState(() => this.refreshItems()),
      vscode.window.onDidChangeActiveTextEditor(() => this.refreshItems()),
      vscode.workspace.onDidCloseTextDocument((document) => this.documentStatus.delete(document.uri.toString())),
    );
    try {
      await this.client.start();
    } finally {
      this.starting = false;
      this.refreshItems();
    }
  }

  private refreshItems(): void {
    const running = this.starting || this.client.state !== State.Stopped;
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    show(this.fileItem, documentItem(active ? this.documentStatus.get(active) : undefined, running));
    show(this.workspaceItem, workspaceItem(this.workspaceStatus));
  }

  async lintWorkspace(): Promise<void> {
    if (!this.client.isRunning()) {
      void vscode.window.showWarningMessage('dockguard: the language server is not running; restart it with "dockguard: Restart Server".');
      return;
    }
    // The server reports the scan's progress itself (window/workDoneProgress); this only asks
    // for it and sums it up.
    let result;
    try {
      result = await this.client.sendRequest(LintWorkspaceRequest.type, {});
    } catch (error) {
      this.output.error(`Lint workspace: ${error instanceof Error ? error.message : String(error)}`);
      void vscode.window.showErrorMessage('dockguard: the workspace could not be linted; details in the output.');
      return;
    }
    const summary = result.cancelled
      ? `dockguard: the workspace scan was cancelled after ${result.files} files.`
      : `dockguard linted ${result.files} file${result.files === 1 ? '' : 's'} in ${formatDuration(result.durationMs)}: ${result.findings === 0 ? 'no findings' : `${result.findings} finding${result.findings === 1 ? '' : 's'}`}.`;
    const choice = await vscode.window.showInformationMessage(summary, 'Show Problems');
    if (choice) await vscode.commands.executeCommand('workbench.actions.view.problems');
  }

  async dispose(): Promise<void> {
    try {
      if (this.client.needsStop()) await this.client.stop(2000);
    } catch (error) {
      this.output.warn(`Stopping the server: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      for (const disposable of this.disposables) disposable.dispose();
      this.disposables.length = 0;
    }
  }
}
