/**
 * What counts as a secret, for Dockerfile ARG/ENV (DG106) and compose `environment` (DG223):
 * names with a secret token, and values in a known credential format.
 */

/** Whole tokens that name a secret (`DB_PASSWORD`, `API_KEY`, `apikey`, `MAIL_PASS`). */
const SECRET_TOKENS = new Set([
  'password',
  'passwd',
  'pwd',
  'pword',
  'pass',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'key',
  'credential',
  'credentials',
  'creds',
  'auth',
]);

/** A token ending in one of these is a secret too: `ROOTPASSWORD`, `clientSecret` read as one word, `AUTHTOKEN`. */
const SECRET_SUFFIXES = ['password', 'passwd', 'secret', 'token', 'apikey'];

/**
 * A token like these anywhere makes the name about something else: where a secret lives or
 * which public key verifies a download (`PASSWORD_FILE`, `TOKENIZER_PATH`, `GPG_KEY`, `KEY_URL`).
 */
const EXEMPT_TOKEN =
  /^(?:public\w*|files?|filename|filepath|paths?|pathname|dirs?|dirname|director(?:y|ies)|urls?|uris?|versions?|gpg\w*|pgp\w*|fingerprints?|keyrings?|keyservers?)$/;

/**
 * A name that ends in one of these, after its secret token, describes a setting of the secret,
 * not the secret: `AUTH_METHOD`, `TOKEN_EXPIRY`, `PASSWORD_LENGTH`, `SECRET_NAME`, `KEY_CONVERTER`.
 */
const SETTING_SUFFIXES = new Set([
  'enabled', 'enable', 'disabled', 'disable', 'required', 'allowed',
  'type', 'method', 'mode', 'scheme', 'algorithm', 'alg', 'format', 'strategy', 'provider', 'backend', 'plugin', 'source', 'converter',
  'host', 'hostname', 'port', 'endpoint', 'realm', 'issuer', 'audience', 'service', 'origins', 'location', 'header', 'domain',
  'ttl', 'expiry', 'expiration', 'expires', 'lifetime', 'timeout', 'length', 'size', 'bits', 'ratelimit', 'interval', 'retries',
  'name', 'user', 'username', 'login',
  'whitelist', 'allowlist', 'blacklist', 'denylist',
  'mechanism', 'mechanisms', 'protocol', 'class', 'factor', 'servers', 'policy', 'level',
]);

/** A switch before the secret token makes the name a flag: `ALLOW_EMPTY_PASSWORD`, `NO_AUTH`, `ALWAYS_AUTH`. */
const SWITCH_PREFIXES = new Set(['no', 'allow', 'disable', 'enable', 'skip', 'empty', 'require', 'ignore', 'always']);

const MAYBE_SECRET_NAME = /pass|pwd|pword|secret|token|key|cred|auth/;

/** Splits `DB_PASSWORD`, `db-password`, `dbPassword`, `db.password` into lower-case tokens. */
export function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[_\-.\s]+/)
    .filter((token) => token.length > 0);
}

function isSecretToken(token: string): boolean {
  if (SECRET_TOKENS.has(token)) return true;
  // `NOPASSWD` is sudo's switch, not a password.
  return !token.startsWith('no') && SECRET_SUFFIXES.some((suffix) => token.endsWith(suffix));
}

/**
 * Whether a variable name says it holds a secret. Tokens are matched whole, so `TOKENIZER` and
 * `AUTHOR` are not secrets; `API_KEY`, `apikey`, `PRIVATE_KEY`, `DB_PASSWORD` are. Names about
 * where a secret is (`…_FILE`, `…_PATH`, `…_URL`), about public keys (`GPG_KEY`), settings of a
 * secret (`AUTH_METHOD`, `TOKEN_TTL`) and switches (`ALLOW_EMPTY_PASSWORD`) are not.
 */
