import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { assertFires, assertQuiet, findingsOf, type LintSetup } from '../../test-support/rule-test';
import { COMPOSE } from '../../test-support/compose-fix';

const ID = 'DG226';
const ON: LintSetup = { ...COMPOSE, config: { rules: { DG226: 'info' } } };

test('is off by default', () => {
  assert.deepEqual(findingsOf(ID, 'services:\n  a:\n    image: a:1\n  b:\n    image: b:1\n', COMPOSE), []);
});

test('fires once, at services:, when two or more services share the default network', () => {
  const [finding] = assertFires(ID, 'version: "3.8"\n«services»:\n  web:\n    image: nginx:1.27\n  db:\n    image: postgres:16\n', ON);
  assert.match(finding.message, /web/);
  assert.match(finding.message, /db/);
});

test('fires on a bridge network that enables inter-container communication explicitly', () => {
  assertFires(
    ID,
    [
      'services:',
      '  web:',
      '    image: nginx:1.27',
      '    networks: [front]',
      '  db:',
      '    image: postgres:16',
      '    networks: [back]',
      'networks:',
      '  front:',
      '    driver_opts:',
      '      com.docker.network.bridge.enable_icc: "«true»"',
      '  back:',
      '    driver: bridge',
      '    driver_opts:',
      "      'com.docker.network.bridge.enable_icc': «1»",
      '  overlay-net:',
      '    driver: overlay',
      '    driver_opts:',
      '      com.docker.network.bridge.enable_icc: "true"',
      '',
    ].join('\n'),
    ON,
  );
});

test('is quiet with one service, with declared networks, outside the default network, or with icc disabled', () => {
  assertQuiet(ID, 'services:\n  web:\n    image: nginx:1.27\n', ON);
  assertQuiet(ID, 'services:\n  web:\n    image: nginx:1.27\n    networks: [front]\n  db:\n    image: postgres:16\n    networks: [back]\nnetworks:\n  front:\n  back:\n', ON);
  assertQuiet(ID, 'services:\n  web:\n    image: nginx:1.27\n  agent:\n    image: agent:1\n    network_mode: host\n', ON);
  assertQuiet(
    ID,
    'services:\n  web:\n    image: nginx:1.27\n  db:\n    image: postgres:16\nnetworks:\n  default:\n    driver_opts:\n      com.docker.network.bridge.enable_icc: "false"\n',
    ON,
  );
  assertQuiet(ID, 'x-a:\n  image: a\nx-b:\n  image: b\nservices:\n  web:\n    image: nginx:1.27\n', ON);
});

test('networks from a merge key count as declared', () => {
  assertQuiet(ID, 'x-net: &net\n  networks: [back]\nservices:\n  a:\n    <<: *net\n    image: a:1\n  b:\n    <<: *net\n    image: b:1\nnetworks:\n  back:\n', ON);
});
