import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findSecretValues, isNonSecretValue, isSecretName, nameTokens } from './secrets';

test('nameTokens splits on _, -, ., spaces and camelCase', () => {
  assert.deepEqual(nameTokens('DB_PASSWORD'), ['db', 'password']);
  assert.deepEqual(nameTokens('dbPassword'), ['db', 'password']);
  assert.deepEqual(nameTokens('db-password.v2'), ['db', 'password', 'v2']);
  assert.deepEqual(nameTokens('DefaultProcess__Filters__0__Key'), ['default', 'process', 'filters', '0', 'key']);
});

test('secret names: whole secret tokens, and tokens ending in password/secret/token', () => {
  for (const name of [
    'API_KEY', 'DB_PASSWORD', 'NPM_TOKEN', 'apikey', 'PRIVATE_KEY', 'api_key', 'AWS_SECRET_ACCESS_KEY', 'GITHUB_TOKEN',
    'JWT_SECRET', 'SECRET_KEY_BASE', 'MAIL_PASS', 'DB_PASSWD', 'MYSQL_PWD', 'SSH_PASSPHRASE', 'REGISTRY_CREDENTIALS',
    'BASIC_AUTH', 'AUTH', 'clientSecret', 'RPCPASSWORD', 'ZT_AUTHTOKEN', 'AWS_ACCESS_KEY_ID', 'CREDS_KEY', 'HBOX_AUTH_API_KEY_PEPPER',
  ]) {
    assert.equal(isSecretName(name), true, name);
  }
});

test('not secret names: other words, where a secret lives, public keys, settings of a secret, switches', () => {
  for (const name of [
    // whole-token matching
    'TOKENIZER_PATH', 'AUTHOR', 'MONKEY', 'KEYCLOAK_URL', 'OAUTH_CLIENT_ID', 'PASSTHROUGH', 'KEYSIZE', 'BYPASS',
    // where the secret is, or a public key
    'PASSWORD_FILE', 'GPG_KEY', 'GPG_KEYS', 'NGINX_GPGKEY', 'KEY_URL', 'JAVA_KEYSTORE_PATH', 'SECRETS_DIR', 'API_KEY_VERSION',
    'PUBLIC_KEY', 'SSH_KEY_FINGERPRINT', 'KEYRING', 'KEYSERVER', 'OIDC_TOKEN_URI', 'DIRECTUS_PUBLIC_URL',
    // settings of a secret
    'AUTH_TYPE', 'POSTGRES_HOST_AUTH_METHOD', 'REFRESH_TOKEN_EXPIRY', 'USER_PASSWORD_MIN_LENGTH', 'SECRET_PORT', 'KEY_NAME',
    'BASIC_AUTH_USERNAME', 'CONNECT_KEY_CONVERTER', 'INFLUXDB_HTTP_AUTH_ENABLED', 'REGISTRY_AUTH_TOKEN_REALM',
    // switches
    'ALLOW_EMPTY_PASSWORD', 'MYSQL_ALLOW_EMPTY_PASSWORD', 'VNC_NO_PASSWORD', 'DISABLE_AUTH', 'NPM_CONFIG_ALWAYS_AUTH', 'NOPASSWD',
    // the key of a key/value list item
    'DefaultProcess__Filters__0__Key',
    // nothing secret at all
    'PIP_NO_CACHE_DIR', 'DEBIAN_FRONTEND', 'NODE_ENV', '',
  ]) {
    assert.equal(isSecretName(name), false, name);
  }
  // A name the exemption word only starts: not exempt.
  assert.equal(isSecretName('DIRECTUS_SECRET'), true);
});

test('non-secret values: empty, switches, paths, URLs without a password', () => {
  for (const value of ['', '  ', 'true', 'False', 'no', 'off', '/run/secrets/db', './certs/key.pem', 'assets/tls/server.key', 'C:\\keys\\a.pfx', 'https://vault.example.com/v1', '~/.ssh/id_rsa']) {
    assert.equal(isNonSecretValue(value), true, value);
  }
  for (const value of ['hunter2', 'password', 'XXXXXXXX', '${NPM_TOKEN}', 'https://user:pa55@host/x', 'abc/def+ghi==', '12345']) {
    assert.equal(isNonSecretValue(value), false, value);
  }
});

test('known credential formats are found with their offsets; look-alikes are not', () => {
  const github = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
  const text = `x AKIAIOSFODNN7EXAMPLE y ${github} -----BEGIN OPENSSH PRIVATE KEY-----`;
  const found = findSecretValues(text);
  assert.deepEqual(
    found.map((match) => [match.kind, text.slice(match.start, match.end)]),
    [
      ['an AWS access key id', 'AKIAIOSFODNN7EXAMPLE'],
      ['a GitHub token', github],
      ['a private key', '-----BEGIN OPENSSH PRIVATE KEY-----'],
    ],
  );
  const samples: [string, string][] = [
    ['an npm token', 'npm_' + 'a'.repeat(36)],
    ['a Docker Hub access token', 'dckr_pat_' + 'A1b2'.repeat(7)],
    ['a Google API key', 'AIza' + 'Sy' + 'B'.repeat(33)],
    ['a Hugging Face token', 'hf_' + 'abcdefghij'.repeat(3) + 'abcd'],
    ['a GitLab token', 'glpat-' + 'x1'.repeat(10)],
    ['a Stripe secret key', 'sk_live_' + '4eC39HqLyjWDarjtT1zdp7dc'],
    ['a private key', '-----BEGIN PRIVATE KEY-----'],
    ['a private key', '-----BEGIN RSA PRIVATE KEY-----'],
  ];
  for (const [kind, sample] of samples) {
    assert.deepEqual(findSecretValues(`A=${sample}`).map((match) => match.kind), [kind], sample);
  }
  for (const innocent of ['AKIA1234', 'ghp_short', '-----BEGIN PUBLIC KEY-----', '-----BEGIN CERTIFICATE-----', 'sk_test_4eC39HqLyjWDarjtT1zdp7dc', 'npm_install']) {
    assert.deepEqual(findSecretValues(innocent), [], innocent);
  }
});

test('names that configure how authentication works are not secrets', () => {
  for (const name of ['KAFKA_SASL_MECHANISM', 'SASL_MECHANISMS', 'AUTH_PROTOCOL', 'AUTH_CLASS', 'TOKEN_POLICY', 'AUTH_LEVEL', 'AUTH_SERVERS', 'PASSWORD_FACTOR']) {
    assert.equal(isSecretName(name), false, name);
  }
  assert.equal(isSecretName('KAFKA_SASL_PASSWORD'), true);
});

test('a name is read lower-cased as a whole, so a Kelvin sign counts as k, and camel case splits before the check', () => {
  assert.equal(isSecretName('API_\u212AEY'), true);
  assert.equal(isSecretName('dbPassword'), true);
  assert.equal(isSecretName('AUTHOR'), false);
});
