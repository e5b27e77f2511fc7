import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { assertFires, assertQuiet, assertFix, applyFixChecked } from '../../test-support/rule-test';

const ID = 'DG107';

test('fires on http(s) downloads without --checksum', () => {
  assertFires(ID, 'FROM alpine\nADD «https://example.com/tool» /usr/local/bin/tool\n');
  assertFires(ID, 'FROM alpine\nadd --chown=1:1 «http://example.com/a.tar.gz» /tmp/\n');
  assertFires(ID, 'FROM alpine\nADD «HTTPS://example.com/a» local.txt /opt/\n');
  assertFires(ID, 'FROM alpine\nADD ["«https://example.com/a b»", "/x"]\n');
  assertFires(ID, 'FROM alpine\nARG V=1.2\nADD «https://example.com/v$V/tool» /bin/\n');
  assertFires(ID, 'FROM alpine\nADD «https://example.com/$UNKNOWN/tool» /bin/\n');
  assertFires(ID, 'FROM alpine\nARG URL=https://example.com/tool\nADD «$URL» /bin/\n');
  assertFires(ID, 'FROM alpine\nADD --unpack=true «https://example.com/a.tgz» /opt/\n');
});

test('fires on git sources at a movable ref', () => {
  assertFires(ID, 'FROM alpine\nADD «https://github.com/moby/buildkit.git#v0.10.1» /src\n');
  assertFires(ID, 'FROM alpine\nADD «https://github.com/moby/buildkit.git» /src\n');
  assertFires(ID, 'FROM alpine\nADD «git@github.com:moby/buildkit.git#main» /src\n');
  assertFires(ID, 'FROM alpine\nADD --keep-git-dir=true «https://github.com/x/y.git#${REF}» /src\n');
});

test('fires on local archives, which ADD unpacks', () => {
  assertFires(ID, 'FROM scratch\nADD «rootfs.tar.xz» /\n');
  for (const name of ['a.tar', 'a.tgz', 'a.tar.gz', 'a.TAR.BZ2', 'a.tbz2', 'a.txz', 'a.tar.zst', 'dist/*.tar.gz']) {
    assertFires(ID, `FROM alpine\nADD «${name}» /opt/\n`);
  }
  assertFires(ID, 'FROM alpine\nARG PKG=app-1.0.tgz\nADD «$PKG» /opt/\n');
});

test('does not fire with a checksum, a pinned commit, local files, or unpack=false', () => {
  assertQuiet(ID, 'FROM alpine\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/a /a\n');
  assertQuiet(ID, 'FROM alpine\nADD https://github.com/moby/buildkit.git#d1b5f5a0e0f9a4e64a2d4e0d6b1ab3c4d5e6f708 /src\n');
  assertQuiet(ID, 'FROM alpine\nADD git@github.com:x/y.git#d1b5f5a0e0f9a4e64a2d4e0d6b1ab3c4d5e6f708:sub /src\n');
  assertQuiet(ID, 'FROM alpine\nADD start.sh config.yml /app/\nADD . /app\nADD ["test file", "/tmp/test file"]\n');
  assertQuiet(ID, 'FROM alpine\nADD app.zip app.jar data.gz /opt/\n');
  assertQuiet(ID, 'FROM alpine\nADD --unpack=false app.tar.gz /opt/\n');
  assertQuiet(ID, 'FROM alpine\nADD $SOMETHING /opt/\n');
  assertQuiet(ID, 'FROM alpine\nCOPY app.tar.gz /opt/\nRUN echo ADD https://x /y\n');
  assertQuiet(ID, 'FROM alpine\nADD <<EOF /etc/motd\nhttps://example.com/x.tar.gz\nEOF\n');
});

test('the destination is not a source', () => {
  assertQuiet(ID, 'FROM alpine\nADD notes.txt /backup/notes.tar.gz\n');
  assertFires(ID, 'FROM alpine\nADD «a.tar» b.txt /opt/\n');
});

test('an archive added under its own archive name can become a COPY', () => {
  assertFix(ID, 'FROM alpine\nADD app.tar.gz /opt/app.tar.gz\n', 'FROM alpine\nCOPY app.tar.gz /opt/app.tar.gz\n');
  assertFix(ID, 'from alpine\nadd --chown=1:1 --chmod=644 a.tgz /x/a.tgz\n', 'from alpine\ncopy --chown=1:1 --chmod=644 a.tgz /x/a.tgz\n');
  applyFixChecked(ID, 'FROM alpine\r\nADD --link app.tar /srv/app.tar\r\n');
});

test('no COPY fix where COPY would change the result', () => {
  const cases = [
    'FROM alpine\nADD «app.tar.gz» /opt/\n',
    'FROM alpine\nADD «app.tar.gz» /opt/app\n',
    'FROM alpine\nADD «https://example.com/app.tar.gz» /opt/app.tar.gz\n',
  ];
  for (const marked of cases) {
    const [finding] = assertFires(ID, marked);
    assert.deepEqual(finding.fixes, [], marked);
  }
});
