/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on any schema */
import { type Kysely, type MigrationResultSet, Migrator, PostgresAdapter, sql } from 'kysely';

import { migrations } from '../migrations';

/**
 * The migrator for `db`. On PostgreSQL it is pinned to the connection's current schema: without
 * it Kysely takes a `kysely_migration` table in *any* schema for its own, so that two databases
 * migrated at once in one server (test schemas, or a second deployment) could skip creating
 * their tables and fail with "relation kysely_migration_lock does not exist".
 */
async function migratorFor(db: Kysely<any>): Promise<Migrator> {
  let migrationTableSchema: string | undefined;
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const r = await sql<{ s: string }>`select current_schema() as s`.execute(db);
    migrationTableSchema = r.rows[0]?.s;
  }
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
}

/** Runs every pending migration; throws with the failing migration's name on error. */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const migrator = await migratorFor(db);
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
  const migrator = await migratorFor(db);
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
