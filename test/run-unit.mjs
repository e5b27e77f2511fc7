// Runs every compiled unit and protocol test (`*.test.js`) of the sub-projects with Node's
// test runner. Editor tests (test/out/editor) need a real editor and run with `npm run test:editor`.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const roots = ['shared/out', 'server/out', 'cli/out', 'client/out', 'test/out'];
const skip = new Set(['test/out/editor', 'test/out/bench', 'test/out/fuzz']);

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
    else if (entry.endsWith('.test.js')) files.push(path);
  }
  return files;
}

const files = roots.flatMap((root) => collect(root, []));
const extra = process.argv.slice(2);
const result = spawnSync(process.execPath, ['--test', ...extra, ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
