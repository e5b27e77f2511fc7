import type { WorkspaceFolder } from 'vscode-languageserver';
import { relativePath } from '../../shared/src/workspace/host';
import { uriToPath } from './uris';

export interface Folder {
  uri: string;
  name: string;
  /** Undefined for folders that are not on the local disk (they are not scanned). */
  path: string | undefined;
}

/** The workspace folders (multi-root), and which one holds a file. */
export class Folders {
  private folders: Folder[] = [];

  constructor(initial: readonly WorkspaceFolder[]) {
    this.set(initial);
  }

  set(folders: readonly WorkspaceFolder[]): void {
    const seen = new Set<string>();
    this.folders = [];
    for (const folder of folders) {
      if (seen.has(folder.uri)) continue;
      seen.add(folder.uri);
      this.folders.push({ uri: folder.uri, name: folder.name, path: uriToPath(folder.uri) });
    }
  }

  change(added: readonly WorkspaceFolder[], removed: readonly WorkspaceFolder[]): void {
    const gone = new Set(removed.map((folder) => folder.uri));
    const kept = this.folders.filter((folder) => !gone.has(folder.uri)).map(({ uri, name }) => ({ uri, name }));
    this.set([...kept, ...added]);
  }

  all(): readonly Folder[] {
    return this.folders;
  }

  /** The local folders, the roots of the workspace scan and of the config search. */
  localPaths(): string[] {
    return this.folders.flatMap((folder) => (folder.path === undefined ? [] : [folder.path]));
  }

  /**
   * The innermost folder whose URI holds `uri` (any scheme: a virtual workspace's documents
   * have no local path but still belong to a folder).
   */
  folderOfUri(uri: string): Folder | undefined {
    let best: Folder | undefined;
    for (const folder of this.folders) {
      const base = folder.uri.endsWith('/') ? folder.uri : `${folder.uri}/`;
      if (uri !== folder.uri && !uri.startsWith(base)) continue;
      if (!best || folder.uri.length > best.uri.length) best = folder;
    }
    return best;
  }

  /** The innermost folder holding `path` (folders may nest in a multi-root workspace). */
  folderOf(path: string | undefined): Folder | undefined {
    if (path === undefined) return undefined;
    let best: Folder | undefined;
    for (const folder of this.folders) {
      if (folder.path === undefined || relativePath(folder.path, path) === undefined) continue;
      if (!best || folder.path.length > best.path!.length) best = folder;
    }
    return best;
  }
}
