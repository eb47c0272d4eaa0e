import type { Migration } from 'kysely';

import * as m0001 from './2026-11-22T0001-initial';
import * as m0002 from './2026-11-22T0002-index-aggregates';
import * as m0003 from './2026-11-22T0003-display-tokens';
import * as m0004 from './2026-11-22T0004-reports';
import * as m0005 from './2026-11-22T0005-monthly-aggregates';
import * as m0006 from './2026-11-23T0006-identity-numbers';
import * as m0006b from './2026-11-23T0006-text-models';
import * as m0007 from './2026-11-23T0007-text-clusters';
import * as m0008 from './2026-11-23T0008-imports';
import * as m0009 from './2026-11-23T0009-outbox-open311';
import * as m0010 from './2026-11-24T0010-totp';
import * as m0011 from './2026-11-24T0011-partial-trouble-indexes';
import * as m0012 from './2026-11-25T0012-auditor-role';

/** All migrations, in order. Add new files here; never edit a released one. */
export const migrations: Record<string, Migration> = {
  '2026-11-22T0001-initial': m0001,
  '2026-11-22T0002-index-aggregates': m0002,
  '2026-11-22T0003-display-tokens': m0003,
  '2026-11-22T0004-reports': m0004,
  '2026-11-22T0005-monthly-aggregates': m0005,
  '2026-11-23T0006-identity-numbers': m0006,
  '2026-11-23T0006-text-models': m0006b,
  '2026-11-23T0007-text-clusters': m0007,
  '2026-11-23T0008-imports': m0008,
  '2026-11-23T0009-outbox-open311': m0009,
  '2026-11-24T0010-totp': m0010,
  '2026-11-24T0011-partial-trouble-indexes': m0011,
  '2026-11-25T0012-auditor-role': m0012,
};
