import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { assertFires, assertQuiet } from '../../test-support/rule-test';
import { COMPOSE } from '../../test-support/compose-fix';

const ID = 'DG222';

test('fires on each host device passed in, and on each device cgroup rule', () => {
  const found = assertFires(
    ID,
    [
      'services:',
      '  zigbee:',
      '    image: koenkk/zigbee2mqtt:1.40.0',
      '    devices:',
      '      - «/dev/ttyUSB0:/dev/ttyACM0»',
      '      - "«/dev/dri»"',
      '      - «nvidia.com/gpu=all»',
      '    device_cgroup_rules: ["«c 188:* rmw»"]',
      '',
    ].join('\n'),
    COMPOSE,
  );
  assert.match(found[0].message, /\/dev\/ttyUSB0/);
  assert.ok(found.every((finding) => finding.severity === 'warning'));
});

test('a device list from a merge key fires at the anchor for each service', () => {
  assertFires(
    ID,
    'x-gpu: &gpu\n  devices:\n    - ««/dev/dri:/dev/dri»»\nservices:\n  a:\n    <<: *gpu\n    image: a:1\n  b:\n    <<: *gpu\n    image: b:1\n',
    COMPOSE,
  );
});

test('is quiet without devices, with empty lists, and on x- fields', () => {
  assertQuiet(
    ID,
    'x-devices:\n  devices: [/dev/sda]\nservices:\n  a:\n    image: a:1\n    devices: []\n    device_cgroup_rules: []\n  b:\n    image: b:1\n',
    COMPOSE,
  );
});
