/**
 * Writes what is generated from the rule registry: package.json's extension fields (activation
 * events, settings with every rule id and name, commands, schema and grammar contributions), the
 * `.dockguard.yaml` JSON schema, the injection grammar, and the rule table in
 * docs/drafts/user.md. Run it after adding a rule or a setting:
 *
 *   node --import tsx client/scripts/generate.ts           # write
 *   node --import tsx client/scripts/generate.ts --check   # exit 1 if anything is stale
 *
 * In the shared checkout, hold the package.json lock while it writes:
 *   flock /tmp/dockguard-package.lock node --import tsx client/scripts/generate.ts
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ALL_RULES } from '../../shared/src/registry';
import { generatedFiles } from '../src/generate';

const root = resolve(__dirname, '..', '..');
const check = process.argv.includes('--check');
const read = (path: string): string | undefined => {
  const file = join(root, path);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
};

let stale = 0;
for (const file of generatedFiles(read, ALL_RULES)) {
  if (read(file.path) === file.text) continue;
  stale++;
  if (check) {
    console.error(`stale: ${file.path}`);
    continue;
  }
  mkdirSync(dirname(join(root, file.path)), { recursive: true });
  writeFileSync(join(root, file.path), file.text);
  console.log(`wrote ${file.path}`);
}
if (check && stale > 0) {
  console.error('Run: node --import tsx client/scripts/generate.ts');
  process.exit(1);
}
if (!check && stale === 0) console.log('everything generated is up to date');
