import { test } from 'node:test';
import { assertFires, assertQuiet, assertFix } from '../../test-support/rule-test';

const ID = 'DG103';

test('fires on sudo as a command, wherever the shell runs it', () => {
  assertFires(ID, 'FROM alpine\nRUN «sudo» apk add curl\n');
  assertFires(ID, 'FROM alpine\nRUN apk update && «sudo» apk add curl; «sudo» ls || «sudo» true\n');
  assertFires(ID, 'FROM alpine\nRUN apk update \\\n  && «sudo» apk add curl\n');
  assertFires(ID, 'FROM alpine\nRUN sh -c "apk update && «sudo» apk add x"\n');
  assertFires(ID, 'FROM alpine\nRUN <<EOF\nset -e\n«sudo» apk add x\nEOF\n');
  assertFires(ID, 'FROM alpine\nRUN echo $(«/usr/bin/sudo» id -u)\n');
});

test('does not fire on installing the sudo package, quoted text, CMD, or data here-documents', () => {
  assertQuiet(ID, 'FROM debian\nRUN apt-get install -y sudo && echo "ok"\n');
  assertQuiet(ID, "FROM debian\nRUN echo 'x && sudo y' > /etc/motd\n");
  assertQuiet(ID, 'FROM debian\nRUN echo "%wheel ALL=(ALL) NOPASSWD: ALL" >> /etc/sudoers\n');
  assertQuiet(ID, 'FROM debian\nRUN cat <<EOF > /usr/local/bin/x\nsudo rm -rf /tmp/y\nEOF\n');
  assertQuiet(ID, 'FROM debian\n# RUN sudo apt-get update\nLABEL note="sudo"\n');
});

test('the fix removes the sudo word and keeps the rest of the line', () => {
  assertFix(ID, 'FROM alpine\nRUN «sudo» apk add curl\n', 'FROM alpine\nRUN apk add curl\n');
  assertFix(ID, 'FROM alpine\r\nRUN apk update && «sudo»  apk add curl\r\n', 'FROM alpine\r\nRUN apk update && apk add curl\r\n');
});

test('no fix when sudo has options that change what runs', () => {
  const [finding] = assertFires(ID, 'FROM alpine\nRUN «sudo» -u app make install\n');
  if (finding.fixes.length !== 0) throw new Error('sudo -u must not be "fixed" by dropping sudo');
});
