/**
 * What counts as a secret, for Dockerfile ARG/ENV (DG106) and compose `environment` (DG223):
 * names with a secret token, and values in a known credential format.
 */

const SECRET_TOKENS = new Set([
  'password',
  'passwd',
  'pwd',
  'secret',
  'token',
  'apikey',
  'key',
  'credential',
  'credentials',
  'auth',
]);

/** A token starting with one of these exempts the name (`GPG_KEY`, `PASSWORD_FILE`, `TOKENIZER_PATH`). */
const EXEMPT_PREFIXES = ['public', 'file', 'path', 'dir', 'url', 'version', 'gpg', 'pgp', 'fingerprint', 'keyring', 'keyserver'];

/** Splits `DB_PASSWORD`, `db-password`, `dbPassword`, `db.password` into lower-case tokens. */
export function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[_\-.\s]+/)
    .filter((token) => token.length > 0);
}

/**
 * Whether a variable name says it holds a secret. Tokens are matched whole, so `TOKENIZER` and
 * `AUTHOR` are not secrets; `API_KEY`, `apikey`, `PRIVATE_KEY`, `DB_PASSWORD` are.
 */
export function isSecretName(name: string): boolean {
  const tokens = nameTokens(name);
  if (tokens.some((token) => EXEMPT_PREFIXES.some((prefix) => token.startsWith(prefix)))) return false;
  return tokens.some((token) => SECRET_TOKENS.has(token));
}

export interface SecretMatch {
  /** What was found, for the message: "an AWS access key id". */
  kind: string;
  start: number;
  end: number;
}

const SECRET_FORMATS: { kind: string; pattern: RegExp }[] = [
  { kind: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/g },
  { kind: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{60,255})\b/g },
  { kind: 'a GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}/g },
  { kind: 'a Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g },
  { kind: 'a Slack webhook URL', pattern: /https:\/\/hooks\.slack\.com\/services\/T[A-Za-z0-9]+\/B[A-Za-z0-9]+\/[A-Za-z0-9]+/g },
  { kind: 'a Stripe secret key', pattern: /\b(?:sk|rk)_live_[A-Za-z0-9]{20,}/g },
  { kind: 'a private key', pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----/g },
];

/** Credentials in a known format inside `text`, with offsets relative to `text`. */
export function findSecretValues(text: string): SecretMatch[] {
  const found: SecretMatch[] = [];
  for (const { kind, pattern } of SECRET_FORMATS) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      found.push({ kind, start: match.index, end: match.index + match[0].length });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
