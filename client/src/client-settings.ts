import type { RunMode } from '../../shared/src/protocol/settings';

/**
 * The two settings the client itself acts on, read as the server reads them
 * (`sanitizeSettings` in shared/src/protocol/settings.ts; `client-settings.test.ts` holds them to
 * it). The client does not import the sanitizer: it sits beside the rule registry, and the
 * extension bundle would carry the whole engine for two settings.
 */

export function readRunMode(value: unknown): RunMode {
  return value === 'onSave' ? 'onSave' : 'onType';
}

export function readComposeFiles(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is string => typeof item === 'string' && item.trim() !== '').map((item) => item.trim());
}
