import { createApiClient } from './api-client';
import { getLanguage } from './i18n';

/** The app-wide API client: same origin, `Accept-Language` follows the UI language. */
export const api = createApiClient({ getLanguage });
