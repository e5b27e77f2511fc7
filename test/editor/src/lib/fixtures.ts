import { cpSync, readdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesDir } from './paths';

/**
 * Copies a fixture to `destination` for one run (tests edit, create and delete files in it).
 * A folder named `__node_modules__` becomes `node_modules`: the repo's .gitignore keeps a real
 * one out of git, and the tests need one to prove the server skips it.
 */
export function copyFixture(name: string, destination: string): string {
  cpSync(join(fixturesDir, name), destination, { recursive: true });
  renameNodeModules(destination);
  return destination;
}

function renameNodeModules(dir: string): void {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (!statSync(path).isDirectory()) continue;
    if (entry === '__node_modules__') {
      const target = join(dir, 'node_modules');
      renameSync(path, target);
      renameNodeModules(target);
    } else {
      renameNodeModules(path);
    }
  }
}
