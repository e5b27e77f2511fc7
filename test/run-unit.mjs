// Runs every unit and protocol test (`*.test.ts`) of the sub-projects with Node's test runner,
// straight from the TypeScript sources through tsx, so a test can import another sub-project's
// sources (`../../shared/src/index`) exactly as the bundles do. `tsc -b` (run by `npm test`
// before this) is what type-checks them. Editor tests, the benchmark and the long fuzz run have
// their own commands.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const roots = ['shared/src', 'server/src', 'cli/src', 'client/src', 'test/src'];
const skip = new Set(['test/src/editor', 'test/src/bench', 'test/src/fuzz']);

function collect(dir, files) {
  if (skip.has(dir)) return files;
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return files;
  }
  for (const entry of entries.sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) collect(path, files);
    else if (entry.endsWith('.test.ts')) files.push(path);
  }
  return files;
}

// Arguments ending in .test.ts pick files; other arguments go to `node --test`.
const args = process.argv.slice(2);
const picked = args.filter((arg) => arg.endsWith('.test.ts'));
const options = args.filter((arg) => !arg.endsWith('.test.ts'));
const files = picked.length > 0 ? picked : roots.flatMap((root) => collect(root, []));
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...options, ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
