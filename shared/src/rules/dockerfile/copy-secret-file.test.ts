import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { assertFires, assertQuiet, findingsOf } from '../../test-support/rule-test';
import { credentialKind } from './copy-secret-file';

const ID = 'DG116';

test('credentialKind recognises credential files by name and place', () => {
  const fires = [
    'id_rsa', '.ssh/id_ed25519', 'keys/id_rsa*', 'id_ecdsa_sk', 'server.key', 'private.key', 'ca.key', '*.key', 'tls/server.pem',
    'privkey.pem', 'cert-key.pem', '*.pem', 'client.p12', 'store.PFX', '.env', '.env.production', '.env.local', '.env*', '.npmrc',
    'app/.pypirc', '.netrc', '.git-credentials', '.aws/credentials', '.aws', '.docker/config.json', '.ssh/', '.pgpass',
    '.kube/config', '.gnupg',
  ];
  for (const path of fires) assert.ok(credentialKind(path), `${path} should be a credential`);
  const quiet = [
    'id_rsa.pub', 'monkey', 'keys/', 'keyboard.json', 'ca.pem', 'certs/server.pem', 'fullchain.pem', 'cert.pem', 'rootCA.pem',
    'nginx_signing.key', 'apt.key', 'repo.gpg.key', '.env.example', '.env.sample', '.env.dist', '.env.template', 'app.env',
    'config.json', '.aws/config', 'credentials', '.dockerignore', 'environment', 'kube/config', 'src/.envrc',
  ];
  for (const path of quiet) assert.equal(credentialKind(path), undefined, `${path} should not be a credential`);
  assert.equal(credentialKind('server.pem', '/usr/local/share/ca-certificates/'), undefined);
  assert.ok(credentialKind('server.pem', '/etc/app/'));
});

test('fires on credential sources of COPY and ADD', () => {
  assertFires(ID, 'FROM alpine\nCOPY «id_rsa» /root/.ssh/id_rsa\n');
  assertFires(ID, 'FROM node\nCOPY package.json «.npmrc» ./\n');
  assertFires(ID, 'FROM node\nCOPY ["«.env»", "/app/"]\n');
  assertFires(ID, 'FROM nginx\nADD «certs/server.key» /etc/nginx/ssl/\n');
  assertFires(ID, 'FROM python\nARG KEY=deploy_key.pem\nCOPY «$KEY» /app/\n');
  assertFires(ID, 'FROM alpine\nCOPY --chown=app «.ssh» /home/app/.ssh\n');
  assertFires(ID, 'FROM golang AS build\nRUN ssh-keygen -f /out/id_rsa\nFROM alpine\nCOPY --from=build «/out/id_rsa» /root/.ssh/\n');
});

test('does not fire on destinations, templates, certificates, URLs or builder stages', () => {
  assertQuiet(ID, 'FROM node\nCOPY config.json /root/.docker/config.json\nCOPY .env.example .env\n');
  assertQuiet(ID, 'FROM alpine\nCOPY ca.pem /usr/local/share/ca-certificates/ca.crt\nCOPY certs/*.pem /etc/ssl/certs/\n');
  assertQuiet(ID, 'FROM nginx\nCOPY nginx_signing.key /tmp/\nCOPY id_rsa.pub /root/.ssh/authorized_keys\n');
  assertQuiet(ID, 'FROM alpine\nCOPY . /app\nCOPY monkey.txt keys/ /app/\n');
  assertQuiet(ID, 'FROM alpine\nADD https://example.com/server.pem /etc/ssl/\n');
  assertQuiet(ID, 'FROM alpine\nCOPY $UNKNOWN /app/\nRUN cp /tmp/id_rsa /root/.ssh/\n');
  assertQuiet(ID, 'FROM node AS deps\nCOPY .npmrc package.json ./\nRUN npm ci\nFROM node\nCOPY --from=deps /app/node_modules ./node_modules\n');
  assertQuiet(ID, 'FROM alpine\nCOPY <<EOF /root/.npmrc\nregistry=https://registry.npmjs.org/\nEOF\n');
});

test('the message names the file, what it is, and the way out', () => {
  const [finding] = findingsOf(ID, 'FROM alpine\nCOPY .aws/credentials /root/.aws/credentials\n');
  assert.match(finding.message, /'\.aws\/credentials', AWS credentials/);
  assert.match(finding.message, /--mount=type=secret/);
});
