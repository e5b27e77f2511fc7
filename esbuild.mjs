// Bundles: the extension (client), the language server, the CLI, and a browser build of the
// engine that exists only to prove `shared/` needs no Node built-ins (esbuild fails on them).
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'linked',
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', platform: 'node', format: 'cjs', target: 'node20' },
  // The CLI embeds the rules' documentation pages (SARIF help text): a bundle cannot read them at run time.
  { ...common, entryPoints: ['cli/src/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20', banner: { js: '#!/usr/bin/env node' }, loader: { '.md': 'text' } },
  { ...common, entryPoints: ['shared/src/index.ts'], outfile: 'dist/engine.browser.js', platform: 'browser', format: 'esm', target: 'es2022', sourcemap: false },
];

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
