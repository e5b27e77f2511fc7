import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, DockguardSettings, sanitizeSettings } from './settings';
import { rulesNamed } from '../registry';

const isRule = (idOrName: string): boolean => rulesNamed(idOrName).length > 0;

test('missing settings are the defaults', () => {
  for (const value of [undefined, null, {}]) {
    const { settings, problems } = sanitizeSettings(value);
    assert.deepEqual(settings, DEFAULT_SETTINGS);
    assert.deepEqual(problems, []);
  }
});

test('valid settings are kept as given; severities are case-folded', () => {
  const settings = DockguardSettings.from({
    enable: false,
    run: 'onSave',
    rules: { DG103: 'ERROR', privileged: 'off', 'user-root': 'info' },
    workspaceDiagnostics: false,
    exclude: ['vendor/**', ' build/ '],
    composeFiles: ['deploy/*.yml'],
    trace: { server: 'verbose' },
  }, { isRule });
  assert.deepEqual(settings, {
    enable: false,
    run: 'onSave',
    rules: { DG103: 'error', privileged: 'off', 'user-root': 'info' },
    workspaceDiagnostics: false,
    exclude: ['vendor/**', 'build/'],
    composeFiles: ['deploy/*.yml'],
    trace: { server: 'verbose' },
  });
});

test('every wrong value falls back on its own and is named', () => {
  const { settings, problems } = sanitizeSettings({
    enable: 'no',
    run: 'always',
    rules: { DG103: 'loud', DG999: 'off', sudo: 'warning', 'not-a-rule': 'error' },
    workspaceDiagnostics: 1,
    exclude: 'vendor/**',
    composeFiles: ['ok.yml', 3, ''],
    trace: { server: 'all' },
  }, { isRule });
  assert.deepEqual(settings, { ...DEFAULT_SETTINGS, rules: { sudo: 'warning' }, composeFiles: ['ok.yml'] });
  const text = problems.join('\n');
  for (const expected of [
    /dockguard\.enable must be true or false/,
    /dockguard\.run must be one of onType, onSave/,
    /invalid severity for 'DG103'/,
    /unknown rule 'DG999'/,
    /unknown rule 'not-a-rule'/,
    /dockguard\.workspaceDiagnostics must be true or false/,
    /dockguard\.exclude must be a list/,
    /dockguard\.composeFiles: ignoring 3/,
    /dockguard\.composeFiles: ignoring ""/,
    /dockguard\.trace\.server must be one of off, messages, verbose/,
  ]) {
    assert.match(text, expected);
  }
  assert.equal(problems.length, 10);
});

test('a value that is not an object at all', () => {
  for (const value of ['dockguard', 42, [1, 2], true]) {
    const { settings, problems } = sanitizeSettings(value);
    assert.deepEqual(settings, DEFAULT_SETTINGS);
    assert.equal(problems.length, 1);
  }
  // `rules` that is not a map is ignored as a whole.
  assert.deepEqual(sanitizeSettings({ rules: ['DG103'] }).settings.rules, {});
});

test('the defaults cannot be changed by accident', () => {
  for (const value of [DEFAULT_SETTINGS, DEFAULT_SETTINGS.rules, DEFAULT_SETTINGS.exclude, DEFAULT_SETTINGS.composeFiles, DEFAULT_SETTINGS.trace]) {
    assert.ok(Object.isFrozen(value));
  }
  const settings = DockguardSettings.from(undefined);
  settings.exclude.push('x');
  assert.deepEqual(DEFAULT_SETTINGS.exclude, []);
});

test('without a rule registry, any rule key is kept (the client does not bundle the engine)', () => {
  assert.deepEqual(sanitizeSettings({ rules: { DG999: 'off', '': 'off' } }).settings.rules, { DG999: 'off' });
});
