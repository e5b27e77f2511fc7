import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { assertFires, assertQuiet, findingsOf } from '../../test-support/rule-test';
import { assertComposeFix, COMPOSE } from '../../test-support/compose-fix';

const ID = 'DG215';

test('fires on writable bind mounts in short syntax: relative, absolute, home, Windows, with modes', () => {
  assertFires(
    ID,
    [
      'services:',
      '  web:',
      '    image: nginx:1.27',
      '    volumes:',
      '      - «./html:/usr/share/nginx/html»',
      '      - «/srv/data:/data:rw»',
      '      - "«../config:/etc/app:z»"',
      '      - «.:/app»',
      '      - «~/projects:/projects»',
      "      - '«C:\\Users\\me\\app:/app»'",
      '      - «${DATA_DIR:-./data}:/data»',
      '      - «./cache:/cache:cached»',
      '',
    ].join('\n'),
    COMPOSE,
  );
});

test('fires on long syntax without read_only, or with read_only false, at the offending token', () => {
  assertFires(
    ID,
    [
      'services:',
      '  web:',
      '    image: nginx:1.27',
      '    volumes:',
      '      - type: bind',
      '        source: «./data»',
      '        target: /data',
      '      - type: bind',
      '        source: ./cfg',
      '        target: /cfg',
      '        read_only: «false»',
      '      - { type: bind, source: «./logs», target: /logs }',
      '',
    ].join('\n'),
    COMPOSE,
  );
});

test('is quiet on named and anonymous volumes, read-only mounts, sockets, tmpfs, unknown sources and x- fields', () => {
  assertQuiet(
    ID,
    [
      'x-volumes:',
      '  - ./not-a-service:/x',
      'services:',
      '  db:',
      '    image: postgres:16',
      '    volumes:',
      '      - db-data:/var/lib/postgresql/data',
      '      - /var/lib/anonymous',
      '      - ./init:/docker-entrypoint-initdb.d:ro',
      '      - ./a:/a:ro,z',
      '      - "./b:/b:Z,ro"',
      '      - ${HOST_DIR}:/data',
      '      - type: bind',
      '        source: ./c',
      '        target: /c',
      '        read_only: true',
      '      - type: bind',
      '        source: ./d',
      '        target: /d',
      '        read_only: "yes"',
      '      - type: volume',
      '        source: db-data',
      '        target: /e',
      '      - type: tmpfs',
      '        target: /tmp',
      '      - /var/run/docker.sock:/var/run/docker.sock',
      '      - /run/mysqld/mysqld.sock:/run/mysqld/mysqld.sock',
      '    volumes_from:',
      '      - other',
      'volumes:',
      '  db-data:',
      '',
    ].join('\n'),
    COMPOSE,
  );
});

test('a mount from a merge key fires once per service, at the anchor, naming the service', () => {
  const found = assertFires(
    ID,
    [
      'x-common: &common',
      '  volumes:',
      '    - ««./shared:/shared»»',
      'services:',
      '  a:',
      '    <<: *common',
      '    image: a:1',
      '  b:',
      '    <<: *common',
      '    image: b:1',
      '  c:',
      '    <<: *common',
      '    image: c:1',
      '    volumes:',
      '      - ./shared:/shared:ro',
      '',
    ].join('\n'),
    COMPOSE,
  );
  assert.match(found[0].message, /Service 'a'/);
  assert.match(found[1].message, /Service 'b'/);
});

test('fix: appends :ro, or replaces rw, or puts ro first in an existing mode list', () => {
  assertComposeFix(
    ID,
    'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./html:/usr/share/nginx/html # site\n',
    'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./html:/usr/share/nginx/html:ro # site\n',
    (data) => (data.services.web.volumes[0] = './html:/usr/share/nginx/html:ro'),
  );
  assertComposeFix(
    ID,
    'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - /srv/data:/data:rw\n',
    'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - /srv/data:/data:ro\n',
    (data) => (data.services.web.volumes[0] = '/srv/data:/data:ro'),
  );
  assertComposeFix(
    ID,
    'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - "../config:/etc/app:z"\n',
    'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - "../config:/etc/app:ro,z"\n',
    (data) => (data.services.web.volumes[0] = '../config:/etc/app:ro,z'),
  );
  assertComposeFix(
    ID,
    'services:\r\n  web:\r\n    image: nginx:1.27\r\n    volumes: [./a:/a, db:/db]\r\n',
    'services:\r\n  web:\r\n    image: nginx:1.27\r\n    volumes: [./a:/a:ro, db:/db]\r\n',
    (data) => (data.services.web.volumes[0] = './a:/a:ro'),
  );
});

