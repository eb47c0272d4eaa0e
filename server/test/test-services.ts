import { type Config } from '../src/config';
import { createDeps } from '../src/deps';
import { createProblemService } from '../src/modules/problems';
import { createSatisfactionService } from '../src/modules/satisfaction';
import {
  createTroubleIntake,
  createTroubleService,
  createTroubleTracking,
} from '../src/modules/troubles';
import type { Clock } from '../src/shared/clock';
import { testConfig } from './build-test-app';
import type { TestDatabase } from './test-db';

/** Real services over a test database, with an injectable clock (no HTTP). */
export function createTestServices(
  database: TestDatabase,
  clock: Clock,
  config: Config = testConfig(database.dataDir),
) {
  const deps = createDeps(config, database, clock);
  return {
    deps,
    intake: createTroubleIntake(deps),
    troubles: createTroubleService(deps),
    track: createTroubleTracking(deps),
    problems: createProblemService(deps),
    satisfaction: createSatisfactionService(deps),
  };
}
