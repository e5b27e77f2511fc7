import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/**
 * ThirdPartyNotices.txt: the licences of the npm packages bundled into the two files the VSIX
 * ships (their MIT/ISC/BSD licences ask for the notice to travel with the code). The package list
 * comes from esbuild's own resolution of the bundles, so it cannot drift from what is shipped;
 * client/scripts/generate.ts writes it and contributions.test.ts checks it is current.
 */

export const NOTICES_PATH = 'ThirdPartyNotices.txt';

/** The bundles of the VSIX, as esbuild.mjs builds them (dist/extension.js, dist/server.js). */
const SHIPPED_BUNDLES = [
  { entryPoint: 'client/src/extension.ts', external: ['vscode'] },
  { entryPoint: 'server/src/server.ts', external: [] as string[] },
];

const LICENSE_FILE = /^(licen[sc]e|copying)(\.|-|$)/i;

/** `node_modules/@scope/name/lib/x.js` → `node_modules/@scope/name` (the innermost package). */
export function packageDirectory(inputPath: string): string | undefined {
  const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(inputPath.replace(/\\/g, '/'));
  return match?.[1];
}

export async function bundledPackageDirectories(root: string): Promise<string[]> {
  const directories = new Set<string>();
  for (const bundle of SHIPPED_BUNDLES) {
    const result = await build({
      absWorkingDir: root,
      entryPoints: [bundle.entryPoint],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: bundle.external,
      write: false,
      outdir: 'out-notices',
      metafile: true,
      logLevel: 'silent',
      loader: { '.md': 'text' },
    });
    for (const input of Object.keys(result.metafile.inputs)) {
      const directory = packageDirectory(input);
      if (directory) directories.add(directory);
    }
  }
  return [...directories];
}

export async function thirdPartyNotices(root: string): Promise<string> {
  const entries = (await bundledPackageDirectories(root)).map((directory) => {
    const manifest = JSON.parse(readFileSync(join(root, directory, 'package.json'), 'utf8')) as { name: string; version: string; license?: string };
    const licenseFile = readdirSync(join(root, directory)).filter((name) => LICENSE_FILE.test(name)).sort()[0];
    if (!licenseFile || !existsSync(join(root, directory, licenseFile))) {
      throw new Error(`${manifest.name} ships no licence file; add its notice by hand to client/src/notices.ts`);
    }
    const text = readFileSync(join(root, directory, licenseFile), 'utf8').replace(/\r\n?/g, '\n').trim();
    return { name: manifest.name, version: manifest.version, license: manifest.license ?? 'see below', text };
  });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const rule = '-'.repeat(78);
  return [
    'dockguard bundles the following third-party software into dist/extension.js and dist/server.js.',
    'Their licences follow.',
    '',
    ...entries.flatMap((entry) => [rule, `${entry.name} ${entry.version} (${entry.license})`, rule, '', entry.text, '']),
  ].join('\n');
}
