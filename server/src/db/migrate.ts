/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on any schema */
import { type Kysely, type MigrationResultSet, Migrator } from 'kysely';

import { migrations } from '../migrations';

/** Runs every pending migration; throws with the failing migration's name on error. */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `migration ${failed} failed: ${result.error instanceof Error ? result.error.message : JSON.stringify(result.error)}`,
      { cause: result.error },
    );
  }
  return result;
}

/** Rolls back every migration (used by the migration round-trip test). */
export async function migrateDownAll(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
  });
  for (;;) {
    const result = await migrator.migrateDown();
    if (result.error) {
      throw result.error instanceof Error ? result.error : new Error(JSON.stringify(result.error));
    }
    if (!result.results || result.results.length === 0) {
      return;
    }
  }
}