export function isSecretName(name: string): boolean {
  // Every secret token holds one of these, and every token is part of the lower-cased name: most
  // names (TZ, PUID, DB_HOST) are settled without splitting them. (Lower-cased as nameTokens does:
  // a case-insensitive regex would miss the Kelvin sign that toLowerCase turns into k.)
  if (!MAYBE_SECRET_NAME.test(name.toLowerCase())) return false;
  const tokens = nameTokens(name);
  if (tokens.some((token) => EXEMPT_TOKEN.test(token))) return false;
  // `Filters__0__Key` (.NET configuration) is the key of the list's first key/value pair.
  const isSecret = (token: string, i: number): boolean => isSecretToken(token) && !(token === 'key' && /^\d+$/.test(tokens[i - 1] ?? ''));
  const first = tokens.findIndex(isSecret);
  if (first < 0) return false;
  if (tokens.slice(0, first).some((token) => SWITCH_PREFIXES.has(token))) return false;
  let last = first;
  tokens.forEach((token, i) => {
    if (isSecret(token, i)) last = i;
  });
  return !(last < tokens.length - 1 && SETTING_SUFFIXES.has(tokens[tokens.length - 1]));
}

/**
 * Values a secret-named variable can hold that are not a secret: nothing, a switch, a path
 * to where the secret lives, or a URL without a password in it.
 */
export function isNonSecretValue(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed === '') return true;
  if (/^(?:true|false|yes|no|on|off|none|null|nil|enabled|disabled)$/i.test(trimmed)) return true;
  if (/^(?:\/|\.{1,2}\/|~\/|[A-Za-z]:[\\/])\S*$/.test(trimmed)) return true;
  if (/^[\w.-]+(?:\/[\w.-]+)+\.[A-Za-z0-9]{1,6}$/.test(trimmed)) return true;
  const url = /^[a-z][a-z0-9+.-]*:\/\/([^/?#\s]*)\S*$/i.exec(trimmed);
  if (url) return !/:[^@]*@/.test(url[1]);
  return false;
}

export interface SecretMatch {
  /** What was found, for the message: "an AWS access key id". */
  kind: string;
  start: number;
  end: number;
}

/** Formats distinctive enough (fixed prefixes, lengths) that a match is a credential, not chance. */
const SECRET_FORMATS: { kind: string; pattern: RegExp }[] = [
  { kind: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/g },
  { kind: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{60,255})\b/g },
  { kind: 'a GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}/g },
  { kind: 'a Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g },
  { kind: 'a Slack webhook URL', pattern: /https:\/\/hooks\.slack\.com\/services\/T[A-Za-z0-9]+\/B[A-Za-z0-9]+\/[A-Za-z0-9]+/g },
  { kind: 'a Stripe secret key', pattern: /\b(?:sk|rk)_live_[A-Za-z0-9]{20,}/g },
  { kind: 'an npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { kind: 'a PyPI token', pattern: /\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}/g },
  { kind: 'a Docker Hub access token', pattern: /\bdckr_pat_[A-Za-z0-9_-]{27,}/g },
  { kind: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { kind: 'a Hugging Face token', pattern: /\bhf_[A-Za-z]{34}\b/g },
  { kind: 'an Anthropic API key', pattern: /\bsk-ant-(?:api|admin)\d\d-[A-Za-z0-9_-]{80,}/g },
  { kind: 'an OpenAI API key', pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}/g },
  { kind: 'a private key', pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----/g },
];

/** The fixed part every format above starts with: a text without any holds none of them. */
const SECRET_FORMAT_PREFIX = /AKIA|ASIA|ABIA|ACCA|gh[pousr]_|github_pat_|glpat-|xox[abposr]-|hooks\.slack\.com|_live_|npm_|pypi-|dckr_pat_|AIza|hf_|sk-|-----BEGIN /;

/** Credentials in a known format inside `text`, with offsets relative to `text`. */
export function findSecretValues(text: string): SecretMatch[] {
  // Most values hold no prefix at all: one scan instead of one per format.
  if (!SECRET_FORMAT_PREFIX.test(text)) return [];
  const found: SecretMatch[] = [];
  for (const { kind, pattern } of SECRET_FORMATS) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      found.push({ kind, start: match.index, end: match.index + match[0].length });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
