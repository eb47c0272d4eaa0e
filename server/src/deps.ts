import type { Kysely } from 'kysely';

import type { Config } from './config';
import type { Database, Dialect } from './db/database';
import type { DB } from './db/schema';
import type { Clock } from './shared/clock';
import { createFieldCrypto, type FieldCrypto } from './shared/field-crypto';
import { createGroupCommitter, type GroupCommitter } from './shared/group-commit';

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

/** The one place dependencies are assembled (the server and the service tests use it). */
export function createDeps(config: Config, database: Database, clock: Clock): Deps {
  return {
    config,
    db: database.db,
    dialect: database.dialect,
    clock,
    crypto: createFieldCrypto(config.fieldKey),
    committer: createGroupCommitter(database.db, config.groupCommit),
  };
}
