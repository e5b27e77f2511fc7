import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { assertFires, assertQuiet, assertFix, applyFixChecked, findingsOf } from '../../test-support/rule-test';
import { parseConfig } from '../../config/config';

const ID = 'DG101';

function fixTitles(text: string, setup = {}): string[] {
  const [finding] = findingsOf(ID, text, setup);
  assert.ok(finding, `${ID} did not fire in:\n${text}`);
  return finding.fixes.map((fix) => fix.title + (fix.preferred ? ' *' : ''));
}

/** Every fix of the first finding passes the fix contract (finding gone, nothing new, parses). */
function allFixesChecked(text: string): void {
  const [finding] = findingsOf(ID, text);
  assert.ok(finding && finding.fixes.length > 0, `no fixes in:\n${text}`);
  for (const fix of finding.fixes) applyFixChecked(ID, text, {}, fix.title);
}

test('fires at the final FROM line when no stage of its chain sets USER', () => {
  assertFires(ID, '«FROM python:3.12-slim»\nRUN pip install flask\nCMD ["flask", "run"]\n');
  assertFires(ID, '«from python:3.12»\ncmd ["python"]\n');
  assertFires(ID, 'FROM golang:1.22 AS build\nUSER app\nRUN go build\n«FROM --platform=$TARGETPLATFORM debian:12 AS runtime»\nCMD ["/app"]\n');
  // The final stage inherits from a parent stage that never sets USER either.
  assertFires(ID, 'FROM node:20 AS base\nRUN npm ci\n«FROM base»\nCMD ["node", "index.js"]\n');
  // The base comes from a global ARG default.
  assertFires(ID, 'ARG BASE=ruby:3.3\n«FROM ${BASE}»\nCMD ["ruby"]\n');
});

test('a builder stage USER does not count for the final stage', () => {
  const [finding] = assertFires(ID, 'FROM node:20 AS build\nUSER node\nRUN npm run build\n«FROM nginx:1.27»\nCOPY --from=build /dist /usr/share/nginx/html\n');
  assert.match(finding.message, /'nginx:1\.27'/);
});

test('does not fire when the final stage or its parent chain sets USER, even to an unknown or root value', () => {
  assertQuiet(ID, 'FROM python:3.12\nUSER 10001\nCMD ["python"]\n');
  assertQuiet(ID, 'FROM node:20 AS base\nUSER node\nFROM base AS runtime\nCMD ["node"]\n');
  assertQuiet(ID, 'FROM debian:12\nARG UID\nUSER ${UID}\n');
  // Root is DG102's business, not a missing USER.
  assertQuiet(ID, 'FROM debian:12\nUSER 0\n');
});

test('does not fire on bases known to run as non-root, matched on the external image of the chain', () => {
  for (const image of [
    'gcr.io/distroless/static-debian12:nonroot',
    'gcr.io/distroless/static-debian12:nonroot@sha256:6ec5aa99dc335666e79dc64e4a6c8b89c33a543a1967f20d360922a80dd21f02',
    'gcr.io/distroless/base:debug-nonroot',
    'cgr.dev/chainguard/node',
    'cgr.dev/chainguard/python:latest-dev',
    'bitnami/nginx:1.25',
    'docker.io/bitnami/nginx:1.25',
    'nginxinc/nginx-unprivileged:alpine',
    'nginxinc/nginx-unprivileged',
  ]) {
    assertQuiet(ID, `FROM ${image}\nCOPY app /app\nCMD ["/app"]\n`);
  }
  assertQuiet(ID, 'FROM golang:1.22 AS build\nRUN go build\nFROM gcr.io/distroless/static:nonroot AS base\nFROM base\nCOPY --from=build /app /app\n');
});

test('a distroless image without the nonroot tag still fires', () => {
  assertFires(ID, '«FROM gcr.io/distroless/static-debian12»\nCOPY app /app\n');
});

test('non-root base images come from the configuration, as a .dockguard.yaml layer writes them', () => {
  const text = 'FROM registry.example.com/base/python:3.12\nCMD ["python"]\n';
  assertFires(ID, `«FROM registry.example.com/base/python:3.12»\nCMD ["python"]\n`);
  const { config, problems } = parseConfig('non-root-base-images:\n  - "registry.example.com/base/*"\n');
  assert.deepEqual(problems, []);
  assertQuiet(ID, text, { config });
  // A pattern without a tag matches every tag of that repository.
  assertQuiet(ID, text, { config: { nonRootBaseImages: ['registry.example.com/base/python'] } });
  assertQuiet(ID, 'FROM registry.example.com/base/python:3.12 AS base\nFROM base\n', { config });
});

test('an unresolvable base image is unknown: no finding', () => {
  assertQuiet(ID, 'ARG BASE\nFROM ${BASE}\nCMD ["x"]\n');
  assertQuiet(ID, 'FROM ${REGISTRY}/app:1\nCMD ["x"]\n');
});

