import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../shared/src/index';
import { decodeSource } from './files';
import { lintSource, processFile } from './lint-file';

const settings = { fix: false, render: { format: 'json' as const, color: false, quiet: false } };

test('a file that cannot be read is reported on itself (DG003), not lost', () => {
  const outcome = processFile({ path: '/nonexistent/dockguard/Dockerfile', display: 'Dockerfile', kind: 'dockerfile', configId: 0 }, resolveConfig(), settings);
  const entry = JSON.parse(outcome.report!.output) as { messages: { ruleId: string; message: string }[] };
  assert.deepEqual(entry.messages.map((message) => message.ruleId), ['DG003']);
  assert.match(entry.messages[0].message, /^File not linted: it cannot be read \(no such file or folder \(ENOENT\)\)\.$/);
  assert.deepEqual(outcome.report!.counts, { error: 0, warning: 0, info: 1 });
});

test('DG003 follows the configured severity, and disappears when off', () => {
  const task = { path: '/nonexistent/dockguard/Dockerfile', display: 'Dockerfile', kind: 'dockerfile' as const, configId: 0 };
  assert.deepEqual(processFile(task, resolveConfig({ rules: { 'file-skipped': 'error' } }), settings).report!.counts, { error: 1, warning: 0, info: 0 });
  assert.equal(JSON.parse(processFile(task, resolveConfig({ rules: { DG003: 'off' } }), settings).report!.output).messages.length, 0);
});

test('decoding: UTF-8 with or without a byte-order mark, and what is not linted', () => {
  assert.deepEqual(decodeSource(Buffer.from('\ufeffFROM x\n')), { text: 'FROM x\n', bom: true });
  assert.deepEqual(decodeSource(Buffer.from('FROM é\n')), { text: 'FROM é\n', bom: false });
  assert.deepEqual(decodeSource(Buffer.from('')), { text: '', bom: false });
  assert.match((decodeSource(Buffer.from([0x46, 0xc3, 0x28])) as { skipped: string }).skipped, /not valid UTF-8 text \(invalid byte sequence at offset 1\)/);
  assert.match((decodeSource(Buffer.from([0x46, 0xe2, 0x82])) as { skipped: string }).skipped, /offset 1/, 'a sequence cut short at the end');
  assert.match((decodeSource(Buffer.from('F\0')) as { skipped: string }).skipped, /NUL byte at offset 1/);
  assert.match((decodeSource(Buffer.from([0xfe, 0xff, 0, 0x46])) as { skipped: string }).skipped, /UTF-16/);
});

test('text output builds only the fixes --fix applies, yet counts the same fixable findings as JSON, which lists every fix', () => {
  const source = { text: 'services:\n  web:\n    image: nginx:1.27\n    restart: always\n', bom: false };
  const config = resolveConfig();
  const outcome = (format: 'json' | 'text') =>
    lintSource('compose.yaml', '/nonexistent/dockguard/compose.yaml', 'compose', source, config, { fix: false, render: { format, color: false, quiet: false } }, () => undefined);
  const json = outcome('json').report!;
  const text = outcome('text').report!;
  assert.ok(json.fixable > 0);
  assert.equal(text.fixable, json.fixable);
  assert.deepEqual(text.counts, json.counts);
  // DG220 and DG217 offer fixes that --fix never applies: JSON shows them all the same.
  const messages = (JSON.parse(json.output) as { messages: { ruleId: string; fixes: unknown[] }[] }).messages;
  for (const ruleId of ['DG220', 'DG217']) assert.ok(messages.find((message) => message.ruleId === ruleId)!.fixes.length > 0, ruleId);
});
