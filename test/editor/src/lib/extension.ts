import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { node24, repoRoot, vscodeServerMain } from './paths';

/**
 * Installs the extension into a fresh extensions folder as a user has it: an installed extension,
 * activated by its own activation events (not the "Extension Development Host" of the payload
 * route, whose window title would also show in the screenshots).
 *
 * With DOCKGUARD_VSIX set, that package is installed through the server's own
 * `--install-extension`, which proves the VSIX. Otherwise the repository (with `dist/` built) is
 * linked in under the folder name VS Code gives an installed extension, `<publisher>.<name>-<version>`.
 */
export function installExtension(extensionsDir: string): string {
  mkdirSync(extensionsDir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  const id = `${manifest.publisher}.${manifest.name}`;
  const vsix = process.env.DOCKGUARD_VSIX;
  if (vsix) {
    const result = spawnSync(node24, [vscodeServerMain, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'], {
      encoding: 'utf8',
      timeout: 120000,
    });
    if (result.status !== 0) throw new Error(`installing ${vsix} failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
    return `${id} from ${vsix}`;
  }
  symlinkSync(repoRoot, join(extensionsDir, `${id}-${manifest.version}`), 'dir');
  return `${id} ${manifest.version} from ${repoRoot}`;
}
