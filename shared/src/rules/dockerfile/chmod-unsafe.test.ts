import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { assertFires, assertQuiet, findingsOf } from '../../test-support/rule-test';
import { modeEffect } from './chmod-unsafe';

const ID = 'DG115';

test('modeEffect reads octal and symbolic modes', () => {
  const bits = (mode: string) => {
    const effect = modeEffect(mode);
    if (!effect) return 'not a mode';
    return (['setuid', 'setgid', 'worldWritable', 'sticky'] as const).filter((key) => effect[key]).join(' ');
  };
  assert.equal(bits('4755'), 'setuid');
  assert.equal(bits('04755'), 'setuid');
  assert.equal(bits('2755'), 'setgid');
  assert.equal(bits('6755'), 'setuid setgid');
  assert.equal(bits('=2775'), 'setgid');
  assert.equal(bits('777'), 'worldWritable');
  assert.equal(bits('0666'), 'worldWritable');
  assert.equal(bits('776'), 'worldWritable');
  assert.equal(bits('1777'), 'worldWritable sticky');
  assert.equal(bits('755'), '');
  assert.equal(bits('775'), '');
  assert.equal(bits('u+s'), 'setuid');
  assert.equal(bits('g+s'), 'setgid');
  assert.equal(bits('+s'), 'setuid setgid');
  assert.equal(bits('u=rwxs,go=rx'), 'setuid');
  assert.equal(bits('o+w'), 'worldWritable');
  assert.equal(bits('a+rwX'), 'worldWritable');
  assert.equal(bits('ugo=rwx'), 'worldWritable');
  assert.equal(bits('go+w'), 'worldWritable');
  assert.equal(bits('+w'), '');
  assert.equal(bits('=rwx'), '');
  assert.equal(bits('a-s'), '');
  assert.equal(bits('u+s,u-s'), '');
  assert.equal(bits('o=u'), '');
  assert.equal(bits('+x'), '');
  assert.equal(bits('/usr/bin/x'), 'not a mode');
  assert.equal(bits('12345'), 'not a mode');
});

test('fires on setuid and setgid programs', () => {
  assertFires(ID, 'FROM alpine\nRUN chmod «+s» /sbin/gosu\n');
  assertFires(ID, 'FROM alpine\nRUN chmod «u+s» /usr/local/bin/nnp\n');
  assertFires(ID, 'FROM alpine\nRUN chmod «4755» /opt/app/helper\n');
  assertFires(ID, 'FROM alpine\nRUN chmod «g+s» /usr/bin/crontab\n');
  assertFires(ID, 'FROM alpine\nRUN chmod -R «g+s» /opt/app\n');
  assertFires(ID, 'FROM alpine\nRUN install «-m 4755» helper /usr/local/bin/helper\n');
  assertFires(ID, 'FROM alpine\nRUN sudo chmod «6755» /usr/local/bin/x && chmod «u=rwxs,go=rx» /usr/local/sbin/y\n');
  assertFires(ID, 'FROM alpine AS build\nRUN chmod «u+s» /out/tool\nFROM alpine\nCOPY --from=build /out/tool /usr/local/bin/\n');
});

test('fires on world-writable modes', () => {
  assertFires(ID, 'FROM alpine\nRUN chmod «777» /app\n');
  assertFires(ID, 'FROM alpine\nRUN chmod -R «a+w» $RUSTUP_HOME $CARGO_HOME\n');
  assertFires(ID, 'FROM alpine\nRUN chmod «0777» -R /var/lib/mpd\n');
  assertFires(ID, 'FROM alpine\nRUN mkdir -p /data && chmod -R «a+rwX» /data\n');
  assertFires(ID, 'FROM alpine\nRUN chmod «0622» /var/spool/trigger && chmod «o+w» /etc/app.conf\n');
  assertFires(ID, 'FROM alpine\nRUN mkdir «-m 777» /shared\n');
  assertFires(ID, 'FROM alpine\nRUN find /app -type d -exec chmod «777» {} +\n');
  assertFires(ID, 'FROM alpine\nCOPY «--chmod=777» app /app\n');
  assertFires(ID, 'FROM alpine\nADD «--chmod=4755» tool /usr/local/bin/tool\n');
});

test('sticky world-writable directories, like /tmp, are fine', () => {
  assertQuiet(ID, 'FROM alpine\nRUN chmod 1777 /var/www/html && chmod -R 1777 "$GOPATH" && mkdir -m 1777 /scratch\n');
  assertQuiet(ID, 'FROM alpine\nRUN chmod a+rwxt /tmp/shared\n');
});

test('set-id bits on directories are the shared-directory idiom', () => {
  assertQuiet(ID, 'FROM alpine\nRUN mkdir -p ${NPM_GLOBAL} && chown app:npm ${NPM_GLOBAL} && chmod g+s ${NPM_GLOBAL}\n');
  assertQuiet(ID, 'FROM alpine\nWORKDIR /srv/data\nRUN chmod 2775 /srv/data\n');
  assertQuiet(ID, 'FROM alpine\nRUN find /opt -type d | xargs -n 1 chmod g+s\n');
  assertQuiet(ID, 'FROM alpine\nRUN find /opt -type d -exec chmod g+s {} +\n');
  assertQuiet(ID, 'FROM alpine\nRUN chmod g+s /srv/shared/ && install -d -m 2775 /srv/other\n');
  assertQuiet(ID, 'FROM continuumio/miniconda3\nRUN chmod =2775 /opt/conda\n');
});

test('quiet on safe modes, removals, hardening and text', () => {
  assertQuiet(ID, 'FROM alpine\nRUN chmod +x /entrypoint.sh && chmod 755 /app && chmod -R g=u /app && chmod go-w /etc\n');
  assertQuiet(ID, 'FROM alpine\nRUN find / -perm /6000 -type f -exec chmod a-s {} \\; || true\n');
  assertQuiet(ID, 'FROM alpine\nRUN chmod +w /app/config && chmod =rw /app/file && chmod --reference=/a /b\n');
  assertQuiet(ID, 'FROM alpine\nRUN chmod $MODE /app && echo "chmod 777 /x" > /README\n# RUN chmod 777 /app\n');
  assertQuiet(ID, 'FROM alpine\nCOPY --chmod=755 app /app\nCOPY --chmod=1777 tmp /scratch\n');
});

test('a temporary directory removed later in the same RUN is fine', () => {
  assertQuiet(ID, 'FROM debian\nRUN tempDir="$(mktemp -d)" && chmod 777 "$tempDir" && make -C "$tempDir" && rm -rf "$tempDir"\n');
  assertFires(ID, 'FROM debian\nRUN tempDir="$(mktemp -d)" && chmod «777» "$tempDir" /app && rm -rf "$tempDir"\n');
});

test('world-writable files in a builder stage do not ship', () => {
  assertQuiet(ID, 'FROM golang AS build\nRUN mkdir /src && chmod 777 /src\nFROM scratch\nCOPY --from=build /out /out\n');
});

test('the message names the mode, the targets and the risk', () => {
  const [finding] = findingsOf(ID, 'FROM alpine\nRUN chmod +s /sbin/gosu\n');
  assert.match(finding.message, /'chmod \+s' on \/sbin\/gosu sets the setuid bit/);
  assert.match(finding.message, /setgid/);
});
