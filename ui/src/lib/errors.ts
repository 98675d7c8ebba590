import type { AppError } from './api';
import { has, t } from './i18n.svelte';

/** The plain-language text of an error: `error-<key>`, or `field-error-<variant>` for fields. */
export function errorText(err: AppError, override: Record<string, string | number> = {}): string {
  const args = { ...err.args, ...override };
  if (err.isField) {
    const id = `field-error-${err.args.error ?? 'wrong_type'}`;
    return has(id) ? t(id, args) : t('field-error-wrong_type', args);
  }
  const id = `error-${err.key}`;
  return has(id) ? t(id, args) : t('error-internal', args);
}
