import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { buildDockerfileModel } from './model';
import { LineIndex } from '../text/line-index';

/**
 * The model reads plainly written arguments itself instead of asking dockerfile-ast to split the
 * instruction again (see `plainArguments` in model.ts). These tests hold it to giving exactly
 * dockerfile-ast's arguments: on hand-picked edge cases, on generated text full of escapes,
 * continuations, comments and line breaks, and on every Dockerfile of the shared corpus.
 */

type Words = { value: string; start: number; end: number }[];

function astArguments(text: string): Words[] {
  const index = new LineIndex(text);
  return DockerfileParser.parse(text)
    .getInstructions()
    .map((instruction) =>
      instruction.getArguments().map((argument) => ({
        value: argument.getValue(),
        start: index.offsetAt(argument.getRange().start),
        end: index.offsetAt(argument.getRange().end),
      })),
    );
}

function modelArguments(text: string): Words[] {
  return buildDockerfileModel(text).instructions.map((instruction) => instruction.args.map(({ value, start, end }) => ({ value, start, end })));
}

function assertSameArguments(text: string): void {
  assert.deepEqual(modelArguments(text), astArguments(text), `arguments differ for ${JSON.stringify(text)}`);
}

test('plain and continued instructions give dockerfile-ast arguments', () => {
  const cases = [
    'FROM alpine:3.20 AS build\nRUN apk add --no-cache curl\n',
    'RUN apt-get update \\\n    && apt-get install -y \\\n        curl \\\n    && rm -rf /var/lib/apt/lists/*\n',
    'RUN a \\\r\n  b\r\nCOPY --from=build --chown=1:1 /a /b\r\n',
    'RUN --mount=type=cache,target=/root/.cache pip install -r req.txt\n',
    'COPY --chmod=755 x y\nADD --checksum=sha256:abc https://x/y /z\n',
    'ENV A=1 B="two words"\nARG X\nLABEL a=b\n',
    'CMD ["node", "server.js"]\nENTRYPOINT [ "a" , "b" ]\n',
    'HEALTHCHECK --interval=5s CMD curl -f http://localhost/ || exit 1\n',
    'RUN echo a\\\nb\n', // joined across a continuation: left to dockerfile-ast
    'RUN echo \\\n# a comment line\n  b\n',
    'RUN echo \\ \n  b\n',
    'RUN printf "a\\nb" > /x\n',
    'RUN \\\n  echo hi\n',
    'RUN echo hi \\',
    'RUN echo hi \\\n',
    'RUN echo \\\n\n   \n  hi\n',
    'RUN <<EOF\nset -e\necho "$HOME" \\\n# not a comment\nEOF\n',
    '# escape=`\nRUN dir `\n  c:\\ `\n  d:\\\n',
    'FROM x\nUSER 1000:1000\nWORKDIR /app\nEXPOSE 80 443/tcp\n',
    'RUN a\tb\t\\\n\tc\n',
    'ONBUILD RUN echo \\\n  hi\n',
    'run lower --case \\\n  words\n',
    'RUN x--y --mount=type=secret,id=a z\n',
  ];
  for (const text of cases) assertSameArguments(text);
});

test('generated instructions full of escapes and line breaks give dockerfile-ast arguments', () => {
  // A small deterministic generator (xorshift), so a failure names a text that can be replayed.
  let seed = Number(process.env.DOCKGUARD_ARGUMENT_SEED ?? 0x9e3779b9);
  const random = (n: number): number => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % n;
  };
  const pieces = [
    ' ', ' ', '\t', '\\', ' \\\n', ' \\\r\n', '\n', '\r\n', '#', 'a', 'bc', '--f=x', '"', "'", '$', '`', '[', ']', ',', '=', '\\\n', '\n#c\n',
    '\n  # note\n', '\n\t# a \\\n', '\n# x\\y\n', '\\\n#\\\n', '<<EOF\n', 'EOF', '\r',
  ];
  const keywords = ['RUN', 'COPY', 'ENV', 'FROM', 'CMD', 'ARG', 'USER', 'HEALTHCHECK', 'ADD', 'VOLUME', 'WORKDIR', 'LABEL'];
  for (let n = 0; n < Number(process.env.DOCKGUARD_ARGUMENT_CASES ?? 3000); n++) {
    let text = random(8) === 0 ? '# escape=`\n' : '';
    const instructions = 1 + random(3);
    for (let k = 0; k < instructions; k++) {
      text += `${keywords[random(keywords.length)]}${random(6) === 0 ? '' : ' '}`;
      const length = random(14);
      for (let i = 0; i < length; i++) text += pieces[random(pieces.length)];
      text += random(3) === 0 ? '\r\n' : '\n';
    }
    assertSameArguments(text);
  }
});

const CORPUS = resolve(__dirname, '..', '..', '..', '..', 'shared', 'corpus', 'dockerfile');

test('every corpus Dockerfile gives dockerfile-ast arguments', { skip: existsSync(CORPUS) ? false : `no corpus at ${CORPUS}` }, () => {
  for (const name of readdirSync(CORPUS)) assertSameArguments(readFileSync(join(CORPUS, name), 'utf8'));
});
