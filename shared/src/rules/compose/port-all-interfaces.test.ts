import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { assertFires, assertQuiet, findingsOf, type LintSetup } from '../../test-support/rule-test';
import { assertComposeFix, COMPOSE } from '../../test-support/compose-fix';

const ID = 'DG225';
const ON: LintSetup = { ...COMPOSE, config: { rules: { 'port-all-interfaces': 'warning' } } };

test('is off by default', () => {
  assert.deepEqual(findingsOf(ID, 'services:\n  web:\n    image: nginx:1.27\n    ports: ["80:80"]\n', COMPOSE), []);
});

test('fires on published ports without a host IP: short, ranges, protocol, container-only, long', () => {
  assertFires(
    ID,
    [
      'services:',
      '  web:',
      '    image: nginx:1.27',
      '    ports:',
      '      - "«80:80»"',
      '      - «3000»',
      '      - «8080-8081:80-81»',
      "      - '«5353:53/udp»'",
      '      - target: 443',
      '        published: «8443»',
      '      - target: «9000»',
      '      - { target: 9100, published: «9100», protocol: tcp }',
      '',
    ].join('\n'),
    ON,
  );
});

test('is quiet with a host IP (IPv4, IPv6, explicit 0.0.0.0), on expose, and in host network mode', () => {
  assertQuiet(
    ID,
    [
      'services:',
      '  web:',
      '    image: nginx:1.27',
      '    ports:',
      '      - "127.0.0.1:80:80"',
      '      - 127.0.0.1:8080:8080',
      '      - "[::1]:8443:443"',
      '      - "0.0.0.0:25:25"',
      '      - "127.0.0.1::9000"',
      '      - target: 443',
      '        published: 8443',
      '        host_ip: 127.0.0.1',
      '    expose:',
      '      - "9090"',
      '  agent:',
      '    image: agent:1',
      '    network_mode: host',
      '    ports:',
      '      - "9100:9100"',
      'x-ports:',
      '  ports: ["22:22"]',
      '',
    ].join('\n'),
    ON,
  );
});

test('fix: prefixes 127.0.0.1: in the same quoting; a container-only port keeps an ephemeral host port', () => {
  assertComposeFix(
    ID,
    'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "80:80" # http\n',
    'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:80:80" # http\n',
    (data) => (data.services.web.ports[0] = '127.0.0.1:80:80'),
    ON,
  );
  assertComposeFix(
    ID,
    'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - 8000:8000\n',
    'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - 127.0.0.1:8000:8000\n',
    (data) => (data.services.web.ports[0] = '127.0.0.1:8000:8000'),
    ON,
  );
  assertComposeFix(
    ID,
    'services:\n  web:\n    image: nginx:1.27\n    ports: [3000, "5353:53/udp"]\n',
    'services:\n  web:\n    image: nginx:1.27\n    ports: ["127.0.0.1::3000", "5353:53/udp"]\n',
    (data) => (data.services.web.ports[0] = '127.0.0.1::3000'),
    ON,
  );
});

test('fix: long syntax gets host_ip', () => {
  assertComposeFix(
    ID,
    'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - target: 443\n        published: 8443\n',
    'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - target: 443\n        published: 8443\n        host_ip: 127.0.0.1\n',
    (data) => (data.services.web.ports[0].host_ip = '127.0.0.1'),
    ON,
  );
  assertComposeFix(
    ID,
    'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - { target: 9100, published: 9100 }\n',
    'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - { target: 9100, published: 9100, host_ip: 127.0.0.1 }\n',
    (data) => (data.services.web.ports[0].host_ip = '127.0.0.1'),
    ON,
  );
});
