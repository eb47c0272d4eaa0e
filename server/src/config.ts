import path from 'node:path';

import { z } from 'zod';

import { type Role, ROLES } from '../../common/enums';

/**
 * The only reader of process.env. Every setting is validated at start; a bad value stops the
 * process with a readable list of problems (see README "Settings").
 */
const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// (leave unset for SQLite)')
      .optional(),
    PUBLIC_URL: z.url().default('http://localhost:3000'),
    /** 32-byte key (hex or base64) for encrypting phone numbers at rest; derived for dev if unset. */
    FIELD_KEY: z.string().min(32).optional(),
    SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(5)
      .max(24 * 60)
      .default(120),
    SESSION_ABSOLUTE_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(12),
    INTAKE_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(30),
    LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
    /**
     * Roles that must log in with TOTP (comma-separated, e.g. `staff,department,supervisor,admin`
     * for ASVS level 2 / 等保); empty = TOTP is optional for everyone.
     */
    TOTP_REQUIRED_ROLES: z
      .string()
      .max(200)
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((r) => r.trim())
          .filter((r) => r !== ''),
      )
      .pipe(z.array(z.enum(ROLES, { error: `roles are ${ROLES.join(', ')}` }))),
    UPLOAD_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(50 * 1024 * 1024)
      .default(8 * 1024 * 1024),
    /** Import files (XLSX/CSV): upload size, rows, and the XLSX zip-bomb guard. */
    IMPORT_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(2 * 1024 * 1024 * 1024)
      .default(64 * 1024 * 1024),
    IMPORT_MAX_ROWS: z.coerce.number().int().min(1).max(10_000_000).default(1_000_000),
    /** `adaptive`: a commit writes 250-row transactions while other requests come in. */
    IMPORT_BATCHES: z.enum(['adaptive', 'fixed']).default('adaptive'),
    IMPORT_MAX_UNCOMPRESSED_BYTES: z.coerce
      .number()
      .int()
      .min(1024 * 1024)
      .max(16 * 1024 * 1024 * 1024)
      .default(1024 * 1024 * 1024),
    GROUP_COMMIT_MAX_WAIT_MS: z.coerce.number().min(0).max(50).default(2),
    GROUP_COMMIT_MAX_BATCH: z.coerce.number().int().min(1).max(10_000).default(256),
    /** Batches committing at once: default 1 on SQLite (one writer), 4 on PostgreSQL. */
    GROUP_COMMIT_CONCURRENCY: z.coerce.number().int().min(1).max(32).optional(),
    /** `group` (default) or `per-request` (one transaction per intake; the naive path, for bench). */
    INTAKE_COMMIT: z.enum(['group', 'per-request']).default('group'),
    /** How long SIGTERM may take (in-flight requests, the job in hand) before a hard exit. */
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
    /** Where the daily audit chain head is appended (default DATA_DIR/audit-heads.ndjson). */
    AUDIT_HEAD_FILE: z.string().min(1).optional(),
    /** Bearer token for GET /metrics; unset = /metrics answers loopback clients only. */
    METRICS_TOKEN: z.string().min(16).max(200).optional(),
    JOBS_ENABLED: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    TZ_BUSINESS: z.literal('Asia/Shanghai').default('Asia/Shanghai'),
    /** CJK font embedded in PDF reports and chart images (Debian: fonts-noto-cjk). */
    REPORT_FONT: z
      .string()
      .min(1)
      .default('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'),
    /** Outgoing e-mail (notification channels of kind email); unset = no e-mail channels. */
    SMTP_HOST: z.string().trim().min(1).max(253).optional(),
    SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
    /** `true` = implicit TLS (port 465); otherwise STARTTLS when the server offers it. */
    SMTP_SECURE: z.enum(['true', 'false']).optional(),
    /** `true` refuses to send unless the connection is upgraded with STARTTLS. */
    SMTP_REQUIRE_TLS: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
    SMTP_USER: z.string().min(1).max(200).optional(),
    SMTP_PASSWORD: z.string().min(1).max(200).optional(),
    SMTP_FROM: z
      .string()
      .trim()
      .max(200)
      .regex(
        /^(?:[^<>]*<)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/,
        'must be an address, e.g. 烦恼指数 <noreply@example.cn>',
      )
      .optional(),
    /** Timeout of one webhook or SMTP attempt. */
    NOTIFY_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(10_000),
    /** Open311 POST requests per API key and minute. */
    OPEN311_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.FIELD_KEY !== undefined, {
    message: 'FIELD_KEY is required when NODE_ENV=production',
    path: ['FIELD_KEY'],
  })
  .refine((env) => env.SMTP_HOST === undefined || env.SMTP_FROM !== undefined, {
    message: 'SMTP_FROM is required when SMTP_HOST is set',
    path: ['SMTP_FROM'],
  })
  .refine((env) => (env.SMTP_USER === undefined) === (env.SMTP_PASSWORD === undefined), {
    message: 'SMTP_USER and SMTP_PASSWORD go together',
    path: ['SMTP_PASSWORD'],
  });

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  db: { client: 'sqlite'; file: string } | { client: 'postgres'; url: string };
  publicUrl: string;
  secureCookies: boolean;
  fieldKey: string;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  intakeRatePerMinute: number;
  loginRatePerMinute: number;
  /** Roles that must use TOTP (TOTP_REQUIRED_ROLES). */
  totpRequiredRoles: Role[];
  uploadMaxBytes: number;
  uploadDir: string;
  groupCommit: {
    mode: 'group' | 'per-request';
    maxWaitMs: number;
    maxBatch: number;
    concurrency: number;
  };
  metricsToken: string | null;
  /** The exported audit chain heads (shared/audit-heads.ts). */
  auditHeadFile: string;
  shutdownGraceMs: number;
  imports: {
    maxBytes: number;
    maxRows: number;
    maxUncompressedBytes: number;
    maxZipEntries: number;
    dir: string;
    /** Commit batches: `adaptive` (small while other requests come in) or `fixed` (5,000 rows). */
    batches: 'adaptive' | 'fixed';
  };
  jobsEnabled: boolean;
  logLevel: string;
  reportFont: string;
  /** null when SMTP_HOST is unset (e-mail channels cannot deliver). */
  smtp: {
    host: string;
    port: number;
    secure: boolean;
    requireTls: boolean;
    auth: { user: string; pass: string } | null;
    from: string;
  } | null;
  notify: { timeoutMs: number };
  open311RatePerMinute: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parse settings from an environment-like record (process.env in production, a literal in tests). */
