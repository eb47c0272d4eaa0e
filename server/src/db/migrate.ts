/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on any schema */
import { type Kysely, type MigrationResultSet, Migrator, PostgresAdapter, sql } from 'kysely';

import { migrations } from '../migrations';

/**
 * The migrator of this database. On PostgreSQL its bookkeeping tables live in the connection's
 * current schema: Kysely otherwise looks for them in every schema, and a database holding several
 * schemas (tests, benchmarks) would find another schema's tables and skip creating its own.
 */
export async function createMigrator(db: Kysely<any>): Promise<Migrator> {
  const provider = { getMigrations: () => Promise.resolve(migrations) };
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const r = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    const schema = r.rows[0]?.schema;
    if (schema) {
      return new Migrator({ db, provider, migrationTableSchema: schema });
    }
  }
  return new Migrator({ db, provider });
}

/** Runs every pending migration; throws with the failing migration's name on error. */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const migrator = await createMigrator(db);
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
  const migrator = await createMigrator(db);
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
