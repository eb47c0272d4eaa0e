import closeWithGrace from 'close-with-grace';

import { buildApp } from './app';
import { prepareDatabase } from './bootstrap';
import type { Config } from './config';
import { createDatabase } from './db/database';
import { checkCalendarCoverage } from './modules/promise';
import { systemClock } from './shared/clock';

/**
 * Starts the server: migrate, build, listen; on SIGTERM/SIGINT stop accepting, finish in-flight
 * requests and the job in hand, flush the group committer, close the database, exit.
 */
export async function serve(config: Config, options: { beforeListen?: () => Promise<void> } = {}) {
  const database = createDatabase(config.db);
  await prepareDatabase(database, systemClock);
  await options.beforeListen?.();
  const built = await buildApp({ config, database });
  const { app } = built;
  await checkCalendarCoverage(database.db, systemClock.now());
  if (config.jobsEnabled) {
    built.jobs.start();
  }
  closeWithGrace({ delay: config.shutdownGraceMs }, async ({ signal, err }) => {
    if (err) {
      app.log.error({ err }, 'fatal error, shutting down');
    } else {
      app.log.info({ signal }, 'shutting down gracefully');
    }
    built.beginShutdown();
    await app.close();
    await database.close();
  });
  await app.listen({ port: config.port, host: config.host });
  // The similar-problems indexes are built in the background once the server answers; until a
  // large community's index is ready its suggestions say `similarIndexing: true`.
  const t0 = performance.now();
  built.services.similar.warm().then(
    () =>
      app.log.info(
        { ms: Math.round(performance.now() - t0), communities: built.services.similar.stats() },
        'similar-problems indexes built',
      ),
    (err: unknown) => app.log.warn({ err }, 'similar-problems indexes: build at start failed'),
  );
  return built;
}
