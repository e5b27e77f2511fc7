import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { buildComposeModel, type Service } from './model';
import {
  capabilities,
  environment,
  interpolate,
  limits,
  mountHostPath,
  noNewPrivileges,
  parsePortSpec,
  portRangeIncludes,
  ports,
  restartPolicies,
  scalar,
  securityOptions,
  toBoolean,
  UNKNOWN,
  volumes,
} from './values';

function service(body: string, extra = ''): Service {
  const model = buildComposeModel(`${extra}services:\n  s:\n${body.replace(/^/gm, '    ')}\n`);
  assert.deepEqual(model.parseErrors, []);
  return model.services[0];
}

test('interpolation: defaults, $$, and unknown variables', () => {
  assert.equal(interpolate('plain'), 'plain');
  assert.equal(interpolate('${NET:-host}'), 'host');
  assert.equal(interpolate('${NET-host}'), 'host');
  assert.equal(interpolate('${A:-${B:-nested}}x'), 'nestedx');
  assert.equal(interpolate('$$HOME'), '$HOME');
  assert.equal(interpolate('a$$b'), 'a$b');
  assert.equal(interpolate('${VAR}'), undefined);
  assert.equal(interpolate('$VAR'), undefined);
  assert.equal(interpolate('x${VAR:?required}'), undefined);
  assert.equal(interpolate('${VAR:+set}'), undefined);
  assert.equal(interpolate('${unterminated'), undefined);
  assert.equal(interpolate('cost: 5$'), 'cost: 5$');
  assert.equal(interpolate('${EMPTY:-}'), '');
});

test('scalar keeps the text as written for plain scalars and interpolates', () => {
  const s = service('cpus: 1.0\nuser: "${UID:-1000}:1000"\nmem_limit:\nimage: ${IMAGE}');
  assert.deepEqual({ raw: scalar(s.field('cpus')!.value)!.raw, value: scalar(s.field('cpus')!.value)!.value }, { raw: '1.0', value: '1.0' });
  assert.equal(scalar(s.field('user')!.value)!.value, '1000:1000');
  assert.equal(scalar(s.field('mem_limit')!.value)!.value, '');
  assert.equal(scalar(s.field('image')!.value)!.value, undefined);
  assert.equal(scalar(s.field('image')!.value)!.pattern, UNKNOWN);
});

test('booleans as Compose casts them: true|yes|on|y in any case, quoted or not', () => {
  const cases: [string, boolean | undefined][] = [
    ['true', true], ['True', true], ['"yes"', true], ['ON', true], ["'y'", true], ['${P:-true}', true],
    ['false', false], ['no', false], ['"Off"', false], ['n', false],
    ['${P}', undefined], ['1', undefined], ['maybe', undefined], ['', undefined],
  ];
  for (const [written, expected] of cases) {
    assert.equal(toBoolean(service(`privileged: ${written}`).field('privileged')!.value), expected, written);
  }
});

test('security_opt: key=value, key:value, bare no-new-privileges, Go booleans', () => {
  const s = service('security_opt:\n  - no-new-privileges\n  - no-new-privileges=true\n  - "no-new-privileges:false"\n  - no-new-privileges=1\n  - no-new-privileges=yes\n  - seccomp=unconfined\n  - seccomp:/p=x.json\n  - label:disable\n  - apparmor=${PROFILE}\n  - ${OPT}');
  const options = securityOptions(s.field('security_opt'));
  assert.deepEqual(
    options.map((option) => [option.key, option.value, option.separator, noNewPrivileges(option)]),
    [
      ['no-new-privileges', undefined, '', true],
      ['no-new-privileges', 'true', '=', true],
      ['no-new-privileges', 'false', ':', false],
      ['no-new-privileges', '1', '=', true],
      ['no-new-privileges', 'yes', '=', undefined],
      ['seccomp', 'unconfined', '=', undefined],
      ['seccomp:/p', 'x.json', '=', undefined],
      ['label', 'disable', ':', undefined],
      ['apparmor', undefined, '=', undefined],
      [undefined, undefined, '', undefined],
    ],
  );
  assert.deepEqual(securityOptions(undefined), []);
});