test('scratch: fires when the stage runs a command, with only the numeric fix', () => {
  const [finding] = assertFires(ID, 'FROM golang:1.22 AS build\nRUN go build -o /app\n«FROM scratch»\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n');
  assert.match(finding.message, /uid 0/);
  assert.deepEqual(finding.fixes.map((fix) => fix.title), ['Run as numeric user 10001:10001']);
  assertFix(
    ID,
    'FROM scratch\nCOPY app /app\nENTRYPOINT ["/app"]\n',
    'FROM scratch\nCOPY app /app\nUSER 10001:10001\nENTRYPOINT ["/app"]\n',
  );
});

test('scratch: an artifact stage with no CMD or ENTRYPOINT never runs, so no finding', () => {
  assertQuiet(ID, 'FROM golang:1.22 AS build\nRUN go build -o /out/app\nFROM scratch AS export\nCOPY --from=build /out /\n');
});

test('no stage, no finding', () => {
  assertQuiet(ID, '');
  assertQuiet(ID, '# just a comment\nARG X=1\n');
});

test('fix variants: image user, numeric, account creation; image user preferred', () => {
  assert.deepEqual(fixTitles('FROM node:20-alpine\nCMD ["node"]\n'), [
    "Run as the image's own user 'node' *",
    'Run as numeric user 10001:10001',
    "Create user 'app' and run as it",
  ]);
  assert.deepEqual(fixTitles('FROM python:3.12\nCMD ["python"]\n'), ['Run as numeric user 10001:10001 *', "Create user 'app' and run as it"]);
  // Distroless has no shell to create accounts with, but ships `nonroot`.
  assert.deepEqual(fixTitles('FROM gcr.io/distroless/python3-debian12\nCOPY . /app\n'), [
    "Run as the image's own user 'nonroot' *",
    'Run as numeric user 10001:10001',
  ]);
  // .NET 8 images ship `app`; creating another `app` would fail.
  assert.deepEqual(fixTitles('FROM mcr.microsoft.com/dotnet/aspnet:8.0\nENTRYPOINT ["dotnet", "x.dll"]\n'), [
    "Run as the image's own user 'app' *",
    'Run as numeric user 10001:10001',
  ]);
  assert.deepEqual(fixTitles('FROM mcr.microsoft.com/dotnet/aspnet:6.0\nENTRYPOINT ["dotnet", "x.dll"]\n'), [
    'Run as numeric user 10001:10001 *',
    "Create user 'app' and run as it",
  ]);
  // Windows has no numeric users; ContainerUser is its built-in unprivileged account.
  assert.deepEqual(fixTitles('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD ["cmd"]\n'), ["Run as the image's own user 'ContainerUser' *"]);
  assert.deepEqual(fixTitles('# escape=`\nFROM mycompany/base:1\nCMD ["cmd"]\n'), ["Run as the image's own user 'ContainerUser' *"]);
});

test('fix: an account the Dockerfile already creates is preferred, and no second account is offered', () => {
  assert.deepEqual(fixTitles('FROM debian:12\nRUN useradd -r -u 1001 -g users -s /usr/sbin/nologin appuser\nCMD ["x"]\n'), [
    "Run as the account 'appuser' this Dockerfile creates *",
    'Run as numeric user 10001:10001',
  ]);
  assertFix(
    ID,
    'FROM alpine:3.20\nRUN addgroup -S web && adduser -S -D -h /srv -G web web\nCMD ["httpd"]\n',
    'FROM alpine:3.20\nRUN addgroup -S web && adduser -S -D -h /srv -G web web\nUSER web\nCMD ["httpd"]\n',
  );
  // Debian's `adduser USER GROUP` adds an existing user to a group: nothing created.
  assert.deepEqual(fixTitles('FROM debian:12\nRUN adduser www-data video\nCMD ["x"]\n'), ['Run as numeric user 10001:10001 *', "Create user 'app' and run as it"]);
  // A name held in an ARG is resolved.
  assertFix(
    ID,
    'FROM debian:12\nARG APP_USER=svc\nRUN useradd --create-home "$APP_USER"\nCMD ["x"]\n',
    'FROM debian:12\nARG APP_USER=svc\nRUN useradd --create-home "$APP_USER"\nUSER svc\nCMD ["x"]\n',
  );
});

test('fix: account creation uses Alpine commands on Alpine-family images, groupadd/useradd elsewhere', () => {
  const create = "Create user 'app' and run as it";
  assertFix(
    ID,
    'FROM python:3.12-alpine\nCMD ["python"]\n',
    'FROM python:3.12-alpine\nRUN addgroup -S app && adduser -S -G app app\nUSER app\nCMD ["python"]\n',
    {},
    create,
  );
  assertFix(ID, 'FROM alpine\nCMD ["sh"]\n', 'FROM alpine\nRUN addgroup -S app && adduser -S -G app app\nUSER app\nCMD ["sh"]\n', {}, create);
  assertFix(
    ID,
    'FROM mycompany/base:1\nRUN apk add --no-cache curl\nCMD ["sh"]\n',
    'FROM mycompany/base:1\nRUN apk add --no-cache curl\nRUN addgroup -S app && adduser -S -G app app\nUSER app\nCMD ["sh"]\n',
    {},
    create,
  );
  assertFix(
    ID,
    'FROM ubuntu:24.04\nCMD ["bash"]\n',
    'FROM ubuntu:24.04\nRUN groupadd -r app && useradd -r -g app app\nUSER app\nCMD ["bash"]\n',
    {},
    create,
  );
});

