import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { detectKind, kindFromName } from './file-kind';

test('Dockerfile names', () => {
  for (const name of ['Dockerfile', 'dockerfile', 'Dockerfile.dev', 'app/Dockerfile.prod', 'api.Dockerfile', 'x.dockerfile', 'Containerfile', 'Containerfile.arm64', 'Containerfile-dev', 'CONTAINERFILE', 'DOCKERFILE', 'C:\\src\\Dockerfile']) {
    assert.equal(kindFromName(name), 'dockerfile', name);
  }
  for (const name of ['Dockerfiles.md', 'notes.txt', 'DockerfileX', 'my-dockerfile', 'dockerfile.js', 'src/dockerfile.d.ts', 'containerfile.go']) {
    assert.notEqual(kindFromName(name), 'dockerfile', name);
  }
});

test('compose names', () => {
  for (const name of ['compose.yaml', 'compose.yml', 'compose.prod.yaml', 'docker-compose.yml', 'docker-compose.override.yaml', 'docker-compose-dev.yml', 'web.compose.yaml', 'deploy/compose.yml']) {
    assert.equal(kindFromName(name), 'compose', name);
  }
  for (const name of ['values.yaml', 'compose.json', 'composer.yaml', '.github/workflows/ci.yml']) {
    assert.equal(kindFromName(name), undefined, name);
  }
});

test('.dockguard.yaml is the configuration', () => {
  assert.equal(kindFromName('.dockguard.yaml'), 'config');
  assert.equal(kindFromName('repo/.dockguard.yml'), 'config');
});

test('other YAML files are compose files when they have a top-level services: key', () => {
  assert.equal(detectKind('stack.yml', 'version: "3"\nservices:\n  web:\n    image: nginx\n'), 'compose');
  assert.equal(detectKind('ci.yml', 'jobs:\n  build:\n    services:\n      db: {}\n'), undefined);
  assert.equal(detectKind('stack.yml'), undefined);
  assert.equal(detectKind('stack.yaml', 'services: {web: {image: nginx}}\n'), 'compose');
  assert.equal(detectKind('stack.yaml', 'services:\n\n  # the web tier\n  web:\n    image: nginx\n'), 'compose');
  assert.equal(detectKind('stack.yaml', 'services:\r\n  web:\r\n    image: nginx\r\n'), 'compose');
  // GitLab CI: a list of service images, not a compose file.
  assert.equal(detectKind('.gitlab-ci.yml', 'image: node:20\nservices:\n  - postgres:16\n  - redis:7\ntest:\n  script: npm test\n'), undefined);
  assert.equal(detectKind('.gitlab-ci.yml', 'services: [postgres:16]\n'), undefined);
  assert.equal(detectKind('README.md', 'services:\n'), undefined);
});