test('capabilities: any case, optional CAP_ prefix, aliases, unknown variables', () => {
  const s = service('cap_add: [all, cap_sys_admin, "Net_Admin", "${CAP}", *c]', 'x: &c CAP_BPF\n');
  assert.deepEqual(capabilities(s.field('cap_add')).map((cap) => cap.name), ['ALL', 'SYS_ADMIN', 'NET_ADMIN', undefined, 'BPF']);
});

test('volumes: short syntax with modes, Windows paths, ~, relative paths, named volumes, variables', () => {
  const s = service(
    [
      'volumes:',
      '  - /var/run/docker.sock:/var/run/docker.sock:ro',
      '  - ./data:/data:rw,z',
      '  - ../up:/up',
      '  - .:/app',
      '  - ~/.ssh:/root/.ssh:ro',
      '  - C:\\Users\\me:/me',
      '  - \\\\.\\pipe\\docker_engine:\\\\.\\pipe\\docker_engine',
      '  - named:/var/lib/data',
      '  - /anonymous',
      '  - ${DATA:-./d}:/d',
      '  - ${HOME}/.aws:/root/.aws',
      '  - ${VOL}:/v',
      '  - /srv:/srv:rshared',
      '  - /x:/x:${MODE}',
    ].join('\n'),
  );
  const mounts = volumes(s.field('volumes'));
  assert.deepEqual(
    mounts.map((mount) => [mount.type, mount.source, mount.target, mount.readOnly, mount.propagation]),
    [
      ['bind', '/var/run/docker.sock', '/var/run/docker.sock', true, undefined],
      ['bind', './data', '/data', false, undefined],
      ['bind', '../up', '/up', false, undefined],
      ['bind', '.', '/app', false, undefined],
      ['bind', '~/.ssh', '/root/.ssh', true, undefined],
      ['bind', 'C:\\Users\\me', '/me', false, undefined],
      ['bind', '\\\\.\\pipe\\docker_engine', '\\\\.\\pipe\\docker_engine', false, undefined],
      ['volume', 'named', '/var/lib/data', false, undefined],
      ['volume', undefined, '/anonymous', false, undefined],
      ['bind', './d', '/d', false, undefined],
      ['bind', undefined, '/root/.aws', false, undefined],
      [undefined, undefined, '/v', false, undefined],
      ['bind', '/srv', '/srv', false, 'rshared'],
      ['bind', '/x', '/x', undefined, undefined],
    ],
  );
  const text = s.model.text;
  assert.equal(text.slice(mounts[0].sourceStart, mounts[0].sourceEnd), '/var/run/docker.sock');
  assert.equal(text.slice(mounts[9].sourceStart, mounts[9].sourceEnd), '${DATA:-./d}');
  assert.equal(mounts[10].sourcePattern, `${UNKNOWN}/.aws`);
});

