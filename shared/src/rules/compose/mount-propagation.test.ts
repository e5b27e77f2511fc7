import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { assertFires, assertQuiet } from '../../test-support/rule-test';
import { COMPOSE } from '../../test-support/compose-fix';

const ID = 'DG227';

test('fires on shared and rshared propagation in long and short syntax', () => {
  const found = assertFires(
    ID,
    [
      'services:',
      '  csi:',
      '    image: csi:1',
      '    volumes:',
      '      - type: bind',
      '        source: /mnt/data',
      '        target: /mnt/data',
      '        bind:',
      '          propagation: «rshared»',
      '      - type: bind',
      '        source: /var/lib/kubelet',
      '        target: /var/lib/kubelet',
      '        bind: { propagation: "«shared»" }',
      '      - /media:/media:«rshared»',
      '      - "/srv:/srv:ro,«shared»"',
      '',
    ].join('\n'),
    COMPOSE,
  );
  assert.match(found[0].message, /rshared/);
  assert.equal(found[0].severity, 'warning');
});

test('is quiet on private and slave propagation, named volumes and ordinary modes', () => {
  assertQuiet(
    ID,
    [
      'services:',
      '  csi:',
      '    image: csi:1',
      '    volumes:',
      '      - type: bind',
      '        source: /mnt/data',
      '        target: /mnt/data',
      '        bind:',
      '          propagation: rslave',
      '      - /media:/media:rprivate',
      '      - /srv:/srv:ro,z',
      '      - ./shared:/shared',
      '      - shared:/data',
      '',
    ].join('\n'),
    COMPOSE,
  );
});

test('a propagation from a merge key fires at the anchor for each service', () => {
  assertFires(ID, 'x-m: &m\n  volumes:\n    - /mnt:/mnt:««rshared»»\nservices:\n  a:\n    <<: *m\n    image: a:1\n  b:\n    <<: *m\n    image: b:1\n', COMPOSE);
});
