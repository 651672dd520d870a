import { parseAlertsConfig, type AlertsConfig } from '../../../src/core/config/alerts.js';
import { formatErrors } from '../../../src/core/config/validate.js';

/** The error lines of an `alerts:` section that must not validate. */
export function errorsOf(input: unknown): string[] {
  const result = parseAlertsConfig(input);
  if (result.ok) throw new Error('expected validation to fail');
  return formatErrors(result.errors).split('\n');
}

/** A section that must validate, with its defaults filled in. */
export function ok(input: unknown): AlertsConfig {
  const result = parseAlertsConfig(input);
  if (!result.ok) throw new Error(formatErrors(result.errors));
  return result.value;
}
