import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { assertFires, assertQuiet, findingsOf } from '../../test-support/rule-test';

const ID = 'DG108';

test('fires on downloads piped into a shell, anywhere later in the pipeline', () => {
  assertFires(ID, 'FROM debian\nRUN curl -fsSL https://get.docker.com | «sh»\n');
  assertFires(ID, 'FROM debian\nRUN curl -sL https://deb.nodesource.com/setup_20.x | «bash» -\n');
  assertFires(ID, 'FROM debian\nRUN curl -sSfL https://x/install.sh | «sh» -s -- -b /usr/local/bin v1.2\n');
  assertFires(ID, 'FROM debian\nRUN curl -o- https://x/install.sh | «bash»\n');
  assertFires(ID, 'FROM debian\nRUN curl https://x/i.sh | tee /tmp/i.sh | sudo -E «bash» -\n');
  assertFires(ID, 'FROM debian\nRUN curl -sSL https://aka.ms/getvsdbgsh | «bash» /dev/stdin -v latest -l /vsdbg\n');
  assertFires(ID, 'FROM debian\nRUN set -e; apt-get update && curl -fsSL https://x | env FOO=1 «zsh»\n');
  assertFires(ID, 'FROM debian\nRUN curl -fsSL https://x \\\n  | «sh»\n');
  assertFires(ID, 'FROM debian\nRUN sh -c "curl -fsSL https://x | «sh»"\n');
  assertFires(ID, 'FROM debian\nRUN <<EOF\ncurl -fsSL https://x | «bash»\nEOF\n');
  assertFires(ID, 'FROM debian\nCMD curl -fsSL https://x | «sh»\n');
});

test('fires on wget and fetch writing to stdout', () => {
  assertFires(ID, 'FROM debian\nRUN wget -O- https://x | «sh»\n');
  assertFires(ID, 'FROM debian\nRUN wget -qO- https://x | «sh»\n');
  assertFires(ID, 'FROM debian\nRUN wget -O - -nv https://x | «sh» -s v1\n');
  assertFires(ID, 'FROM debian\nRUN wget --quiet https://x -O - | «bash»\n');
  assertFires(ID, 'FROM debian\nRUN wget --output-document=- https://x | «sh»\n');
  assertFires(ID, 'FROM debian\nRUN busybox wget -qO- https://x | busybox «sh»\n');
  assertFires(ID, 'FROM freebsd\nRUN fetch -qo - https://x | «sh»\n');
});

test('fires on interpreters that read their program from stdin', () => {
  assertFires(ID, 'FROM python\nRUN curl -sSL https://bootstrap.pypa.io/get-pip.py | «python»\n');
  assertFires(ID, 'FROM python\nRUN curl -sSL https://bootstrap.pypa.io/get-pip.py | «python3» - --no-wheel\n');
  assertFires(ID, 'FROM perl\nRUN curl -L https://cpanmin.us | «perl» - App::cpanminus\n');
  assertFires(ID, 'FROM ruby\nRUN curl -fsSL https://x/install.rb | «ruby»\n');
  assertFires(ID, 'FROM node\nRUN curl -fsSL https://x/install.js | «node»\n');
  assertFires(ID, 'FROM php\nRUN curl -sS https://getcomposer.org/installer | «php» -- --install-dir=/usr/local/bin\n');
});

