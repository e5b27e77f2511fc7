import { defineDockerfileRule } from '../rule';
import { copyOperandsOf } from '../../dockerfile/copy-sources';
import { baseName } from '../../dockerfile/commands';
import { scopeBefore, shippedStages } from '../../dockerfile/stage-facts';
import { substitute } from '../../dockerfile/variables';

/** Name tokens of certificates: `ca.pem`, `fullchain.pem`, `/etc/ssl/certs/`. */
const CERTIFICATE_TOKENS = new Set([
  'ca', 'cacert', 'cacerts', 'cert', 'certs', 'certificate', 'certificates', 'crt', 'chain', 'fullchain', 'bundle', 'pub',
  'public', 'pubkey', 'root', 'rootca', 'trust', 'truststore', 'intermediate', 'anchors',
]);
/** Name tokens of package-signing public keys: `nginx_signing.key`, `apt.key`, `repo.gpg.key`. */
const SIGNING_KEY_TOKENS = new Set(['gpg', 'pgp', 'signing', 'apt', 'repo', 'release', 'archive', 'keyring', 'asc', 'pub', 'public', 'pubkey']);
const PRIVATE_TOKENS = new Set(['key', 'priv', 'private', 'privkey', 'secret']);

/** `.env` copies that are templates, not secrets. */
const ENV_TEMPLATES = /^\.env\.(example|sample|dist|template|tpl|defaults?|schema|in|skel|local\.example)$/i;

function words(text: string): string[] {
  return text.toLowerCase().split(/[^a-z0-9]+/).filter((token) => token.length > 0);
}

/** The words of a file name without its extension: `server-cert.pem` → server, cert. */
function tokens(name: string): string[] {
  return words(name.replace(/\.[^.]*$/, ''));
}

/** What kind of credential a source path names, or undefined when it names none. */
export function credentialKind(path: string, destination = ''): string | undefined {
  const trimmed = path.replace(/\/+$/, '');
  const name = baseName(trimmed);
  const lower = name.toLowerCase();
  const parent = baseName(trimmed.slice(0, Math.max(0, trimmed.length - name.length - 1)));
  if (/^id_(rsa|dsa|ecdsa|ed25519)(_sk)?/.test(lower) && !lower.endsWith('.pub')) return 'an SSH private key';
  if (lower === '.ssh') return 'an SSH directory (private keys)';
  if (lower.endsWith('.pem')) {
    const parts = tokens(lower);
    if (parts.some((token) => PRIVATE_TOKENS.has(token))) return 'a PEM private key';
    // Certificates: by their name, their folder, or where they go (`/etc/ssl/certs/`, `ca-certificates`).
    const context = [...parts, ...words(trimmed.slice(0, trimmed.length - name.length)), ...words(destination)];
    if (context.some((token) => CERTIFICATE_TOKENS.has(token))) return undefined;
    return 'a PEM file (private keys are kept in these)';
  }
  if (lower.endsWith('.key')) {
    return tokens(lower).some((token) => SIGNING_KEY_TOKENS.has(token)) ? undefined : 'a private key file';
  }
  if (/\.(p12|pfx)$/.test(lower)) return 'a PKCS#12 key store';
  if (lower === '.env' || (lower.startsWith('.env.') && !ENV_TEMPLATES.test(lower)) || lower === '.env*') return 'an environment file';
  if (lower === '.npmrc') return 'an npm configuration (registry tokens)';
  if (lower === '.pypirc') return 'a PyPI configuration (upload credentials)';
  if (lower === '.netrc' || lower === '_netrc') return 'a .netrc (login credentials)';
  if (lower === '.git-credentials') return 'stored git credentials';
  if (lower === '.pgpass') return 'a PostgreSQL password file';
  if (lower === '.dockercfg') return 'Docker registry credentials';
  if (lower === 'credentials' && parent === '.aws') return 'AWS credentials';
  if (lower === '.aws') return 'an AWS configuration directory (credentials)';
  if (lower === 'config.json' && parent === '.docker') return 'Docker registry credentials';
  if (lower === '.docker') return 'a Docker configuration directory (registry credentials)';
  if (lower === 'config' && parent === '.kube') return 'a kubeconfig (cluster credentials)';
  if (lower === '.kube') return 'a Kubernetes configuration directory (cluster credentials)';
  if (lower === '.gnupg') return 'a GnuPG directory (private keys)';
  return undefined;
}

export default defineDockerfileRule({
  id: 'DG116',
  name: 'copy-secret-file',
  defaultSeverity: 'warning',
  cheatSheet: '12',
  fixable: false,
  summary: 'COPY or ADD copies a credential file into the image.',
  check({ model, report }) {
    const shipped = shippedStages(model);
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') continue;
      // A builder stage's files reach the image only through what is copied out of it.
      if (!instruction.stage || !shipped.has(instruction.stage)) continue;
      const { sources, destination } = copyOperandsOf(model, instruction);
      let scope: ReturnType<typeof scopeBefore> | undefined;
      for (const source of sources) {
        let value: string | undefined = source.value;
        if (/^[a-z][a-z0-9+.-]*:\/\/|^git@/i.test(value)) continue;
        if (value.includes('$')) {
          scope ??= scopeBefore(model, instruction);
          value = substitute(value, scope, model.escapeChar);
          if (value === undefined) continue;
        }
        const kind = credentialKind(value, destination?.value);
        if (!kind) continue;
        const keyword = instruction.keyword;
        const from = instruction.flags.find((flag) => flag.name === 'from')?.value;
        report({
          start: source.start,
          end: source.end,
          message:
            `${keyword} puts '${source.value}'${value !== source.value ? ` (${value})` : ''}, ${kind}, into the image${from ? ` (from '${from}')` : ''}. ` +
            'Anyone who can pull the image can read it, and deleting it in a later step does not remove it from the layer. ' +
            'Mount it for the step that needs it (`RUN --mount=type=secret` or `--mount=type=ssh`) and keep it out of the build context with .dockerignore.',
        });
      }
    }
  },
});
