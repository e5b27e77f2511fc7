import { parseArgs } from 'node:util';
import { parseSize, rulesNamed, SEVERITY_SETTINGS, type Severity, type SeveritySetting } from '../../shared/src/index';

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface CliOptions {
  format: OutputFormat;
  config: string | undefined;
  /** From `--rule`, in the order given (a later one for the same rule wins). */
  rules: Record<string, SeveritySetting>;
  failLevel: Severity;
  fix: boolean;
  listRules: boolean;
  stdin: boolean;
  stdinFilename: string | undefined;
  quiet: boolean;
  maxFileSize: number | undefined;
  version: boolean;
  help: boolean;
  paths: string[];
}

/** A mistake on the command line: exit code 2 with this message. */
export class UsageError extends Error {}

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];
const FAIL_LEVELS: readonly Severity[] = ['error', 'warning', 'info'];

export function parseCommandLine(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        config: { type: 'string', short: 'c' },
        rule: { type: 'string', multiple: true },
        'fail-level': { type: 'string' },
        fix: { type: 'boolean' },
        'list-rules': { type: 'boolean' },
        stdin: { type: 'boolean' },
        'stdin-filename': { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        'max-file-size': { type: 'string' },
        version: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;

  const format = (values.format ?? 'text').toLowerCase();
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`Unknown format '${values.format}': use text, json or sarif.`);
  }
  const failLevel = (values['fail-level'] ?? 'warning').toLowerCase();
  if (!(FAIL_LEVELS as readonly string[]).includes(failLevel)) {
    throw new UsageError(`Unknown fail level '${values['fail-level']}': use error, warning or info.`);
  }

  const rules: Record<string, SeveritySetting> = {};
  for (const setting of values.rule ?? []) {
    const equals = setting.lastIndexOf('=');
    const rule = equals > 0 ? setting.slice(0, equals).trim() : '';
    const severity = equals > 0 ? setting.slice(equals + 1).trim().toLowerCase() : '';
    if (!rule || !severity) throw new UsageError(`--rule expects ID=SEVERITY (for example --rule DG103=off), not '${setting}'.`);
    if (rulesNamed(rule).length === 0) throw new UsageError(`Unknown rule '${rule}' in --rule: use an id such as DG201 or a name such as privileged (see --list-rules).`);
    if (!(SEVERITY_SETTINGS as readonly string[]).includes(severity)) {
      throw new UsageError(`Invalid severity '${severity}' for '${rule}' in --rule: use error, warning, info or off.`);
    }
    // Deleting first makes a repeated rule take the position (and so the precedence) of its last mention.
    delete rules[rule];
    rules[rule] = severity as SeveritySetting;
  }

  let maxFileSize: number | undefined;
  if (values['max-file-size'] !== undefined) {
    maxFileSize = parseSize(values['max-file-size']);
    if (maxFileSize === undefined) {
      throw new UsageError(`Invalid --max-file-size '${values['max-file-size']}': use a number of bytes or a size such as 5MB or 512KB.`);
    }
  }

  const stdin = values.stdin ?? false;
  if (values['stdin-filename'] !== undefined && !stdin) throw new UsageError('--stdin-filename only makes sense with --stdin.');
  if (stdin && positionals.length > 0) throw new UsageError('With --stdin, give no paths: the text comes from standard input.');
  if (values['list-rules'] && format === 'sarif') throw new UsageError('--list-rules prints text or JSON (-f json); SARIF output lists the rules in every run.');

  return {
    format: format as OutputFormat,
    config: values.config,
    rules,
    failLevel: failLevel as Severity,
    fix: values.fix ?? false,
    listRules: values['list-rules'] ?? false,
    stdin,
    stdinFilename: values['stdin-filename'],
    quiet: values.quiet ?? false,
    maxFileSize,
    version: values.version ?? false,
    help: values.help ?? false,
    paths: positionals,
  };
}

export const HELP = `Usage: dockguard [options] [path ...]

Checks Dockerfiles and Docker Compose files for container-security problems.
Paths may be files or folders (default: the current folder). Folders are searched for
Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile, Containerfile*, compose.y[a]ml,
compose.*.y[a]ml, docker-compose*.y[a]ml and *.compose.y[a]ml, skipping .git, node_modules,
.gitignore'd paths and the config's ignore-paths.

Options:
  -f, --format text|json|sarif       output format (default: text)
  -c, --config FILE                  use this config instead of the nearest .dockguard.yaml
      --rule ID=SEVERITY             set a rule's severity (error, warning, info, off); ID or
                                     name; repeatable; wins over the config
      --fail-level error|warning|info
                                     exit 1 when a finding at or above this level is reported
                                     (default: warning)
      --fix                          apply each finding's preferred fix in place, then report
                                     what remains
      --list-rules                   print the rule catalog (with -f json: as JSON)
      --stdin                        lint the text on standard input
      --stdin-filename NAME          ... as if it were the file NAME (decides the kind and the
                                     config); with --fix, the fixed text goes to standard output
      --max-file-size SIZE           skip files larger than SIZE (e.g. 512KB, 5MB; default: the
                                     config's max-file-size, else 5MB)
  -q, --quiet                        report error-level findings only
  -v, --version                      print the version
  -h, --help                         print this help

Exit codes: 0 nothing at or above the fail level, 1 findings at or above it,
2 usage error, unreadable path, or invalid config given with --config.
`;
