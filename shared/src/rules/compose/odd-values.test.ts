import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { lint } from '../../lint';
import { resolveConfig } from '../../config/config';

/**
 * DG208 and DG215–DG227 on value forms Compose would reject or that are unusual: every rule must
 * stay quiet or report sensibly, never throw. (The engine would catch a throw, but the findings of
 * that rule would be lost for the whole file.)
 */

const RULES = ['DG208', 'DG215', 'DG216', 'DG217', 'DG218', 'DG219', 'DG220', 'DG221', 'DG222', 'DG223', 'DG224', 'DG225', 'DG226', 'DG227'];
const config = resolveConfig({ rules: Object.fromEntries(RULES.map((id) => [id, 'info'])) });

const ODD_SERVICES = [
  'volumes: 5',
  'volumes: { a: b }',
  'volumes: [~, "", ":", "::", ":/x", "./a:", [1, 2], { type: bind }, { type: bind, source: [x] }, { bind: 3 }]',
  'volumes: ["./a:/a:${MODE}", "./b:/b:ro,${X}", "${A}:${B}:${C}"]',
  'ports: [~, "", ":", "a:b:c:d:e", { published: [1] }, { target: ~ }, [80]]',
  'ports: "80:80"',
  'environment: "FOO=bar"',
  'environment: [~, "", "=x", { a: b }, [1]]',
  'environment: { PASSWORD: [1, 2], TOKEN: { a: b }, SECRET: ~ }',
  'deploy: []',
  'deploy: { resources: [], restart_policy: "any" }',
  'deploy: { resources: { limits: [] }, restart_policy: { condition: [any], max_attempts: x } }',
  'deploy: { restart_policy: ~ }',
  'restart: [always]',
  'restart: { always: true }',
  'ulimits: [nofile]',
  'ulimits: ~',
  'ulimits: { nofile: [], nproc: {} }',
  'devices: "/dev/sda"',
  'devices: [~, "", { source: ~ }, [1]]',
  'device_cgroup_rules: 7',
  'image: [nginx]',
  'image: ~',
  'image: "@sha256:"',
  'build: [1]',
  'build: { context: [x], dockerfile: ~, target: { a: 1 } }',
  'build: { dockerfile_inline: [FROM x] }',
  'extends: [base]',
  'extends: { service: [x] }',
  'user: [root]',
  'mem_limit: [1]',
  'cpus: { a: 1 }',
  'pids_limit: ~',
  'network_mode: [host]',
  'networks: 5',
];

test('odd value forms never make a rule throw', () => {
  for (const line of ODD_SERVICES) {
    for (const eol of ['\n', '\r\n']) {
      const text = ['services:', '  web:', '    image: nginx:1.27', `    ${line}`, '  base: { image: a }', ''].join(eol);
      const output = lint(text, { fileName: 'compose.yaml', config, readFile: () => 'FROM alpine\nUSER root\n' });
      assert.deepEqual(output.ruleErrors, [], line);
    }
  }
});

test('odd top-level forms never make a rule throw', () => {
  const files = [
    'services:\n  a: ~\n  b: *nothing\n',
    'services:\n  a: &a { image: x, <<: *a }\n',
    'services: { a: { image: x }, b: { image: y } }\nnetworks: [a]\n',
    'services:\n  a: { image: x }\n  b: { image: y }\nnetworks:\n  default: 5\n  n: { driver_opts: [1] }\n  m: { driver: [bridge], driver_opts: { com.docker.network.bridge.enable_icc: [true] } }\n',
    '\uFEFFservices:\n\ta:\n\t\timage: x\n',
    'x-a: &a\n  volumes: &v\n    - ./a:/a\nservices:\n  s:\n    <<: *a\n    volumes: *v\n    image: x\n',
    'services:\n  a:\n    image: x\n    volumes:\n      - *undefined\n',
  ];
  for (const text of files) {
    const output = lint(text, { fileName: 'compose.yaml', config });
    assert.deepEqual(output.ruleErrors, [], text);
  }
});
