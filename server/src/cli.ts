import fs from 'node:fs';
import path from 'node:path';

import { Command } from 'commander';

import { prepareDatabase } from './bootstrap';
import { ConfigError, loadConfig } from './config';
import { createDatabase } from './db/database';
import type { ImportKind } from './db/schema';
import { IMPORT_KINDS } from './modules/imports/import-fields';
import { systemClock } from './shared/clock';
import { AppError } from './shared/errors';

// Each command imports what it needs when it runs (dynamic imports in the actions): `serve`
// loads the server, but `npx fannao import` loads only the import (docs/import-export.md,
// "Memory"), and no command loads Chromium's driver, autocannon or the evaluation code unless
// it runs them.

function config() {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

async function withDatabase<T>(
  fn: (db: ReturnType<typeof createDatabase>) => Promise<T>,
): Promise<T> {
  const database = createDatabase(config().db);
  try {
    await prepareDatabase(database, systemClock);
    return await fn(database);
  } finally {
    await database.close();
  }
}

const program = new Command('fannao').description('烦恼指数 Fannao — trouble-index platform');

program
  .command('serve')
  .description('migrate and serve the API and web app')
  .action(async () => {
    const { serve } = await import('./server');
    await serve(config());
  });

program
  .command('start')
  .description('migrate, load the demo community if the database is empty, and serve')
  .action(async () => {
    const cfg = config();
    const [{ serve }, { isDatabaseEmpty, loadDemo }] = await Promise.all([
      import('./server'),
      import('./modules/demo'),
    ]);
    await serve(cfg, {
      beforeListen: async () => {
        const database = createDatabase(cfg.db);
        try {
          if (await isDatabaseEmpty(database.db)) {
            const summary = await loadDemo(database, systemClock, { fieldKey: cfg.fieldKey });
            process.stdout.write(`demo loaded: ${JSON.stringify(summary.baohua)}\n`);
          }
        } finally {
          await database.close();
        }
      },
    });
    process.stdout.write(
      `Fannao is listening on http://${cfg.host}:${cfg.port} (public URL ${cfg.publicUrl}; demo logins are listed in the README)\n`,
    );
  });

program
  .command('migrate')
  .description('apply pending database migrations and load reference data')
  .action(async () => {
    await withDatabase(() => Promise.resolve());
    process.stdout.write('database is up to date\n');
  });

program
  .command('demo')
  .description('load the demo community 宝华工业社区 into an empty database')
  .action(async () => {
    const { isDatabaseEmpty, loadDemo } = await import('./modules/demo');
    await withDatabase(async (database) => {
      if (!(await isDatabaseEmpty(database.db))) {
        process.stderr.write(
          'the database already holds communities; the demo loads only into an empty database\n',
        );
        process.exitCode = 1;
        return;
      }
      const summary = await loadDemo(database, systemClock, { fieldKey: config().fieldKey });
      process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    });
  });

program
  .command('indices [action]')
  .description(
    'print the trouble index as JSON, or `indices rebuild` to recompute the aggregates from raw records',
  )
  .option('--community <slugOrId>', 'one community (default: the whole county)')
  .option('--from <YYYY-MM-DD>', 'first day (inclusive)')
  .option('--to <YYYY-MM-DD>', 'end day (exclusive)')
  .option('--month <YYYY-MM>', 'a calendar month instead of --from/--to')
  .option('--json', 'print JSON (the default output)')
  .action(
    async (
      action: string | undefined,
      opts: { community?: string; from?: string; to?: string; month?: string },
    ) => {
      const [{ createIndexService, rebuildAggregates }, { systemActor }] = await Promise.all([
        import('./modules/indices'),
        import('./shared/actor'),
      ]);
      await withDatabase(async (database) => {
        if (action === 'rebuild') {
          const started = Date.now();
          const result = await database.db.transaction().execute((trx) => rebuildAggregates(trx));
          process.stdout.write(`${JSON.stringify({ ...result, ms: Date.now() - started })}\n`);
          return;
        }
        if (action !== undefined) {
          process.stderr.write(`unknown action "${action}" (use: indices [rebuild])\n`);
          process.exitCode = 2;
          return;
        }
        const county = await database.db
          .selectFrom('counties')
          .select('id')
          .orderBy('created_at')
          .executeTakeFirst();
        const indices = createIndexService({
          db: database.db,
          dialect: database.dialect,
          clock: systemClock,
          config: config(),
        });
        const result = await indices.troubleIndex(
          { ...systemActor, countyId: county?.id ?? null },
          { community: opts.community, from: opts.from, to: opts.to, month: opts.month },
        );
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      });
    },
  );

program
  .command('report')
  .description('generate the monthly report (月报) of a community as PDF and XLSX, and store it')
  .requiredOption('--community <slugOrId>', 'the community')
  .requiredOption('--month <YYYY-MM>', 'the calendar month')
  .action(async (opts: { community: string; month: string }) => {
    const { createReportService } = await import('./modules/reports');
    await withDatabase(async (database) => {
      const reports = createReportService({
        db: database.db,
        dialect: database.dialect,
        clock: systemClock,
        config: config(),
      });
      const started = Date.now();
      const record = await reports.generate({ communityId: opts.community, month: opts.month });
      const dir = config().dataDir;
      process.stdout.write(
        `${JSON.stringify({ ...record, pdf: path.join(dir, 'reports', record.communityId, `${record.month}.pdf`), xlsx: path.join(dir, 'reports', record.communityId, `${record.month}.xlsx`), ms: Date.now() - started }, null, 2)}\n`,
      );
    });
  });

program
  .command('bench <what>')
  .description(
    'benchmarks that print numbers and ratios (what: indices | intake | web | import | text-similar)',
  )
  .option(
    '--rows <n>',
    'troubles to load (indices: default 1000000; import: XLSX rows, default 100000)',
  )
  .option('--db <kind>', 'sqlite or postgres', 'sqlite')
  .option('--runs <n>', 'indices: timed runs per query', '50')
  .option('--communities <n>', 'indices: communities', '10')
  .option('--duration <seconds>', 'intake: seconds per run', '5')
  .option('--connections <list>', 'intake: connection counts', '16,64')
  .option('--smoke', 'intake: small and quick (CI)')
  .option('--keep', 'intake: keep the benchmark databases')
  .option('--repeat <n>', 'web: loads per page (the median is reported)', '3')
  .option('--json', 'print one JSON object')
  .option(
    '--with-intake',
    'import: upload the file to a server over HTTP while intake clients post troubles (latency, server RSS)',
  )
  .option('--intake-clients <n>', 'import --with-intake: concurrent intake clients', '4')
  .option('--problems <n>', 'text-similar: open problems', '100000')
  .option('--queries <n>', 'text-similar: timed queries', '300')
  .action(
    async (
      what: string,
      opts: {
        rows?: string;
        db: string;
        runs: string;
        communities: string;
        duration: string;
        connections: string;
        smoke?: boolean;
        keep?: boolean;
        repeat: string;
        problems: string;
        queries: string;
        json?: boolean;
        withIntake?: boolean;
        intakeClients: string;
      },
    ) => {
      if (what === 'text-similar') {
        await (
          await import('./bench/bench-text-similar')
        ).benchTextSimilar({ problems: Number(opts.problems), queries: Number(opts.queries) });
        return;
      }
      if (what === 'web') {
        await (
          await import('./bench/bench-web')
        ).benchWeb({ json: opts.json === true, repeat: Number(opts.repeat) });
        return;
      }
      if (what !== 'indices' && what !== 'intake' && what !== 'import') {
        process.stderr
          .write(`unknown benchmark "${what}" (available: indices, intake, web, import, text-similar)
`);
        process.exitCode = 2;
        return;
      }
      if (opts.db !== 'sqlite' && opts.db !== 'postgres') {
        process.stderr.write('--db must be sqlite or postgres\n');
        process.exitCode = 2;
        return;
      }
      if (what === 'intake') {
        const durationSec = Number(opts.duration);
        const connections = opts.connections.split(',').map(Number);
        if (
          !(durationSec >= 1 && durationSec <= 600) ||
          connections.some((c) => !Number.isInteger(c) || c < 1 || c > 1024)
        ) {
          process.stderr.write('--duration must be 1–600 s and --connections e.g. 16,64\n');
          process.exitCode = 2;
          return;
        }
        await (
          await import('./bench/bench-intake')
        ).benchIntake(config(), {
          db: opts.db,
          durationSec,
          connections,
          smoke: opts.smoke === true,
          json: opts.json === true,
          keep: opts.keep === true,
        });
        return;
      }
      if (what === 'import' && opts.withIntake) {
        await (
          await import('./bench/bench-import-intake')
        ).benchImportIntake(config(), {
          rows: Number(opts.rows ?? 100_000),
          db: opts.db,
          clients: Number(opts.intakeClients),
          json: opts.json === true,
        });
        return;
      }
      if (what === 'import') {
        await (
          await import('./bench/bench-import')
        ).benchImport(config(), {
          rows: Number(opts.rows ?? 100_000),
          db: opts.db,
          json: opts.json === true,
        });
        return;
      }
      await (
        await import('./bench/bench-indices')
      ).benchIndices(config(), {
        rows: Number(opts.rows ?? 1_000_000),
        db: opts.db,
        runs: Number(opts.runs),
        communities: Number(opts.communities),
      });
    },
  );

program
  .command('torture <what>')
  .description('fault tests that print figures (what: crash) — SIGKILL under intake load')
  .option('--db <kind>', 'sqlite or postgres', 'sqlite')
  .option('--kills <n>', 'SIGKILLs', '5')
  .option('--connections <n>', 'concurrent clients', '8')
  .option('--seed <n>', 'random seed (kill moments, re-sent keys)', String(Date.now() % 100_000))
  .option('--keep', 'keep the database')
  .option('--json', 'print one JSON object')
  .action(
    async (
      what: string,
      opts: {
        db: string;
        kills: string;
        connections: string;
        seed: string;
        keep?: boolean;
        json?: boolean;
      },
    ) => {
      const kills = Number(opts.kills);
      const connections = Number(opts.connections);
      if (what !== 'crash' || (opts.db !== 'sqlite' && opts.db !== 'postgres')) {
        process.stderr.write('usage: torture crash [--db sqlite|postgres] [--kills 5]\n');
        process.exitCode = 2;
        return;
      }
      if (!(kills >= 1 && kills <= 100) || !(connections >= 1 && connections <= 256)) {
        process.stderr.write('--kills must be 1–100 and --connections 1–256\n');
        process.exitCode = 2;
        return;
      }
      await (
        await import('./bench/torture-crash')
      ).tortureCrash(config(), {
        db: opts.db,
        kills,
        connections,
        seed: Number(opts.seed),
        json: opts.json === true,
        keep: opts.keep === true,
      });
    },
  );

program
  .command('eval <what>')
  .description('evaluations on real data (what: text) — writes docs/text-eval.md')
  .option('--small', 'stratified subsamples: seconds instead of minutes (CI)')
  .option('--json', 'also print one JSON object with the headline figures')
  .option('--data <dir>', 'the tipdm2020c/clean folder (default: ../shared/eval-data/…)')
  .option('--report <file>', 'where to write the Markdown report', 'docs/text-eval.md')
  .action(
    async (
      what: string,
      opts: { small?: boolean; json?: boolean; data?: string; report: string },
    ) => {
      if (what !== 'text') {
        process.stderr.write(`unknown evaluation "${what}" (available: text)\n`);
        process.exitCode = 2;
        return;
      }
      const { summary } = await (
        await import('./modules/text/eval/eval-command')
      ).evalText({
        small: opts.small === true,
        ...(opts.data ? { dataDir: path.resolve(opts.data) } : {}),
        reportPath: path.resolve(opts.report),
        log: (line) => process.stderr.write(`${line}\n`),
      });
      process.stderr.write(`report written to ${opts.report}\n`);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(summary)}\n`);
      }
    },
  );

program
  .command('import <kind> <file>')
  .description(
    `import an XLSX or CSV file (kind: ${IMPORT_KINDS.join(' | ')}): dry run with every bad row, then --commit`,
  )
  .option('--community <slugOrId>', 'the community (troubles, enterprises, workers)')
  .option('--commit', 'commit the good rows after the dry run')
  .option('--errors <file.xlsx>', 'write the bad rows (original columns + 错误原因) to this file')
  .action(
    async (
      kind: string,
      file: string,
      opts: { community?: string; commit?: boolean; errors?: string },
    ) => {
      if (!(IMPORT_KINDS as readonly string[]).includes(kind)) {
        process.stderr.write(`unknown kind "${kind}" (use: ${IMPORT_KINDS.join(', ')})\n`);
        process.exitCode = 2;
        return;
      }
      // Leaf files, not the imports module's index.ts (routes, the errors-file writer).
      const [{ createDeps }, { createImportService }, { runImportCommand }] = await Promise.all([
        import('./deps'),
        import('./modules/imports/import-service'),
        import('./modules/imports/import-cli'),
      ]);
      await withDatabase(async (database) => {
        const imports = createImportService(createDeps(config(), database, systemClock));
        await runImportCommand(imports, {
          kind: kind as ImportKind,
          file,
          community: opts.community,
          commit: opts.commit === true,
          errors: opts.errors,
        });
      });
    },
  );

program
  .command('backup')
  .description('write a consistent online backup (gzip NDJSON, portable SQLite ↔ PostgreSQL)')
  .option('--out <file>', 'backup file (default DATA_DIR/backups/fannao-<time>.ndjson.gz)')
  .action(async (opts: { out?: string }) => {
    const { backupDatabase } = await import('./db/backup');
    const cfg = config();
    const out =
      opts.out ??
      path.join(
        cfg.dataDir,
        'backups',
        `fannao-${new Date().toISOString().replace(/[:.]/g, '-')}.ndjson.gz`,
      );
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    const database = createDatabase(cfg.db);
    try {
      const started = Date.now();
      const result = await backupDatabase(database, out);
      process.stdout.write(
        `${JSON.stringify({ file: path.resolve(out), tables: result.tables, rows: result.rows, ms: Date.now() - started })}\n`,
      );
    } finally {
      await database.close();
    }
  });

program
  .command('restore <file>')
  .description('restore a backup into a fresh database (refuses one with data unless --force)')
  .option('--force', 'replace the contents of a database that already holds data')
  .action(async (file: string, opts: { force?: boolean }) => {
    const { restoreDatabase } = await import('./db/backup');
    const database = createDatabase(config().db);
    try {
      const started = Date.now();
      const result = await restoreDatabase(database, file, { force: opts.force === true });
      process.stdout.write(`${JSON.stringify({ ...result, ms: Date.now() - started })}\n`);
    } finally {
      await database.close();
    }
  });

program
  .command('text <action>')
  .description(
    'text intelligence: `text retrain` rebuilds the classifier from all labelled troubles',
  )
  .action(async (action: string) => {
    if (action !== 'retrain') {
      process.stderr.write(`unknown action "${action}" (available: retrain)\n`);
      process.exitCode = 2;
      return;
    }
    const [{ createTextModelService }, { systemActor }] = await Promise.all([
      import('./modules/text'),
      import('./shared/actor'),
    ]);
    await withDatabase(async (database) => {
      const text = createTextModelService({
        db: database.db,
        dialect: database.dialect,
        clock: systemClock,
      });
      const result = await text.retrain(systemActor);
      process.stdout.write(`${JSON.stringify(result)}\n`);
    });
  });

const admin = program.command('admin').description('administrator accounts');
admin
  .command('create')
  .description('create an administrator (password from --password or FANNAO_ADMIN_PASSWORD)')
  .requiredOption('--username <name>', 'login name')
  .option('--name <display>', 'display name', '系统管理员')
  .option('--password <password>', 'initial password (at least 8 characters)')
  .option('--county <name>', 'create the deployment county with this name if none exists yet')
  .action(async (opts: { username: string; name: string; password?: string; county?: string }) => {
    const password = opts.password ?? process.env.FANNAO_ADMIN_PASSWORD;
    if (!password || password.length < 8) {
      process.stderr.write(
        'a password of at least 8 characters is required (--password or FANNAO_ADMIN_PASSWORD)\n',
      );
      process.exitCode = 2;
      return;
    }
    const [{ createAccountService }, { createFieldCrypto }, { newId }] = await Promise.all([
      import('./modules/accounts'),
      import('./shared/field-crypto'),
      import('./shared/ids'),
    ]);
    await withDatabase(async (database) => {
      let county = await database.db
        .selectFrom('counties')
        .select('id')
        .orderBy('created_at')
        .executeTakeFirst();
      if (!county && opts.county) {
        county = { id: newId() };
        await database.db
          .insertInto('counties')
          .values({
            id: county.id,
            name: opts.county,
            code: 'county',
            created_at: systemClock.now(),
          })
          .execute();
      }
      if (!county) {
        process.stderr.write(
          'no county exists yet: pass --county <name> (e.g. 上栗县) or load the demo first\n',
        );
        process.exitCode = 1;
        return;
      }
      const settings = config();
      const accounts = createAccountService({
        db: database.db,
        dialect: database.dialect,
        clock: systemClock,
        config: settings,
        crypto: createFieldCrypto(settings.fieldKey),
      });
      const user = await accounts.createUser({
        actor: null,
        username: opts.username,
        displayName: opts.name,
        password,
        role: 'admin',
        countyId: county.id,
        mustChangePassword: true,
      });
      process.stdout.write(
        `administrator ${user.username} created (must change password at first login)\n`,
      );
    });
  });

const audit = program.command('audit').description('the tamper-evident audit log');
audit
  .command('verify')
  .description(
    'recompute the hash chain and check the exported heads; exit code 1 and what is wrong when tampered',
  )
  .option('--json', 'one JSON object: ok, rows, brokenAt, headMismatches')
  .option('--heads <file>', 'exported heads to check (default: AUDIT_HEAD_FILE)')
  .action(async (opts: { json?: boolean; heads?: string }) => {
    const { auditVerifyCommand } = await import('./shared/audit');
    const { readAuditHeads } = await import('./shared/audit-heads');
    const heads = readAuditHeads(opts.heads ?? config().auditHeadFile);
    await withDatabase(async (database) => {
      process.exitCode = await auditVerifyCommand(
        database.db,
        (line) => process.stdout.write(`${line}\n`),
        { json: opts.json === true, heads },
      );
    });
  });
audit
  .command('export-head')
  .description('append the current chain head to AUDIT_HEAD_FILE now (a job does it daily)')
  .action(async () => {
    const { exportAuditHead } = await import('./shared/audit-heads');
    await withDatabase(async (database) => {
      const head = await exportAuditHead(database.db, config().auditHeadFile, Date.now());
      process.stdout.write(`${JSON.stringify(head)}\n`);
    });
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  // Rule violations and bad input read as the API's messages; anything else is a bug: full stack.
  if (error instanceof AppError) {
    process.stderr.write(`${error.code}: ${error.detail('zh-CN')} (${error.detail('en')})\n`);
    process.exit(2);
  }
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
