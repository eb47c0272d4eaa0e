import type { Database } from './db/database';
import { migrateToLatest } from './db/migrate';
// Leaf files, not the modules' index.ts (routes, services, notifications): every CLI command
// runs this, and `npx fannao import` should load no more than it needs.
import { createWorkCalendarRepository } from './modules/promise/work-calendar-repository';
import { createTaxonomyRepository } from './modules/taxonomy/taxonomy-repository';
import type { Clock } from './shared/clock';

/**
 * Brings a database to the current schema and loads the reference data every deployment needs:
 * the official holiday calendar shipped with the product and the default category tree.
 * Idempotent; runs at every start.
 */
export async function prepareDatabase(database: Database, clock: Clock): Promise<void> {
  await migrateToLatest(database.db);
  await createWorkCalendarRepository(database.db).seedShipped(clock.now());
  await createTaxonomyRepository(database.db).ensureDefault(clock.now());
}
