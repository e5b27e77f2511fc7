import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeFileSystem } from './fileSystem';

function scratch(t: { after(fn: () => void): void }): string {
  const folder = mkdtempSync(join(tmpdir(), 'dockguard-fs-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

test('a file is read without its byte order mark; a folder or a missing path reads as nothing', async (t) => {
  const folder = scratch(t);
  writeFileSync(join(folder, 'Dockerfile'), '\uFEFFFROM alpine:3.20\n');
  mkdirSync(join(folder, 'sub'));
  const host = new NodeFileSystem();
  assert.equal(await host.readFile(join(folder, 'Dockerfile')), 'FROM alpine:3.20\n');
  assert.equal(await host.readFile(join(folder, 'sub')), undefined);
  assert.equal(await host.readFile(join(folder, 'missing')), undefined);
  assert.deepEqual(await host.stat(join(folder, 'Dockerfile')), { kind: 'file', size: Buffer.byteLength('\uFEFFFROM alpine:3.20\n') });
});

test('a FIFO is not opened: reading one answers at once instead of blocking the server', (t) => {
  const folder = scratch(t);
  const fifo = join(folder, '.gitignore');
  if (spawnSync('mkfifo', [fifo]).status !== 0) {
    t.skip('mkfifo is not available');
    return;
  }
  // In a child process: a read that blocks would block this test runner as well.
  const script = `import(${JSON.stringify(join(__dirname, 'fileSystem.ts'))}).then(async ({ NodeFileSystem }) => {
    const text = await new NodeFileSystem().readFile(${JSON.stringify(fifo)});
    process.stdout.write(String(text));
  });`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(run.signal, null, 'reading the FIFO blocked');
  assert.equal(run.stdout, 'undefined', run.stderr);
});