test('volumes: long syntax, and named volumes that are binds in disguise', () => {
  const s = service(
    [
      'volumes:',
      '  - type: bind',
      '    source: /etc',
      '    target: /host-etc',
      '    read_only: "yes"',
      '    bind:',
      '      propagation: rshared',
      '  - type: volume',
      '    source: data',
      '    target: /data',
      '  - type: tmpfs',
      '    target: /tmp',
      '  - source: ./rel',
      '    target: /rel',
      '    read_only: ${RO}',
      '  - data2:/d2',
    ].join('\n'),
  );
  const model = buildComposeModel(`${s.model.text}volumes:\n  data:\n    driver: local\n    driver_opts:\n      type: none\n      o: bind\n      device: /srv/data\n  data2: {}\n`);
  const mounts = volumes(model.services[0].field('volumes'));
  assert.deepEqual(
    mounts.map((mount) => [mount.type, mount.source, mount.target, mount.readOnly, mount.propagation, mount.short, mountHostPath(mount)]),
    [
      ['bind', '/etc', '/host-etc', true, 'rshared', false, '/etc'],
      ['volume', 'data', '/data', false, undefined, false, '/srv/data'],
      ['tmpfs', undefined, '/tmp', false, undefined, false, undefined],
      ['bind', './rel', '/rel', undefined, undefined, false, './rel'],
      ['volume', 'data2', '/d2', false, undefined, true, undefined],
    ],
  );
  assert.equal(model.text.slice(mounts[0].sourceStart, mounts[0].sourceEnd), '/etc');
  assert.equal(mounts[0].readOnlyField!.key, 'read_only');
  assert.equal(mounts[1].hostPathField!.key, 'device');
});

test('ports: host IPs (incl. IPv6), ranges, protocols, long syntax, unknown parts', () => {
  const s = service(
    'ports:\n  - 80\n  - "8080:80"\n  - 127.0.0.1:2375:2375\n  - "[::1]:443:443/tcp"\n  - "127.0.0.1::53/udp"\n  - "8000-8010:8000-8010"\n  - ${IP}:22:22\n  - target: 2375\n    published: "2375"\n    host_ip: 0.0.0.0\n    protocol: tcp\n  - target: 80\n',
  );
  assert.deepEqual(
    ports(s.field('ports')).map((port) => [port.hostIp, port.hostIpKnown, port.published, port.target, port.protocol, port.short, port.known]),
    [
      [undefined, true, undefined, '80', undefined, true, true],
      [undefined, true, '8080', '80', undefined, true, true],
      ['127.0.0.1', true, '2375', '2375', undefined, true, true],
      ['::1', true, '443', '443', 'tcp', true, true],
      ['127.0.0.1', true, undefined, '53', 'udp', true, true],
      [undefined, true, '8000-8010', '8000-8010', undefined, true, true],
      [undefined, false, '22', '22', undefined, true, false],
      ['0.0.0.0', true, '2375', '2375', 'tcp', false, true],
      [undefined, true, undefined, '80', undefined, false, true],
    ],
  );
  assert.equal(parsePortSpec('::1:80:80').hostIp, '::1');
  assert.ok(portRangeIncludes('2370-2380', 2375));
  assert.ok(portRangeIncludes('2375', 2375));
  assert.ok(!portRangeIncludes('2376', 2375));
  assert.ok(!portRangeIncludes(undefined, 2375));
});

test('environment: map and list forms with exact offsets, unset and unknown values', () => {
  const map = service('environment:\n  DB_PASSWORD: hunter2\n  EMPTY: ""\n  UNSET:\n  FROM_ENV: ${SECRET}\n  NUM: 5');
  const mapEntries = environment(map.field('environment'));
  const text = map.model.text;
  assert.deepEqual(
    mapEntries.map((entry) => [entry.name, entry.value, entry.set, text.slice(entry.nameStart, entry.nameEnd), entry.valueStart === undefined ? undefined : text.slice(entry.valueStart, entry.valueEnd)]),
    [
      ['DB_PASSWORD', 'hunter2', true, 'DB_PASSWORD', 'hunter2'],
      ['EMPTY', '', true, 'EMPTY', '""'],
      ['UNSET', undefined, false, 'UNSET', undefined],
      ['FROM_ENV', undefined, true, 'FROM_ENV', '${SECRET}'],
      ['NUM', '5', true, 'NUM', '5'],
    ],
  );
  const list = service('environment:\n  - API_TOKEN=abc=def\n  - "QUOTED=x y"\n  - JUST_NAME\n  - EMPTY=\n  - REF=${X}');
  const listText = list.model.text;
  assert.deepEqual(
    environment(list.field('environment')).map((entry) => [entry.name, entry.value, entry.set, listText.slice(entry.nameStart, entry.nameEnd), entry.valueStart === undefined ? undefined : listText.slice(entry.valueStart, entry.valueEnd)]),
    [
      ['API_TOKEN', 'abc=def', true, 'API_TOKEN', 'abc=def'],
      ['QUOTED', 'x y', true, 'QUOTED', 'x y'],
      ['JUST_NAME', undefined, false, 'JUST_NAME', undefined],
      ['EMPTY', '', true, 'EMPTY', ''],
      ['REF', undefined, true, 'REF', '${X}'],
    ],
  );
});

