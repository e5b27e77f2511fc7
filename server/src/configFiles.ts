import { ConfigFinder, type ConfigSource, type LoadedConfig } from '../../shared/src/workspace/config-finder';
import type { FileSystemHost } from '../../shared/src/workspace/host';

/**
 * The nearest `.dockguard.yaml` of each file, searched up to the workspace folder holding it (so
 * each folder of a multi-root workspace, and each package of a monorepo, has its own). Read from
 * disk: a config being edited applies to other files once saved, as with the CLI. Its own
 * mistakes show on it while typing, because it is linted like any other open document.
 */
export class ConfigFiles {
  private finder: ConfigFinder;

  constructor(
    private readonly host: FileSystemHost,
    roots: readonly string[],
  ) {
    this.finder = new ConfigFinder(host, { roots });
  }

  /** Workspace folders were added or removed: the search bounds changed. */
  setRoots(roots: readonly string[]): void {
    this.finder = new ConfigFinder(this.host, { roots });
  }

  async forFile(path: string | undefined): Promise<LoadedConfig | undefined> {
    if (path === undefined) return undefined;
    try {
      return await this.finder.configForFile(path);
    } catch {
      return undefined;
    }
  }

  /** A config file (or a folder) changed on disk; nothing = forget everything. */
  invalidate(path?: string): void {
    this.finder.invalidate(path);
  }

  /** Where the workspace scan reads `ignore-paths` from. */
  get source(): ConfigSource {
    return this.finder;
  }
}