test('fires on command substitutions and process substitutions that run the download', () => {
  assertFires(ID, 'FROM debian\nRUN «sh» -c "$(curl -fsSL https://x/install.sh)" "" --unattended\n');
  assertFires(ID, 'FROM debian\nRUN BLACKFIRE_INSTALL_METHOD=raw «bash» -c "$(curl -L https://installer.blackfire.io/installer.sh)"\n');
  assertFires(ID, 'FROM debian\nRUN «eval» "$(curl -fsSL https://x/env)"\n');
  assertFires(ID, 'FROM debian\nRUN «eval» `wget -qO- https://x/env`\n');
  assertFires(ID, 'FROM debian\nRUN «bash» <(curl -fsSL https://x/install.sh)\n');
  assertFires(ID, 'FROM debian\nRUN «.» <(curl -fsSL https://x/env.sh) && make\n');
  assertFires(ID, 'FROM debian\nRUN «source» <(wget -qO- https://x/env.sh)\n');
  assertFires(ID, 'FROM debian\nRUN «bash» <<< "$(curl -fsSL https://x/install.sh)"\n');
  assertFires(ID, 'FROM python\nRUN «python3» -c "$(curl -fsSL https://x/install.py)"\n');
  assertFires(ID, 'FROM debian\nRUN «sh» -c "$(curl -fsSL https://x/a.sh)" "$(curl -fsSL https://x/name)" && echo "$(curl -s https://y)"\n');
});

test('reports once, at the program that runs the download, pointing back at the download', () => {
  const text = 'FROM debian\nRUN sh -c "$(curl -fsSL https://x/install.sh)"\n';
  const findings = findingsOf(ID, text);
  assert.equal(findings.length, 1);
  assert.match(findings[0].message, /'https:\/\/x\/install\.sh'/);
  assert.equal(findings[0].related?.[0].range.start.character, 13);
});

test('does not fire when the download is verified, unpacked, or only read as data', () => {
  assertQuiet(ID, 'FROM debian\nRUN curl -fsSLo /tmp/i.sh https://x && echo "abc  /tmp/i.sh" | sha256sum -c - && sh /tmp/i.sh\n');
  assertQuiet(ID, 'FROM debian\nRUN curl -fsSL https://x/a.tar.gz | tar -xz -C /opt\n');
  assertQuiet(ID, 'FROM debian\nRUN curl -fsSL https://x/key.asc | gpg --dearmor -o /usr/share/keyrings/x.gpg\n');
  assertQuiet(ID, 'FROM debian\nRUN wget -qO- https://x/key.asc | apt-key add -\n');
  assertQuiet(ID, 'FROM debian\nRUN curl -s https://api/x | python3 -c "import json,sys; print(json.load(sys.stdin)[\'v\'])"\n');
  assertQuiet(ID, 'FROM debian\nRUN curl -s https://api/x | python -m json.tool\n');
  assertQuiet(ID, 'FROM debian\nRUN curl -s https://api/x | node -e "process.stdin.pipe(process.stdout)"\n');
  assertQuiet(ID, 'FROM debian\nRUN curl -s https://api/x | sh -c "cat > /tmp/x"\n');
  assertQuiet(ID, 'FROM debian\nRUN curl -s https://api/x | bash /usr/local/bin/consume.sh\n');
  assertQuiet(ID, 'FROM debian\nRUN curl -fsSL -o /usr/local/bin/wp https://x/wp.phar | bash\n');
  assertQuiet(ID, 'FROM debian\nRUN curl -fsSLO https://x/i.sh | sh\n');
  assertQuiet(ID, 'FROM debian\nRUN wget https://x/i.sh | sh\n');
  assertQuiet(ID, 'FROM debian\nRUN curl -fsSL https://x > /tmp/i.sh | sh\n');
  assertQuiet(ID, 'FROM debian\nRUN curl -fsSL https://x; sh\n');
  assertQuiet(ID, 'FROM debian\nRUN VERSION="$(curl -fsSL https://x/latest)" && echo "$(curl -s https://y)"\n');
  assertQuiet(ID, 'FROM debian\nRUN echo "curl https://x | sh" > /README\n');
  assertQuiet(ID, 'FROM debian\nRUN cat <<EOF > /usr/local/bin/install\ncurl https://x | sh\nEOF\n');
  assertQuiet(ID, 'FROM debian\nRUN curl file:///tmp/local.sh | sh\n');
});

test('stderr redirection of the download does not hide the pipe', () => {
  assertFires(ID, 'FROM debian\nRUN curl -fsSL https://x 2>/dev/null | «sh»\n');
});