test('environment maps take merge keys into account', () => {
  const s = service('environment:\n  <<: *env\n  OWN: 1', 'x-env: &env\n  SHARED: 2\n  OWN: 3\n');
  assert.deepEqual(environment(s.field('environment')).map((entry) => [entry.name, entry.value, entry.field!.fromMerge]), [['OWN', '1', false], ['SHARED', '2', true]]);
});

test('limits from the service keys or deploy.resources.limits, either counts', () => {
  assert.deepEqual(Object.keys(limits(service('image: x'))), []);
  const classic = limits(service('mem_limit: 512m\ncpus: 0.5\npids_limit: 100'));
  assert.deepEqual([classic.memory!.value, classic.cpus!.value, classic.pids!.value], ['512m', '0.5', '100']);
  const deploy = limits(service('deploy:\n  resources:\n    limits:\n      memory: 1G\n      cpus: "2"\n      pids: 50'));
  assert.deepEqual([deploy.memory!.path, deploy.cpus!.path, deploy.pids!.path], ['deploy.resources.limits.memory', 'deploy.resources.limits.cpus', 'deploy.resources.limits.pids']);
  const unlimited = limits(service('pids_limit: -1\nmem_limit: 0\ncpus: ${CPUS}'));
  assert.deepEqual([unlimited.pids!.unlimited, unlimited.memory!.unlimited, unlimited.cpus!.unlimited, unlimited.cpus!.value], [true, true, false, undefined]);
  const mixed = limits(service('pids_limit: 0\ndeploy:\n  resources:\n    limits:\n      pids: 10'));
  assert.deepEqual([mixed.pids!.path, mixed.pids!.unlimited], ['deploy.resources.limits.pids', false]);
  assert.equal(limits(service('cpu_quota: 50000')).cpus!.path, 'cpu_quota');
});

test('restart and deploy.restart_policy', () => {
  assert.deepEqual(restartPolicies(service('image: x')), []);
  const always = restartPolicies(service('restart: always'));
  assert.deepEqual(always.map((policy) => [policy.source, policy.condition, policy.maxAttempts]), [['restart', 'always', undefined]]);
  assert.deepEqual(restartPolicies(service('restart: on-failure:5')).map((policy) => [policy.condition, policy.maxAttempts]), [['on-failure', 5]]);
  assert.deepEqual(restartPolicies(service('restart: "no"')).map((policy) => policy.condition), ['no']);
  assert.deepEqual(restartPolicies(service('restart: ${RESTART:-unless-stopped}')).map((policy) => policy.condition), ['unless-stopped']);
  assert.deepEqual(restartPolicies(service('restart: ${RESTART}')).map((policy) => policy.condition), [undefined]);
  const deploy = restartPolicies(service('deploy:\n  restart_policy:\n    max_attempts: 3'));
  assert.deepEqual(deploy.map((policy) => [policy.source, policy.condition, policy.maxAttempts, policy.conditionField]), [['deploy', 'any', 3, undefined]]);
  const onFailure = restartPolicies(service('deploy:\n  restart_policy:\n    condition: on-failure'));
  assert.deepEqual(onFailure.map((policy) => [policy.condition, policy.maxAttempts, policy.conditionField!.key]), [['on-failure', undefined, 'condition']]);
});
