import type { Struct, StructError } from 'superstruct';
import { truncate } from './structs.js';

export interface ConfigError {
  /** "alerts[2].for" */
  path: string;
  /** "expected a duration like \"30s\", got \"soon\"" */
  message: string;
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: ConfigError[] };

export interface ValidateOptions {
  /** Path prefix for messages, e.g. "alerts" when validating a card's `alerts:` section alone. */
  path?: string;
}

/** Format a superstruct path: ["alerts", 2, "for"] → "alerts[2].for". Keys over 60 characters are cut with "…". */
export function formatPath(parts: readonly (string | number)[], prefix = ''): string {
  let out = prefix;
  for (const part of parts) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? truncate(String(part)) : `.${truncate(String(part))}`;
  }
  return out;
}

/**
 * Coerce (defaults, durations → ms, ...) and validate. Never throws: every problem comes back
 * as `{ path, message }`, in document order, one per path.
 */
export function validate<T>(struct: Struct<T, unknown>, input: unknown, options: ValidateOptions = {}): ValidationResult<T> {
  const [error, value] = struct.validate(input, { coerce: true });
  if (!error) return { ok: true, value: value as T };
  return { ok: false, errors: toConfigErrors(error, options.path) };
}

export function toConfigErrors(error: StructError, prefix = ''): ConfigError[] {
  const seen = new Set<string>();
  const errors: ConfigError[] = [];
  for (const failure of error.failures()) {
    const path = formatPath(failure.path, prefix);
    if (seen.has(path)) continue;
    seen.add(path);
    errors.push({ path, message: failure.message });
  }
  return errors;
}

/** "alerts[2].for: expected ..." lines, e.g. for an error card or the CLI. */
export function formatErrors(errors: readonly ConfigError[]): string {
  return errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('\n');
}
