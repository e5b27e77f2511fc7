import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileSystemHost } from '../../shared/src/workspace/host';
import type { ClientFeatures } from './capabilities';
import type { ConfigFiles } from './configFiles';
import type { Folders } from './folders';
import type { Linter } from './linter';
import type { Log } from './log';
import type { Settings } from './settings';
import type { StatusReporter } from './status';

/** Tuning knobs; the defaults are what the editor gets, tests shorten the waits. */
export interface Timing {
  /**
   * How long a file closed in the editor waits before the workspace report replaces its buffer
   * diagnostics: the client must have finished with the document's last pull first (see
   * workspaceDiagnostics.ts).
   */
  closeSettleMs: number;
  /**
   * Longest run of synchronous linting in the workspace scan before other messages get a turn.
   * A keystroke needs a few turns (the change, the pull, each handled on its own tick of the
   * event loop), so it waits a few slices: typing during a scan of 10,000 files got its
   * diagnostics in 15 ms (p50) with 4 ms slices and in 6 ms with 1 ms slices, and the scan was
   * no slower (a yield costs microseconds).
   */
  scanSliceMs: number;
  /** Files read from disk at once by the workspace scan. */
  scanReadConcurrency: number;
  /** How often the scan reports progress and partial results. */
  scanReportIntervalMs: number;
}

export const DEFAULT_TIMING: Timing = {
  closeSettleMs: 150,
  scanSliceMs: 1,
  scanReadConcurrency: 16,
  scanReportIntervalMs: 200,
};

/** What every feature module of the server shares. */
export interface ServerContext {
  connection: Connection;
  client: ClientFeatures;
  documents: TextDocuments<TextDocument>;
  host: FileSystemHost;
  log: Log;
  settings: Settings;
  configs: ConfigFiles;
  folders: Folders;
  linter: Linter;
  status: StatusReporter;
  timing: Timing;
  /**
   * Bumped by every change of settings or configuration files: a lint result of an older
   * generation is stale even when the text did not change.
   */
  environment: { generation: number };
  /**
   * Another file's text for a rule that looks across files: the open buffer if the file is
   * open in the editor, else the disk. `path` is canonical (see `canonicalPath`).
   */
  readOther(path: string): string | undefined;
  /**
   * Whether a workspace file is open in the editor, by URI or by path (the client may spell a
   * URI differently from the one the scan built for the same file).
   */
  isOpen(uri: string, path?: string): boolean;
  /** When the editor last asked for something (`performance.now()`): background work yields to it. */
  activity: { last: number };
}