export function loadConfig(source: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`),
    );
  }
  const env = parsed.data;
  const dataDir = path.resolve(env.DATA_DIR);
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    dataDir,
    db: env.DATABASE_URL
      ? { client: 'postgres', url: env.DATABASE_URL }
      : { client: 'sqlite', file: path.join(dataDir, 'fannao.sqlite') },
    publicUrl: env.PUBLIC_URL,
    secureCookies: env.PUBLIC_URL.startsWith('https://'),
    fieldKey: env.FIELD_KEY ?? `dev-only-field-key:${dataDir}`,
    sessionIdleMs: env.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: env.SESSION_ABSOLUTE_HOURS * 3_600_000,
    intakeRatePerMinute: env.INTAKE_RATE_PER_MINUTE,
    loginRatePerMinute: env.LOGIN_RATE_PER_MINUTE,
    totpRequiredRoles: [...new Set(env.TOTP_REQUIRED_ROLES)],
    uploadMaxBytes: env.UPLOAD_MAX_BYTES,
    uploadDir: path.join(dataDir, 'uploads'),
    groupCommit: {
      mode: env.INTAKE_COMMIT,
      maxWaitMs: env.GROUP_COMMIT_MAX_WAIT_MS,
      maxBatch: env.GROUP_COMMIT_MAX_BATCH,
      concurrency: env.GROUP_COMMIT_CONCURRENCY ?? (env.DATABASE_URL ? 4 : 1),
    },
    metricsToken: env.METRICS_TOKEN ?? null,
    auditHeadFile: path.resolve(env.AUDIT_HEAD_FILE ?? path.join(dataDir, 'audit-heads.ndjson')),
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    imports: {
      maxBytes: env.IMPORT_MAX_BYTES,
      maxRows: env.IMPORT_MAX_ROWS,
      maxUncompressedBytes: env.IMPORT_MAX_UNCOMPRESSED_BYTES,
      maxZipEntries: 10_000,
      dir: path.join(dataDir, 'imports'),
      batches: env.IMPORT_BATCHES,
    },
    jobsEnabled: env.JOBS_ENABLED,
    logLevel: env.LOG_LEVEL,
    reportFont: path.resolve(env.REPORT_FONT),
    smtp:
      env.SMTP_HOST && env.SMTP_FROM
        ? {
            host: env.SMTP_HOST,
            port: env.SMTP_PORT,
            secure:
              env.SMTP_SECURE === undefined ? env.SMTP_PORT === 465 : env.SMTP_SECURE === 'true',
            requireTls: env.SMTP_REQUIRE_TLS,
            auth:
              env.SMTP_USER && env.SMTP_PASSWORD
                ? { user: env.SMTP_USER, pass: env.SMTP_PASSWORD }
                : null,
            from: env.SMTP_FROM,
          }
        : null,
    notify: { timeoutMs: env.NOTIFY_TIMEOUT_MS },
    open311RatePerMinute: env.OPEN311_RATE_PER_MINUTE,
  };
}
