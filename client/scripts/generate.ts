/**
 * Writes what is generated from the rule registry: package.json's extension fields (activation
 * events, settings with every rule id and name, commands, schema and grammar contributions), the
 * `.dockguard.yaml` JSON schema, the injection grammar, the rule catalog the extension carries,
 * the rule and settings tables in README.md, and ThirdPartyNotices.txt for the bundled packages. Run it after adding a rule or a setting:
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
import { NOTICES_PATH, thirdPartyNotices } from '../src/notices';

const root = resolve(__dirname, '..', '..');
const check = process.argv.includes('--check');
const read = (path: string): string | undefined => {
  const file = join(root, path);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
};

async function main(): Promise<void> {
  const files = [...generatedFiles(read, ALL_RULES), { path: NOTICES_PATH, text: await thirdPartyNotices(root) }];
  const stale = files.filter((file) => read(file.path) !== file.text);
  for (const file of stale) {
    if (check) {
      console.error(`stale: ${file.path}`);
      continue;
    }
    mkdirSync(dirname(join(root, file.path)), { recursive: true });
    writeFileSync(join(root, file.path), file.text);
    console.log(`wrote ${file.path}`);
  }
  if (check && stale.length > 0) {
    console.error('Run: node --import tsx client/scripts/generate.ts');
    process.exit(1);
  }
  if (stale.length === 0) console.log('everything generated is up to date');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
