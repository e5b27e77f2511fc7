import { DidChangeWatchedFilesNotification, WatchKind, type FileSystemWatcher } from 'vscode-languageserver';
import type { ServerContext } from './context';

/** `dockerfile` → `[dD][oO]…`: the engine matches names case-insensitively, client globs may not. */
function anyCase(word: string): string {
  return word.replace(/[a-z]/gi, (letter) => `[${letter.toLowerCase()}${letter.toUpperCase()}]`);
}

/**
 * What the server needs to hear about. Broader than the exact names (the server classifies each
 * event the way the scan would); YAML at large because `dockguard.composeFiles` can make any YAML
 * file a compose file; `.gitignore` because it decides what is scanned; deletions of anything,
 * because deleting a folder is reported for the folder only.
 */
export const WATCHERS: FileSystemWatcher[] = [
  { globPattern: `**/*${anyCase('dockerfile')}*` },
  { globPattern: `**/*${anyCase('containerfile')}*` },
  { globPattern: `**/*.${anyCase('yml')}` },
  { globPattern: `**/*.${anyCase('yaml')}` },
  { globPattern: '**/.gitignore' },
  { globPattern: '**/*', kind: WatchKind.Delete },
];

/**
 * Registers the file watchers with clients that let the server do it. Others send
 * `workspace/didChangeWatchedFiles` on their own terms (or not at all: then the workspace is
 * brought up to date by `dockguard/lintWorkspace`).
 */
export async function registerWatchers(ctx: ServerContext): Promise<void> {
  if (!ctx.client.watcherRegistration) return;
  try {
    await ctx.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHERS });
  } catch (error) {
    ctx.log.warn(`Could not register file watchers; files changed outside the editor update on the next scan. ${error instanceof Error ? error.message : String(error)}`);
  }
}
