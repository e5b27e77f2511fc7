import { defineDockerfileRule } from '../rule';
import type { ShellWord } from '../../dockerfile/shell';
import { invocationOf, parseOptions, type Invocation } from '../../dockerfile/commands';

const WHY =
  'build steps are recorded in the image history and the build cache, so the secret can be read back by anyone who can pull ' +
  'the image. Pass it with `RUN --mount=type=secret` instead.';

/** useradd/usermod values that lock an account or leave it without a password: no secret in them. */
function isPlaceholder(value: string): boolean {
  return /^(|\*|!|!!|!\*|x)$/.test(value.trim());
}

interface Hit {
  start: number;
  end: number;
  what: string;
}

/** `-p x`/`--password x`/`--password=x` of a login-style command. */
function passwordOption(
  args: readonly ShellWord[],
  spec: { shortWithValue: string; longWithValue: string[] },
  shortName: string,
  longName: string,
  isNoSecret: (value: string) => boolean = (value) => value === '',
): Hit | undefined {
  const parsed = parseOptions(args, spec);
  const option = parsed.options.find((candidate) => (candidate.long ? candidate.name === longName : candidate.name === shortName));
  if (!option || option.value === undefined || isNoSecret(option.value)) return undefined;
  const end = option.valueWord ? option.valueWord.end : option.word.end;
  return { start: option.word.start, end, what: option.long ? `--${longName}` : `-${shortName}` };
}

/** Commands whose `--password` forms are read by the specific cases above. */
const KNOWN = new Set([
  'chpasswd', 'chgpasswd', 'passwd', 'useradd', 'usermod', 'docker', 'podman', 'buildah', 'skopeo', 'nerdctl', 'helm', 'oras',
  'az', 'aws', 'mysql', 'mysqladmin', 'mysqldump', 'mariadb', 'mariadb-admin', 'htpasswd',
]);

/**
 * Any other program given `--password=<value>`, or `--password <value>` where the value is
 * visibly a value (quoted or a variable), so a flag followed by an operand is not mistaken.
 */
function genericPassword(invocation: Invocation): Hit[] {
  if (KNOWN.has(invocation.name)) return [];
  const { args, name } = invocation;
  for (let i = 0; i < args.length; i++) {
    const option = /^--(password|passwd)(?:=(.*))?$/.exec(args[i].value);
    if (!option) continue;
    if (option[2] !== undefined) {
      if (option[2] === '') continue;
      return [{ start: args[i].start, end: args[i].end, what: `'${name} --${option[1]}=…' passes a password on the command line` }];
    }
    const next = args[i + 1];
    if (next && !next.value.startsWith('-') && (next.quoted || next.expands) && next.value !== '') {
      return [{ start: args[i].start, end: next.end, what: `'${name} --${option[1]} …' passes a password on the command line` }];
    }
  }
  return [];
}

