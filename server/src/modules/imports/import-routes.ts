import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import type { Config } from '../../config';
import type { ImportKind } from '../../db/schema';
import { AppError, badRequest } from '../../shared/errors';
import { errorResponses } from '../../shared/http/schemas';
import { localeFromHeader } from '../../shared/messages';
import { CONTENT_TYPES, contentDisposition } from '../exports';
import { writeErrorsFile } from './errors-file';
import { watchRequests } from './import-activity';
import { IMPORT_KINDS } from './import-fields';
import { importGetQuery, importParams, importQuery, importView } from './import-schemas';
import type { ImportService } from './import-service';

const KINDS = new Set<string>(IMPORT_KINDS);

/**
 * /api/v1/imports: upload (multipart field `file`; `kind` and `community` as query or form
 * fields) → dry-run result; status with progress; bad rows as XLSX; commit. The service checks
 * the kind's roles and the community scope; out-of-scope jobs answer 404.
 */
export function importRoutes(deps: {
  imports: ImportService;
  config: Config;
}): FastifyPluginAsyncZod {
  const { imports, config } = deps;
  // eslint-disable-next-line @typescript-eslint/require-await
  return async (app) => {
    const tags = ['imports'];
    // Requests to the whole server, so that a commit can tell when others wait (import-run.ts).
    watchRequests(app.server);

    app.post(
      '/imports',
      {
        config: { access: 'import.run' },
        schema: {
          tags,
          summary: '上传导入文件并校验 Upload an XLSX/CSV file; starts the dry run',
          description:
            'multipart/form-data with the file in field `file`; `kind` (troubles | enterprises | workers | departments) and `community` (id or slug; staff default to their own) as query parameters or form fields. Answers 202 once the header row is recognised; poll GET /imports/{id} for progress.',
          consumes: ['multipart/form-data'],
          querystring: importQuery,
          response: { 202: importView, ...errorResponses },
        },
      },
      async (req, reply) => {
        const upload = await receive(req, config);
        const kind = req.query.kind ?? upload.fields.kind;
        if (!kind || !KINDS.has(kind)) {
          await fs.promises.rm(upload.file, { force: true });
          throw badRequest('importKindUnknown');
        }
        const view = await imports.start({
          actor: req.actor,
          kind: kind as ImportKind,
          community: req.query.community ?? upload.fields.community,
          tempFile: upload.file,
          fileName: upload.fileName,
          locale: localeFromHeader(req.headers['accept-language']),
        });
        return reply.code(202).send(view);
      },
    );

    app.get(
      '/imports/:id',
      {
        config: { access: 'import.run' },
        schema: {
          tags,
          summary: '导入任务状态 Status, progress, counts and the first errors',
          params: importParams,
          querystring: importGetQuery,
          response: { 200: importView, ...errorResponses },
        },
      },
      (req) =>
        imports.get(req.actor, req.params.id, {
          errorLimit: req.query.errors,
          locale: localeFromHeader(req.headers['accept-language']),
        }),
    );

    app.post(
      '/imports/:id/commit',
      {
        config: { access: 'import.run' },
        schema: {
          tags,
          summary: '提交导入 Commit the good rows (or resume an interrupted commit)',
          params: importParams,
          response: { 202: importView, ...errorResponses },
        },
      },
      async (req, reply) =>
        reply.code(202).send(
          await imports.commit({
            actor: req.actor,
            id: req.params.id,
            locale: localeFromHeader(req.headers['accept-language']),
          }),
        ),
    );

    for (const format of ['xlsx', 'csv'] as const) {
      app.get(
        `/imports/:id/errors.${format}`,
        {
          config: { access: 'import.run' },
          schema: {
            tags,
            summary: `下载错误行 Bad rows as ${format.toUpperCase()} (original columns + 错误原因)`,
            params: importParams,
          },
        },
        async (req, reply) => {
          const bad = await imports.badRows(req.actor, req.params.id);
          const out = new PassThrough();
          writeErrorsFile(bad, out, localeFromHeader(req.headers['accept-language']), format).catch(
            (error: unknown) => out.destroy(error as Error),
          );
          const base = bad.job.file_name.replace(/\.(xlsx|csv)$/i, '');
          return reply
            .type(CONTENT_TYPES[format])
            .header('content-disposition', contentDisposition(`${base}-错误行.${format}`))
            .header('cache-control', 'no-store')
            .send(out);
        },
      );
    }
  };
}

/** Streams the multipart file to a temporary file (size-limited); collects the text fields. */
async function receive(req: FastifyRequest, config: Config) {
  if (!req.isMultipart()) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { accepted: 'XLSX, CSV (multipart/form-data)' });
  }
  const fields: Record<string, string> = {};
  let file: string | null = null;
  let fileName = 'import';
  try {
    for await (const part of req.parts({
      limits: { fileSize: config.imports.maxBytes, files: 1, fields: 5, parts: 6 },
    })) {
      if (part.type === 'file') {
        file = path.join(os.tmpdir(), `fannao-import-${randomBytes(8).toString('hex')}`);
        fileName = path.basename(part.filename || 'import').slice(0, 200);
        await pipeline(part.file, fs.createWriteStream(file));
        if (part.file.truncated) {
          throw new AppError('PAYLOAD_TOO_LARGE', {
            limit: sizeText(config.imports.maxBytes),
          });
        }
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value.slice(0, 100);
      }
    }
  } catch (error) {
    if (file) {
      await fs.promises.rm(file, { force: true });
    }
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError('PAYLOAD_TOO_LARGE', {
        limit: sizeText(config.imports.maxBytes),
      });
    }
    throw error;
  }
  if (!file) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { accepted: 'XLSX, CSV' });
  }
  return { file, fileName, fields };
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${Math.round(bytes / 1024 / 1024)} MB`
    : `${Math.round(bytes / 1024)} KB`;
}
