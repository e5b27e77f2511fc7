import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { assertFires, assertQuiet } from '../../test-support/rule-test';
import { COMPOSE } from '../../test-support/compose-fix';

const ID = 'DG223';
const GITHUB_TOKEN = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';

test('fires on literal values of secret-named variables, map form and list form', () => {
  const found = assertFires(
    ID,
    [
      'services:',
      '  db:',
      '    image: postgres:16',
      '    environment:',
      '      POSTGRES_PASSWORD: «example»',
      '      POSTGRES_USER: app',
      '      "MYSQL_ROOT_PASSWORD": "«r00t»"',
      '  api:',
      '    image: api:1',
      '    environment:',
      '      - API_KEY=«abc123»',
      '      - "JWT_SECRET=«s3cr3t»"',
      '      - DB_HOST=db',
      '      - dbPassword=«pa$$word»',
      '',
    ].join('\n'),
    COMPOSE,
  );
  assert.match(found[0].message, /POSTGRES_PASSWORD/);
  assert.doesNotMatch(found[0].message, /example/, 'the message must not repeat the secret');
  assert.match(found[0].message, /secrets/);
});

test('fires on values in a known credential format whatever the name, also inside a default', () => {
  assertFires(
    ID,
    [
      'services:',
      '  ci:',
      '    image: runner:1',
      '    environment:',
      `      GH: «${GITHUB_TOKEN}»`,
      '      AWS_ACCESS_KEY_ID: «AKIAIOSFODNN7EXAMPLE»',
      `      FALLBACK: \${GH_PAT:-«${GITHUB_TOKEN}»}`,
      '',
    ].join('\n'),
    COMPOSE,
  );
});

test('is quiet on variables, empty and unset values, and names that only look secret', () => {
  assertQuiet(
    ID,
    [
      'x-env:',
      '  environment:',
      '    PASSWORD: hunter2',
      'services:',
      '  db:',
      '    image: postgres:16',
      '    environment:',
      '      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}',
      '      MYSQL_PASSWORD: ${MYSQL_PASSWORD:?set it}',
      '      REDIS_PASSWORD: ""',
      '      SMTP_PASSWORD:',
      '      POSTGRES_PASSWORD_FILE: /run/secrets/db_password',
      '      TOKENIZER_PATH: /models/tok',
      '      AUTHOR: someone',
      '      GPG_KEY: A035C8C19219BA821ECEA86B64E628F8D684696D',
      '      DB_URL: postgres://db:5432/app',
      '  api:',
      '    image: api:1',
      '    environment:',
      '      - API_KEY',
      '      - SECRET_KEY=',
      '      - JWT_SECRET=${JWT_SECRET}',
      '      - "ACCESS_TOKEN=prefix-${TOKEN}"',
      '',
    ].join('\n'),
    COMPOSE,
  );
});

test('is quiet on placeholders, key files, e-mail addresses, host:port lists, class names and flags', () => {
  assertQuiet(
    ID,
    [
      'services:',
      '  app:',
      '    image: app:1',
      '    environment:',
      '      - SRCDS_TOKEN=<YOUR-GAME-SERVER-TOKEN>',
      '      - KCPTUN_KEY=******',
      '      - DRONE_GITEA_CLIENT_SECRET=XXX-XXX',
      '      - SCREENSCRAPER_PASSWORD=""',
      '      - JWT_SECRET_KEY=%kernel.project_dir%/config/jwt/private.pem',
      '      - REGISTRY_HTTP_TLS_KEY=/certs/domain.key',
      '      - AUTHENTICATION_APIKEY_USERS=hello@example.com',
      '      - CONNECT_CONFIG_PROVIDERS_SECRET_PARAM_KAFKASTORE_BOOTSTRAP_SERVERS=broker:9092',
      "      - CONNECT_CONFIG_PROVIDERS_SECRET_CLASS=io.confluent.connect.secretregistry.InternalSecretConfigProvider",
      '      - MYSQL_RANDOM_ROOT_PASSWORD=1',
      '      - SEMAPHORE_WEBHOOK=https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
      '',
    ].join('\n'),
    COMPOSE,
  );
});

test('a secret from a merge key fires at the anchor once per service', () => {
  assertFires(
    ID,
    'x-env: &env\n  environment:\n    DB_PASSWORD: ««changeme»»\nservices:\n  a:\n    <<: *env\n    image: a:1\n  b:\n    <<: *env\n    image: b:1\n',
    COMPOSE,
  );
});
