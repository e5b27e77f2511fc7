import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { assertFires, assertQuiet, assertFix, applyFixChecked } from '../../test-support/rule-test';

const ID = 'DG113';

test('fires on port 22 with or without a protocol, and on ranges that include it', () => {
  assertFires(ID, 'FROM debian\nEXPOSE «22»\n');
  assertFires(ID, 'FROM debian\nEXPOSE «22/tcp» 80/tcp 443/tcp\n');
  assertFires(ID, 'FROM debian\nexpose 80 «22/udp»\n');
  assertFires(ID, 'FROM debian\nEXPOSE «20-25»\n');
  assertFires(ID, 'FROM debian\nEXPOSE «1-65535/tcp»\n');
  assertFires(ID, 'FROM debian\nEXPOSE «"22"»\n');
});

test('resolves ARG and ENV values, and defaults', () => {
  assertFires(ID, 'FROM debian\nARG SSH_PORT=22\nEXPOSE «$SSH_PORT»\n');
  assertFires(ID, 'ARG P=22\nFROM debian\nARG P\nEXPOSE 80 «${P}»\n');
  assertFires(ID, 'FROM debian\nENV PORTS="80 22"\nEXPOSE «$PORTS»\n');
  assertFires(ID, 'FROM debian\nEXPOSE «${SSH_PORT:-22}»\n');
  assertFires(ID, 'FROM debian AS base\nENV SSH=22\nFROM base\nEXPOSE «$SSH»\n');
});

test('does not fire on other ports, unknown variables, or stages that do not ship', () => {
  assertQuiet(ID, 'FROM debian\nEXPOSE 2222 220 122/tcp 8022\n');
  assertQuiet(ID, 'FROM debian\nEXPOSE 23-80\n');
  assertQuiet(ID, 'FROM debian\nARG SSH_PORT\nEXPOSE $SSH_PORT\n');
  assertQuiet(ID, 'FROM debian\nEXPOSE $PORT\nARG PORT=22\n');
  assertQuiet(ID, 'FROM debian\nRUN echo EXPOSE 22\n# EXPOSE 22\n');
  assertQuiet(ID, 'FROM debian AS tools\nEXPOSE 22\nRUN make\nFROM gcr.io/distroless/static\nCOPY --from=tools /out /out\n');
});

test('fires in an alternative target and in the final stage\'s parents', () => {
  assertFires(ID, 'FROM debian AS dev\nEXPOSE «22»\nFROM debian AS prod\nRUN true\n');
  assertFires(ID, 'FROM debian AS base\nEXPOSE «22»\nFROM base\nRUN true\n');
});

test('the fix removes the port, or the whole EXPOSE line when it is the only port', () => {
  assertFix(ID, 'FROM debian\nEXPOSE 22\nCMD ["sshd"]\n', 'FROM debian\nCMD ["sshd"]\n');
  assertFix(ID, 'FROM debian\r\nEXPOSE 22/tcp 80/tcp 443/tcp\r\n', 'FROM debian\r\nEXPOSE 80/tcp 443/tcp\r\n');
  assertFix(ID, 'FROM debian\nEXPOSE 80 22\n', 'FROM debian\nEXPOSE 80\n');
  assertFix(ID, 'FROM debian\nEXPOSE 22', 'FROM debian\n');
  assertFix(ID, 'FROM debian\nEXPOSE 80 \\\n  22 \\\n  443\n', 'FROM debian\nEXPOSE 80 \\\n  443\n');
  assertFix(ID, 'FROM debian\nEXPOSE 80 \\\n  22\nUSER 1\n', 'FROM debian\nEXPOSE 80\nUSER 1\n');
  applyFixChecked(ID, 'FROM debian\nARG SSH_PORT=22\nEXPOSE $SSH_PORT 80\n');
});

test('no fix for a range or a variable holding several ports', () => {
  for (const text of ['FROM debian\nEXPOSE 20-25\n', 'FROM debian\nENV PORTS="80 22"\nEXPOSE $PORTS\n']) {
    const [finding] = assertFires(ID, text.replace(/EXPOSE (\S+)/, 'EXPOSE «$1»'));
    assert.equal(finding.fixes.length, 0);
  }
});
