import { type Config } from '../src/config';
import type { Deps } from '../src/deps';
import { createProblemService } from '../src/modules/problems';
import { createSatisfactionService } from '../src/modules/satisfaction';
import {
  createTroubleIntake,
  createTroubleService,
  createTroubleTracking,
} from '../src/modules/troubles';
import type { Clock } from '../src/shared/clock';
import { createFieldCrypto } from '../src/shared/field-crypto';
import { createGroupCommitter } from '../src/shared/group-commit';
import { testConfig } from './build-test-app';
import type { TestDatabase } from './test-db';

/** Real services over a test database, with an injectable clock (no HTTP). */
export function createTestServices(
  database: TestDatabase,
  clock: Clock,
  config: Config = testConfig(database.dataDir),
) {
  const deps: Deps = {
    config,
    db: database.db,
    dialect: database.dialect,
    clock,
    crypto: createFieldCrypto(config.fieldKey),
    committer: createGroupCommitter(database.db, config.groupCommit),
  };
  return {
    deps,
    intake: createTroubleIntake(deps),
    troubles: createTroubleService(deps),
    track: createTroubleTracking(deps),
    problems: createProblemService(deps),
    satisfaction: createSatisfactionService(deps),
  };
}
