/**
 * Version of the personal-information notice (PIPL Art. 17) shown next to the name and phone
 * fields; sent with a named report so the server records which text the worker agreed to.
 * Change it whenever report.privacyText changes in either locale.
 */
export const PRIVACY_NOTICE_VERSION = '2026-11-v1';
