import { parseConfig, type ConfigLayer, type ConfigProblem } from '../config/config';
import { baseName } from '../file-kind';
import { joinPath, normalizePath, parentPath, relativePath, type FileSystemHost } from './host';

/** Looked for in this order in each folder: when both exist, `.dockguard.yaml` wins. */
export const CONFIG_FILE_NAMES: readonly string[] = ['.dockguard.yaml', '.dockguard.yml'];

export function isConfigFileName(path: string): boolean {
  return CONFIG_FILE_NAMES.includes(baseName(path));
}

/** A `.dockguard.yaml` as found on disk, parsed. The same object comes back until invalidated. */
export interface LoadedConfig {
  path: string;
  /** The folder it sits in: `ignore-paths` are relative to it, and it governs the files below. */
  directory: string;
  text: string;
  /** What is valid in it (the layer to pass to `resolveConfig`); mistakes are left out. */
  config: ConfigLayer;
  /** Its mistakes with offsets into `text`; `lint(text, { fileName: path })` gives them as findings. */
  problems: ConfigProblem[];
}

/** Where the folder-walk reads `ignore-paths` from; `ConfigFinder` is one, a fixed `--config` another. */
export interface ConfigSource {
  configFor(directory: string): Promise<Pick<LoadedConfig, 'directory' | 'config'> | undefined>;
}

export interface ConfigFinderOptions {
  /**
   * Folders the search does not go above (workspace folders). A file outside all of them is
   * searched up to the file-system root, as is every file when no roots are given.
   */
  roots?: readonly string[];
}

/**
 * Finds the `.dockguard.yaml` (or `.dockguard.yml`) nearest to a file: in its folder, else the
 * folder above, and so on. Only the nearest applies (no cascading), so a config file says
 * everything about the files below it. Answers are cached per folder; the host calls
 * `invalidate` when a config file or a folder changes.
 */
export class ConfigFinder implements ConfigSource {
  private readonly roots: string[];
  /** Folder → the config governing it (its own or an ancestor's). */
  private readonly nearest = new Map<string, Promise<LoadedConfig | undefined>>();
  /** Folder → the config file in that very folder. */
  private readonly own = new Map<string, Promise<LoadedConfig | undefined>>();

  constructor(
    private readonly host: FileSystemHost,
    options: ConfigFinderOptions = {},
  ) {
    this.roots = (options.roots ?? []).map(normalizePath);
  }

  /** The config that applies to `filePath`, or undefined when none does (defaults apply). */
  configForFile(filePath: string): Promise<LoadedConfig | undefined> {
    const folder = parentPath(normalizePath(filePath));
    return folder === undefined ? Promise.resolve(undefined) : this.configFor(folder);
  }

  /** The config that applies to files in `directory`. */
  configFor(directory: string): Promise<LoadedConfig | undefined> {
    const folder = normalizePath(directory);
    let answer = this.nearest.get(folder);
    if (!answer) {
      answer = this.lookUp(folder);
      this.nearest.set(folder, answer);
    }
    return answer;
  }

  /**
   * Forgets what was learnt about `path` and everything below it. Pass a config file that was
   * created, changed or deleted, or a folder that was created, deleted or renamed; with no
   * argument, forgets everything.
   */
  invalidate(path?: string): void {
    if (path === undefined) {
      this.nearest.clear();
      this.own.clear();
      return;
    }
    const normal = normalizePath(path);
    const folder = isConfigFileName(normal) ? parentPath(normal) : normal;
    if (folder === undefined) return;
    for (const cache of [this.nearest, this.own]) {
      for (const key of [...cache.keys()]) {
        if (relativePath(folder, key) !== undefined) cache.delete(key);
      }
    }
  }

  /** Every config file read so far (for reporting the broken ones once). */
  async loadedConfigs(): Promise<LoadedConfig[]> {
    const all = await Promise.all(this.own.values());
    return all.filter((config): config is LoadedConfig => config !== undefined);
  }

  private async lookUp(folder: string): Promise<LoadedConfig | undefined> {
    const found = await this.ownConfig(folder);
    if (found) return found;
    if (this.roots.includes(folder)) return undefined;
    const parent = parentPath(folder);
    return parent === undefined ? undefined : this.configFor(parent);
  }

  private ownConfig(folder: string): Promise<LoadedConfig | undefined> {
    let answer = this.own.get(folder);
    if (!answer) {
      answer = this.read(folder);
      this.own.set(folder, answer);
    }
    return answer;
  }

  private async read(folder: string): Promise<LoadedConfig | undefined> {
    for (const name of CONFIG_FILE_NAMES) {
      const path = joinPath(folder, name);
      let text: string | undefined;
      try {
        text = await this.host.readFile(path);
      } catch {
        text = undefined;
      }
      if (text === undefined) continue;
      const { config, problems } = parseConfig(text);
      return { path, directory: folder, text, config, problems };
    }
    return undefined;
  }
}
