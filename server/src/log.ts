import type { Connection } from 'vscode-languageserver';
import type { RuleError } from '../../shared/src/lint';

/**
 * The output channel. Errors and warnings always go to it; per-lint detail only when the user
 * turned `dockguard.trace.server` up (the tracer sends nothing while tracing is off).
 */
export class Log {
  /** What was already reported, so a rule that throws on every keystroke is logged once. */
  private readonly reported = new Set<string>();

  constructor(private readonly connection: Connection) {}

  info(message: string): void {
    this.safely(() => this.connection.console.info(message));
  }

  warn(message: string): void {
    this.safely(() => this.connection.console.warn(message));
  }

  error(message: string): void {
    this.safely(() => this.connection.console.error(message));
  }

  /** Logs a message once per key until `forget` (e.g. an invalid setting, until settings change). */
  warnOnce(key: string, message: string): void {
    if (this.remember(key)) this.warn(message);
  }

  trace(message: string, verbose?: string): void {
    this.safely(() => this.connection.tracer.log(message, verbose));
  }

  /** A rule threw: the file's other findings are still shown; say which rule, where, and why. */
  ruleErrors(where: string, errors: readonly RuleError[]): void {
    for (const error of errors) {
      if (!this.remember(`rule:${where}:${error.ruleId}:${error.message}`)) continue;
      const stack = error.stack ? `\n${error.stack}` : '';
      this.error(`Rule ${error.ruleId} failed on ${where}; its findings are missing, the other rules' are shown. ${error.message}${stack}`);
    }
  }

  /** Forgets what was logged about a file (it closed or changed on disk), or about everything. */
  forget(prefix?: string): void {
    if (prefix === undefined) {
      this.reported.clear();
      return;
    }
    for (const key of this.reported) if (key.startsWith(prefix)) this.reported.delete(key);
  }

  private remember(key: string): boolean {
    if (this.reported.has(key)) return false;
    // A bound on memory for a session with endless distinct errors.
    if (this.reported.size > 10_000) this.reported.clear();
    this.reported.add(key);
    return true;
  }

  private safely(send: () => void): void {
    try {
      send();
    } catch {
      // The connection is gone; there is nobody left to tell.
    }
  }
}
