// Bundles: the extension (client), the language server, the CLI, and a browser build of the
// engine that exists only to prove `shared/` needs no Node built-ins (esbuild fails on them).
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// vscode-languageserver-types resolves to its ESM build through its `exports`; its UMD build (the
// package's `main`) makes linting measurably faster (about 6 % on the Dockerfile corpus): required
// from dockerfile-ast's CommonJS, the ESM build's exports become accessor functions, the UMD
// build's stay plain properties. Every bundle takes it, so the browser build is the engine the
// server and the CLI run (the benchmark measures that build).
const typesAlias = { 'vscode-languageserver-types': './node_modules/vscode-languageserver-types/lib/umd/main.js' };

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'linked',
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], alias: typesAlias },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', platform: 'node', format: 'cjs', target: 'node20', alias: typesAlias },
  // The CLI embeds the rules' documentation pages (SARIF help text): a bundle cannot read them at run time.
  { ...common, entryPoints: ['cli/src/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20', banner: { js: '#!/usr/bin/env node' }, loader: { '.md': 'text' }, alias: typesAlias },
  { ...common, entryPoints: ['shared/src/index.ts'], outfile: 'dist/engine.browser.js', platform: 'browser', format: 'esm', target: 'es2022', sourcemap: false, alias: typesAlias },
];

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
