import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { sanitizeSettings } from '../../shared/src/protocol/settings';
import { readComposeFiles, readRunMode } from './client-settings';

const VALUES: unknown[] = [undefined, null, 'onType', 'onSave', 'onsave', 'ONSAVE', '', 3, true, {}, [], ['a'], [' deploy/*.yml ', '', '  ', 4, null, 'stack.yml'], 'stack.yml', { 0: 'x' }];

test('the client reads dockguard.run as the server does, whatever is in settings.json', () => {
  for (const value of VALUES) assert.equal(readRunMode(value), sanitizeSettings({ run: value }).settings.run, JSON.stringify(value));
});

test('the client reads dockguard.composeFiles as the server does', () => {
  for (const value of VALUES) assert.deepEqual(readComposeFiles(value), sanitizeSettings({ composeFiles: value }).settings.composeFiles, JSON.stringify(value));
  assert.deepEqual(readComposeFiles([' deploy/*.yml ', 7, 'stack.yml']), ['deploy/*.yml', 'stack.yml']);
});
