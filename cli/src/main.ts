import * as fs from 'node:fs';
import { isMainThread } from 'node:worker_threads';
import { serveAsWorker } from './pool';
import { run } from './run';

/**
 * The `dockguard` command (bundled to dist/cli.js; the same file runs the worker threads of a
 * large run). Sets the exit code rather than calling process.exit, so that output written to a
 * pipe is flushed first.
 */
function version(): string {
  try {
    // esbuild inlines the package manifest at build time.
    return (require('../../package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function main(): void {
  // `dockguard ... | head` closes the pipe early: stop quietly, as other command-line tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  run(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    readStdin: () => fs.readFileSync(0),
    version: version(),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`dockguard: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\nPlease report this.\n`);
      process.exitCode = 2;
    },
  );
}

if (isMainThread) main();
else serveAsWorker();
