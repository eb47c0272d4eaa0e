import type { Kysely } from 'kysely';

import type { Config } from './config';
import type { Dialect } from './db/database';
import type { DB } from './db/schema';
import type { Clock } from './shared/clock';
import type { FieldCrypto } from './shared/field-crypto';
import type { GroupCommitter } from './shared/group-commit';

/**
 * What services may depend on. Each service takes only the parts it uses (`Pick<Deps, …>`),
 * so tests can construct it with a real database and a fake clock.
 */
export interface Deps {
  config: Config;
  db: Kysely<DB>;
  dialect: Dialect;
  clock: Clock;
  crypto: FieldCrypto;
  committer: GroupCommitter;
}