function passwordHits(invocation: Invocation): Hit[] {
  const { name, args, word } = invocation;
  switch (name) {
    case 'chpasswd':
    case 'chgpasswd': {
      const hashed = args.some((arg) => /^-[a-zA-Z]*e$/.test(arg.value) || arg.value === '--encrypted');
      return [{ start: word.start, end: word.end, what: `'${name}'${hashed ? ' with a hashed password' : ''} sets a password from this step` }];
    }
    case 'passwd':
      return args.some((arg) => arg.value === '--stdin')
        ? [{ start: word.start, end: word.end, what: `'passwd --stdin' sets a password from this step` }]
        : [];
    case 'useradd':
    case 'usermod': {
      const hit = passwordOption(args, { shortWithValue: 'bcdefgGkKpRPsuZl', longWithValue: ['password', 'base-dir', 'comment', 'home-dir', 'home', 'expiredate', 'inactive', 'gid', 'groups', 'skel', 'key', 'root', 'prefix', 'shell', 'uid', 'selinux-user', 'login'] }, 'p', 'password', isPlaceholder);
      return hit ? [{ ...hit, what: `'${name} ${hit.what}' puts a password hash on the command line` }] : [];
    }
    case 'docker':
    case 'podman':
    case 'buildah':
    case 'skopeo':
    case 'nerdctl':
    case 'helm':
    case 'oras': {
      const login = args.findIndex((arg) => arg.value === 'login');
      if (login < 0) return [];
      const hit = passwordOption(args.slice(login + 1), { shortWithValue: 'up', longWithValue: ['username', 'password', 'authfile', 'cert-dir', 'creds'] }, 'p', 'password');
      return hit ? [{ ...hit, what: `'${name} login ${hit.what}' passes a registry password on the command line` }] : [];
    }
    case 'az': {
      if (args[0]?.value !== 'login') return [];
      const hit = passwordOption(args.slice(1), { shortWithValue: 'upt', longWithValue: ['username', 'password', 'tenant'] }, 'p', 'password');
      return hit ? [{ ...hit, what: `'az login ${hit.what}' passes a password on the command line` }] : [];
    }
    case 'aws': {
      const values = args.map((arg) => arg.value);
      const at = values.indexOf('configure');
      if (at < 0 || values[at + 1] !== 'set') return [];
      const operands = args.slice(at + 2).filter((arg, i, all) => !arg.value.startsWith('--') && !(i > 0 && all[i - 1].value === '--profile'));
      const [key, value] = operands;
      if (!key || !/(^|\.)aws_(secret_access_key|session_token)$/.test(key.value)) return [];
      return [{ start: key.start, end: (value ?? key).end, what: `'aws configure set ${key.value}' writes an AWS secret from this step` }];
    }
    case 'mysql':
    case 'mysqladmin':
    case 'mysqldump':
    case 'mariadb':
    case 'mariadb-admin': {
      const hits: Hit[] = [];
      for (let i = 0; i < args.length; i++) {
        const value = args[i].value;
        if (/^-p./.test(value) || /^--password=./.test(value)) {
          hits.push({ start: args[i].start, end: args[i].end, what: `'${name} ${value.startsWith('--') ? '--password=…' : '-p…'}' passes a database password on the command line` });
        } else if ((name === 'mysqladmin' || name === 'mariadb-admin') && value === 'password' && args[i + 1]) {
          hits.push({ start: args[i].start, end: args[i + 1].end, what: `'${name} password …' sets a database password on the command line` });
        }
      }
      return hits;
    }
    case 'htpasswd': {
      const batch = args.some((arg) => /^-[a-zA-Z]*b/.test(arg.value));
      const operands = args.filter((arg) => !arg.value.startsWith('-'));
      const password = operands[operands.length - 1];
      // `htpasswd -b[c] file user password`, or `-nb user password`.
      if (!batch || !password || operands.length < 2) return [];
      return [{ start: password.start, end: password.end, what: `'htpasswd -b' takes the password on the command line` }];
    }
  }
  return genericPassword(invocation);
}

export default defineDockerfileRule({
  id: 'DG114',
  name: 'password-in-run',
  defaultSeverity: 'warning',
  cheatSheet: '12',
  fixable: false,
  summary: 'A RUN command sets or passes a password on its command line.',
  check({ model, report }) {
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'RUN') continue;
      const usesSecret = instruction.flags.some(
        (flag) => flag.name === 'mount' && flag.options.some(([key, value]) => key === 'type' && value?.toLowerCase() === 'secret'),
      );
      if (usesSecret) continue;
      const seen = new Set<string>();
      for (const command of instruction.commands) {
        const invocation = invocationOf(command);
        if (!invocation) continue;
        for (const hit of passwordHits(invocation)) {
          const key = `${hit.start}:${hit.end}`;
          if (seen.has(key)) continue;
          seen.add(key);
          report({ start: hit.start, end: hit.end, message: `${hit.what}: ${WHY}` });
        }
      }
    }
  },
});
