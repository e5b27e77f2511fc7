import { defineComposeRule } from '../rule';
import type { ComposeModel } from '../../compose/model';
import { environment, type EnvironmentEntry } from '../../compose/values';
import { findSecretValues, isNonSecretValue, isSecretName } from '../../secrets';
import { valueProblem } from './service-findings';
import { valueRange } from '../../compose/edits';

/**
 * Besides what `isNonSecretValue` (shared with DG106) skips — nothing, switches, paths, URLs
 * without a password — values compose files use as examples or settings, not as secrets:
 * `0`/`1` flags, `""` (an empty value in list form), placeholders (`<your-token>`, `******`,
 * `XXX-XXX`), key and certificate files (`%kernel.project_dir%/config/jwt/private.pem`),
 * e-mail addresses, `host:port` lists and qualified class or module names
 * (`CONNECT_CONFIG_PROVIDERS_SECRET_CLASS: io.confluent…`).
 */
const NOT_A_SECRET = [
  /^[01]$/,
  /^(?:""|'')$/,
  /^<[^<>]*>$/,
  /^[xX*._-]+$/,
  /^\S*\/\S+\.(?:pem|key|crt|cer|der|p12|pfx|jks|keystore|truststore|json|txt)$/i,
  /^[^@\s:/]+@[^@\s:/]+\.[A-Za-z]{2,}$/,
  /^[\w.-]+:\d{2,5}(?:\s*,\s*[\w.-]+:\d{2,5})*$/,
  /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*){3,}(?:\s*,\s*[A-Za-z_]\w*(?:\.[A-Za-z_]\w*){3,})*$/,
];

function isNotASecret(value: string): boolean {
  return isNonSecretValue(value) || NOT_A_SECRET.some((pattern) => pattern.test(value));
}

/** Placeholder credentials in a known format (`…/XXXXXXXX`, `sk-000000…`) are examples, not leaks. */
function isPlaceholder(text: string): boolean {
  return /X{8,}|x{8,}|0{8,}/.test(text);
}

export default defineComposeRule({
  id: 'DG223',
  name: 'secret-in-environment',
  defaultSeverity: 'warning',
  cheatSheet: '12',
  fixable: false,
  summary: 'A service environment variable holds a literal secret.',
  check(context) {
    const { model } = context;
    for (const service of model.services) {
      const field = service.field('environment');
      for (const entry of environment(field)) {
        if (!entry.set || entry.raw === undefined) continue;
        const literal = entry.raw.trim();
        if (literal === '') continue;
        if (isSecretName(entry.name) && isLiteral(literal) && !isNotASecret(literal)) {
          const value = entryValueRange(model, entry);
          if (value) context.report(valueProblem(service, field, [value.start, value.end], `sets ${entry.name} to a literal value in environment: the secret is stored in the file and shown by docker inspect. Use Compose secrets: (a file under /run/secrets/) or take it from an untracked .env file.`));
          continue;
        }
        const match = findSecretValues(entry.raw).find((found) => !isPlaceholder(entry.raw!.slice(found.start, found.end)));
        if (!match) continue;
        const value = entryValueRange(model, entry);
        if (!value) continue;
        const [start, end] = value.exact ? [value.start + match.start, value.start + match.end] : [value.start, value.end];
        context.report(
          valueProblem(
            service,
            field,
            [start, end],
            `sets ${entry.name} to ${match.kind} in environment: the credential is stored in the file and shown by docker inspect. Use Compose secrets: (a file under /run/secrets/), and rotate it if it was committed.`,
          ),
        );
      }
    }
  },
});

/** A value with no variable in it (`$$` is a literal dollar). */
function isLiteral(raw: string): boolean {
  return !/\$(?:\{|[A-Za-z_])/.test(raw.replace(/\$\$/g, ''));
}

/** The value's range; `exact` when the text there is the raw value, so offsets inside it map. */
function entryValueRange(model: ComposeModel, entry: EnvironmentEntry): { start: number; end: number; exact: boolean } | undefined {
  let range: [number, number] | undefined;
  if (entry.field) range = valueRange(model, entry.node);
  else if (entry.valueStart !== undefined && entry.valueEnd !== undefined) range = [entry.valueStart, entry.valueEnd];
  if (!range) return undefined;
  return { start: range[0], end: range[1], exact: model.text.slice(range[0], range[1]) === entry.raw };
}
