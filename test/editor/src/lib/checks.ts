/** One named check of a stage, for the summary. */
export interface CheckResult {
  name: string;
  status: 'passed' | 'failed' | 'skipped';
  detail?: string;
}

/**
 * Runs dependent steps in order: the first failure is recorded and the steps after it are marked
 * skipped (they could not mean anything), so a broken editor gives one clear failure, not ten.
 */
export class CheckSequence {
  readonly results: CheckResult[] = [];
  private broken = false;

  /** `onFailure` runs after a failed step (the UI stage saves a screenshot there). */
  constructor(
    private readonly log: (line: string) => void,
    private readonly onFailure?: (stepIndex: number) => Promise<void>,
  ) {}

  async step(name: string, body: () => Promise<void> | void): Promise<void> {
    if (this.broken) {
      this.results.push({ name, status: 'skipped' });
      this.log(`  - ${name} (skipped)`);
      return;
    }
    try {
      await body();
      this.results.push({ name, status: 'passed' });
      this.log(`  ✔ ${name}`);
    } catch (error) {
      this.broken = true;
      const detail = error instanceof Error ? error.message : String(error);
      this.results.push({ name, status: 'failed', detail });
      this.log(`  ✘ ${name}\n      ${detail.split('\n').join('\n      ')}`);
      await this.onFailure?.(this.results.length).catch(() => undefined);
    }
  }
}

export function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
