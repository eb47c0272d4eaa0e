import type { TFunction } from 'i18next';

import { CLIENT_ERROR_CODES, isApiError } from './api-client';

/**
 * A readable, localised message for any thrown value. Server problem details are already
 * localised (via `Accept-Language`); client-side failures map to locale strings.
 */
export function describeError(error: unknown, t: TFunction): string {
  if (isApiError(error)) {
    if (error.code === CLIENT_ERROR_CODES.network) {
      return t('errors.network');
    }
    if (error.problem !== undefined && error.message !== '') {
      return error.message;
    }
  }
  return t('errors.unexpected');
}
