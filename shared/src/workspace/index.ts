/** Finding the files and configs of a workspace: shared by the CLI and the language server. */
export {
  joinPath,
  normalizePath,
  parentPath,
  relativePath,
  comparePaths,
  type FileSystemHost,
  type DirectoryEntry,
  type EntryKind,
  type FileStat,
  type Cancellation,
} from './host';
export { compileGlobs, type PathMatcher, type GlobOptions } from './globs';
export { ConfigFinder, CONFIG_FILE_NAMES, isConfigFileName, type LoadedConfig, type ConfigSource, type ConfigFinderOptions } from './config-finder';
export { WorkspaceScanner, scanWorkspace, SKIPPED_FOLDERS, type ScanOptions, type ScanEvent, type FoundFile, type ScanProblem } from './scanner';
export { MemoryFileSystem } from './memory-host';
