import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { assertFires, assertQuiet } from '../../test-support/rule-test';

const ID = 'DG106';
// Built from parts so the source file itself holds no credential-shaped literal.
const GITHUB_TOKEN = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
const AWS_KEY_ID = 'AKIA' + 'IOSFODNN7EXAMPLE';

test('fires at the name of an ARG or ENV with a secret token', () => {
  assertFires(ID, 'FROM node:20\nARG «NPM_TOKEN»\nRUN npm ci\n');
  assertFires(ID, 'FROM node:20\nARG «API_KEY»=abc\n');
  assertFires(ID, 'FROM node:20\nENV «DB_PASSWORD»=hunter2\n');
  assertFires(ID, 'FROM node:20\nENV «DB_PASSWORD» hunter2\n');
  assertFires(ID, 'FROM node:20\nenv A=1 «apikey»="x y" B=2\n');
  assertFires(ID, 'FROM node:20\nARG «PRIVATE_KEY»\n');
  // Global ARGs (before FROM) count too.
  assertFires(ID, 'ARG «GITHUB_TOKEN»\nFROM node:20\n');
});

test('every name of a multi-name ARG is checked', () => {
  assertFires(ID, 'FROM node:20\nARG VERSION «API_KEY» «DB_PASSWORD»=x\n');
  assertFires(ID, 'FROM node:20\nARG A=1 «NPM_TOKEN»\n');
});

test('ARG fires on the name whether or not it has a default; a re-declared ARG fires once', () => {
  const [finding] = assertFires(ID, 'ARG «NPM_TOKEN»\nFROM node:20\nARG NPM_TOKEN\nRUN npm ci\n');
  assert.match(finding.message, /build argument/);
  assert.match(finding.message, /RUN --mount=type=secret/);
  assertFires(ID, 'FROM node:20\nARG «COMPOSER_AUTH»=false\n');
  assertFires(ID, 'FROM node:20\nARG «API_KEY»=""\n');
});

test('ENV copying a build argument into the image fires on the ENV name', () => {
  const found = assertFires(ID, 'FROM node:20\nARG «NPM_TOKEN»\nENV «NODE_AUTH_TOKEN»=${NPM_TOKEN}\n');
  assert.match(found[1].message, /copies \$\{NPM_TOKEN\} into the environment of the image/);
});

test('an ENV in a build stage the final image does not inherit says where the secret stays', () => {
  const [builder, runtime] = assertFires(ID, 'FROM node:20 AS build\nENV «DB_PASSWORD»=x\nFROM build AS test\nFROM nginx:1.27\nENV «API_TOKEN»=y\n');
  assert.match(builder.message, /this build stage/);
  assert.match(runtime.message, /pull the image/);
  const [inherited] = assertFires(ID, 'FROM node:20 AS base\nENV «DB_PASSWORD»=x\nFROM base\n');
  assert.match(inherited.message, /pull the image/);
});

test('does not fire on names that only look secret', () => {
  assertQuiet(
    ID,
    [
      'FROM python:3.12',
      'ARG TOKENIZER_PATH=/models/tok',
      'ARG JAVA_KEYSTORE_PATH',
      'ARG AUTHOR',
      'ENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D',
      'ENV PASSWORD_FILE=/run/secrets/db_password',
      'ENV KEY_URL=https://example.com/key.asc',
      'ENV PIP_NO_CACHE_DIR=1 DEBIAN_FRONTEND=noninteractive',
      'ENV POSTGRES_HOST_AUTH_METHOD=scram-sha-256 ALLOW_EMPTY_PASSWORD=no',
      'ENV DefaultProcess__Filters__0__Key=ProcessId',
      '',
    ].join('\n'),
  );
});

test('ENV values that are not secrets keep a secret-named ENV quiet', () => {
  assertQuiet(ID, 'FROM node:20\nENV API_KEY=\nENV SMTP_PASSWORD=""\n');
  assertQuiet(ID, 'FROM node:20\nENV AUTH=false\n');
  assertQuiet(ID, 'FROM node:20\nENV NGROK_CA_KEY=assets/client/tls/ngrokroot.key SSL_KEY=/etc/ssl/private/site.key\n');
  assertQuiet(ID, 'FROM node:20\nENV VAULT_TOKEN_ADDR=https://vault.example.com\nENV SECRET_STORE=https://vault.example.com\n');
  // A path default says where the secret is, not what it is.
  assertQuiet(ID, 'FROM node:20\nARG SSL_KEY=/etc/ssl/private/site.key\n');
});

test('values in a known credential format fire at the credential, whatever the name', () => {
  const [finding] = assertFires(ID, `FROM node:20\nENV GH=«${GITHUB_TOKEN}»\n`);
  assert.match(finding.message, /a GitHub token/);
  // One finding for a secret-named variable holding a known format: at the value.
  assertFires(ID, `FROM node:20\nARG GITHUB_TOKEN=«${GITHUB_TOKEN}»\n`);
  assertFires(ID, `FROM node:20\nENV CREDS="id=«${AWS_KEY_ID}»"\n`);
});

test('RUN lines carrying a credential fire at it, heredocs included', () => {
  assertFires(ID, `FROM node:20\nRUN npm config set //registry.npmjs.org/:_authToken=«npm_${'a1b2c3'.repeat(6)}» && npm ci\n`);
  assertFires(ID, `FROM alpine\nRUN aws s3 cp s3://b/x . --access-key «${AWS_KEY_ID}»\n`);
  assertFires(ID, 'FROM alpine\nRUN <<EOF\ncat > /root/.ssh/id_rsa <<KEY\n«-----BEGIN OPENSSH PRIVATE KEY-----»\nKEY\nEOF\n');
  assertQuiet(ID, 'FROM alpine\nRUN --mount=type=secret,id=npm,target=/root/.npmrc npm ci\n');
  assertQuiet(ID, 'FROM alpine\nRUN echo "-----BEGIN PUBLIC KEY-----" > /k.pub\n');
});

test('has no fix', () => {
  const [finding] = assertFires(ID, 'FROM node:20\nARG «NPM_TOKEN»\n');
  assert.deepEqual(finding.fixes, []);
});