test('fix: long syntax gets read_only: true at the item indentation, or false becomes true', () => {
  assertComposeFix(
    ID,
    [
      'services:',
      '  web:',
      '    image: nginx:1.27',
      '    volumes:',
      '      - type: bind',
      '        source: ./data # host',
      '        target: /data',
      '    ports: ["80:80"]',
      '',
    ].join('\n'),
    [
      'services:',
      '  web:',
      '    image: nginx:1.27',
      '    volumes:',
      '      - type: bind',
      '        source: ./data # host',
      '        target: /data',
      '        read_only: true',
      '    ports: ["80:80"]',
      '',
    ].join('\n'),
    (data) => (data.services.web.volumes[0].read_only = true),
  );
  assertComposeFix(
    ID,
    'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - type: bind\n        read_only: false\n        source: ./d\n        target: /d\n',
    'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - type: bind\n        read_only: true\n        source: ./d\n        target: /d\n',
    (data) => (data.services.web.volumes[0].read_only = true),
  );
  assertComposeFix(
    ID,
    'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - { type: bind, source: ./logs, target: /logs }\n',
    'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - { type: bind, source: ./logs, target: /logs, read_only: true }\n',
    (data) => (data.services.web.volumes[0].read_only = true),
  );
});

test('fix for a merged mount overrides the list in the service; a second variant edits the anchor', () => {
  const text = [
    'x-common: &common',
    '  volumes:',
    '    - ./shared:/shared',
    '    - cache:/cache',
    'services:',
    '  a:',
    '    <<: *common',
    '    image: a:1',
    '',
  ].join('\n');
  assertComposeFix(
    ID,
    text,
    [
      'x-common: &common',
      '  volumes:',
      '    - ./shared:/shared',
      '    - cache:/cache',
      'services:',
      '  a:',
      '    <<: *common',
      '    image: a:1',
      '    volumes: ["./shared:/shared:ro", "cache:/cache"]',
      '',
    ].join('\n'),
    (data) => (data.services.a.volumes = ['./shared:/shared:ro', 'cache:/cache']),
  );
  const [finding] = findingsOf(ID, text, COMPOSE);
  assert.match(finding.fixes[0].title, /in service 'a'/, 'the service override comes first');
  assert.ok(finding.fixes.every((fix) => !fix.preferred), 'fix-all never makes a mount read-only unattended');
  assertComposeFix(
    ID,
    text,
    text.replace('- ./shared:/shared\n', '- ./shared:/shared:ro\n'),
    (data) => {
      data['x-common'].volumes[0] = './shared:/shared:ro';
      data.services.a.volumes[0] = './shared:/shared:ro';
    },
    COMPOSE,
    /anchor/,
  );
});

test('a merged long-syntax mount cannot be copied into the service: the anchor edit is offered alone only when no other service uses the anchor', () => {
  const anchor = 'x-common: &common\n  volumes:\n    - type: bind\n      source: ./data\n      target: /data\n';
  const one = `${anchor}services:\n  a:\n    <<: *common\n    image: a:1\n`;
  assert.deepEqual(
    findingsOf(ID, one, COMPOSE)[0].fixes.map((fix) => fix.title),
    ['Mount read-only in anchor &common (used by a)'],
  );
  assertComposeFix(ID, one, one.replace('      target: /data\n', '      target: /data\n      read_only: true\n'), (data) => {
    data['x-common'].volumes[0].read_only = true;
    data.services.a.volumes[0].read_only = true;
  }, COMPOSE, /anchor/);
  const two = `${one}  b:\n    <<: *common\n    image: b:1\n`;
  assert.deepEqual(findingsOf(ID, two, COMPOSE)[0].fixes, []);
});
