import type { Connection } from 'vscode-languageserver';
import { SETTINGS_SECTION, sanitizeSettings, type DockguardSettings } from '../../shared/src/protocol';
import type { ClientFeatures } from './capabilities';
import { rulesNamed } from '../../shared/src/registry';
import type { Folders } from './folders';
import type { Log } from './log';

/**
 * Editor settings, read per resource with `workspace/configuration`. A resource's settings are
 * those of the workspace folder holding it (VS Code resolves resource-scoped settings per
 * folder: user < workspace < folder), so one answer per folder serves all its files; files
 * outside every folder share the workspace's answer. Answers are kept until the client says the
 * configuration changed: a round trip to the client for each keystroke, or each file opened,
 * would cost more than the lint itself.
 */
export class Settings {
  private readonly byScope = new Map<string, Promise<DockguardSettings>>();
  private readonly excludeByScope = new Map<string, Promise<string[]>>();
  /** What each scope answered last, to tell a real change from a repeated notification. */
  private readonly seen = new Map<string, string>();
  /** For clients without `workspace/configuration`: the settings they sent us. */
  private pushed: unknown;

  constructor(
    private readonly connection: Connection,
    private readonly client: ClientFeatures,
    private readonly log: Log,
    private readonly folders: Folders,
    initial: unknown,
  ) {
    this.pushed = initial;
  }

  /** The settings that apply to a document or folder. */
  forResource(uri: string): Promise<DockguardSettings> {
    const scope = this.folders.folderOfUri(uri)?.uri ?? '';
    let answer = this.byScope.get(scope);
    if (!answer) {
      answer = this.fetch(scope);
      this.byScope.set(scope, answer);
    }
    return answer;
  }

  /** VS Code's `files.exclude` for a folder: globs whose value is `true`. */
  filesExclude(folderUri: string): Promise<string[]> {
    let answer = this.excludeByScope.get(folderUri);
    if (!answer) {
      answer = this.fetchFilesExclude(folderUri);
      this.excludeByScope.set(folderUri, answer);
    }
    return answer;
  }

  /**
   * `workspace/didChangeConfiguration`. Asks again for every resource asked before and returns
   * whether any answer differs, so a notification that changes nothing of ours (VS Code sends
   * one when the client registers) costs no re-lint.
   */
  async changed(payload: unknown): Promise<boolean> {
    if (!this.client.configuration) {
      const section = isRecord(payload) && SETTINGS_SECTION in payload ? payload[SETTINGS_SECTION] : undefined;
      if (section !== undefined) this.pushed = section;
    }
    const scopes = [...this.byScope.keys()];
    const folders = [...this.excludeByScope.keys()];
    this.byScope.clear();
    this.excludeByScope.clear();
    const before = new Map(this.seen);
    await Promise.all([
      ...scopes.map((scope) => {
        const answer = this.fetch(scope);
        this.byScope.set(scope, answer);
        return answer;
      }),
      ...folders.map((folder) => this.filesExclude(folder)),
    ]);
    for (const [key, value] of this.seen) if (before.get(key) !== value) return true;
    return false;
  }

  /** `scope`: a workspace folder's URI, or '' for what applies outside every folder. */
  private async fetch(scope: string): Promise<DockguardSettings> {
    let raw: unknown = this.pushed;
    if (this.client.configuration) {
      try {
        raw = await this.connection.workspace.getConfiguration({ scopeUri: scope === '' ? undefined : scope, section: SETTINGS_SECTION });
      } catch (error) {
        this.log.warnOnce('settings:request', `Could not read the dockguard settings from the editor; using the defaults. ${messageOf(error)}`);
        raw = undefined;
      }
    }
    const { settings, problems } = sanitizeSettings(raw, { isRule: (idOrName) => rulesNamed(idOrName).length > 0 });
    for (const problem of problems) this.log.warnOnce(`settings:${problem}`, problem);
    this.seen.set(`dockguard:${scope}`, JSON.stringify(settings));
    return settings;
  }

  private async fetchFilesExclude(folderUri: string): Promise<string[]> {
    if (!this.client.configuration) return [];
    let raw: unknown;
    try {
      raw = await this.connection.workspace.getConfiguration({ scopeUri: folderUri, section: 'files.exclude' });
    } catch {
      raw = undefined;
    }
    // `{ "**/dist": true, "**/*.js": { "when": "$(basename).ts" } }`: only plain `true` excludes
    // unconditionally; a `when` clause depends on sibling files and is left to the editor.
    const globs = isRecord(raw) ? Object.entries(raw).filter(([, value]) => value === true).map(([glob]) => glob) : [];
    this.seen.set(`files.exclude:${folderUri}`, JSON.stringify(globs));
    return globs;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