test('fix placement: before the first CMD/ENTRYPOINT after the last RUN, else at the end of the stage', () => {
  assertFix(
    ID,
    'FROM python:3.12\nRUN pip install x\nENTRYPOINT ["python"]\nCMD ["app.py"]\n',
    'FROM python:3.12\nRUN pip install x\nUSER 10001:10001\nENTRYPOINT ["python"]\nCMD ["app.py"]\n',
  );
  // A RUN after the CMD still needs root: the USER goes after it.
  assertFix(
    ID,
    'FROM python:3.12\nCMD ["python"]\nRUN pip install x\nEXPOSE 8000\n',
    'FROM python:3.12\nCMD ["python"]\nRUN pip install x\nEXPOSE 8000\nUSER 10001:10001\n',
  );
  // No CMD: at the end of the stage, before trailing comments; no final newline stays none.
  assertFix(ID, 'FROM python:3.12\nCOPY . /app\n# the end\n', 'FROM python:3.12\nCOPY . /app\nUSER 10001:10001\n# the end\n');
  assertFix(ID, 'FROM python:3.12\nCOPY . /app', 'FROM python:3.12\nCOPY . /app\nUSER 10001:10001');
  assertFix(ID, 'FROM python:3.12', 'FROM python:3.12\nUSER 10001:10001');
  // The comment block right above the CMD stays attached to it.
  assertFix(
    ID,
    'FROM python:3.12\nRUN pip install x\n\n# Start the server\n# on port 80\nCMD ["python"]\n',
    'FROM python:3.12\nRUN pip install x\n\nUSER 10001:10001\n# Start the server\n# on port 80\nCMD ["python"]\n',
  );
  // A RUN with a here-document: the USER goes after its body, not inside it.
  assertFix(
    ID,
    'FROM debian:12\nRUN <<EOF\napt-get update\nEOF\nCOPY x /x',
    'FROM debian:12\nRUN <<EOF\napt-get update\nEOF\nCOPY x /x\nUSER 10001:10001',
  );
});

test('no fix when the file ends inside a line continuation, which would swallow the new line', () => {
  const [finding] = assertFires(ID, '«FROM python:3.12»\nRUN echo hi \\\n');
  assert.deepEqual(finding.fixes, []);
});

test('fix keeps the file style: keyword case, indentation, CRLF line endings', () => {
  assertFix(ID, 'from node:20\nrun npm ci\ncmd ["node"]\n', 'from node:20\nrun npm ci\nuser node\ncmd ["node"]\n');
  assertFix(
    ID,
    'FROM python:3.12\r\nRUN pip install x\r\nCMD ["python"]\r\n',
    'FROM python:3.12\r\nRUN pip install x\r\nUSER 10001:10001\r\nCMD ["python"]\r\n',
  );
  assertFix(ID, 'FROM python:3.12\r\nCOPY . /app', 'FROM python:3.12\r\nCOPY . /app\r\nUSER 10001:10001');
  assertFix(ID, 'FROM python:3.12\n  RUN pip install x\n  CMD ["python"]\n', 'FROM python:3.12\n  RUN pip install x\n  USER 10001:10001\n  CMD ["python"]\n');
  assertFix(
    ID,
    'from alpine\ncmd ["sh"]\n',
    'from alpine\nrun addgroup -S app && adduser -S -G app app\nuser app\ncmd ["sh"]\n',
    {},
    "Create user 'app' and run as it",
  );
});

test('every fix passes the fix contract on varied files', () => {
  allFixesChecked('FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\nEXPOSE 3000\nCMD ["node", "server.js"]\n');
  allFixesChecked('FROM python:3.12-slim AS base\nRUN pip install flask\nFROM base\nCOPY . /app\nCMD ["flask", "run"]\n');
  allFixesChecked('FROM debian:12\nRUN useradd -m builder\nCOPY . /src\n');
  allFixesChecked('FROM golang:1.22 AS build\nRUN go build -o /app\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n');
  allFixesChecked('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN powershell -Command Write-Host hi\nCMD ["cmd"]\n');
  allFixesChecked('FROM ubuntu:24.04\r\nRUN apt-get update && apt-get install -y curl\r\nENTRYPOINT ["curl"]');
  allFixesChecked('FROM gcr.io/distroless/nodejs20-debian12\nCOPY . /app\nCMD ["index.js"]\n');
});
