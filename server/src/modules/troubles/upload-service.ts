import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

import { fileTypeFromBuffer } from 'file-type';
import sharp, { type Metadata, type OutputInfo } from 'sharp';

import type { Deps } from '../../deps';
import type { Actor } from '../../shared/actor';
import { AppError, ruleViolation } from '../../shared/errors';
import { newId } from '../../shared/ids';

const ACCEPTED = new Set(['image/jpeg', 'image/png', 'image/webp']);
const MAX_SIDE = 12_000;
const MAX_PIXELS = 50_000_000;
const STORED_MAX_SIDE = 2560;

/**
 * Photo uploads (SPEC §10): the type is decided by the file's content (magic bytes), not its
 * name or header; the image is decoded and re-encoded as JPEG (which drops EXIF and GPS data and
 * any trailing payload), stored outside the web root under a server-generated name, and served
 * only through a scoped API route.
 */
export function createUploadService(deps: Pick<Deps, 'db' | 'clock' | 'config'>) {
  const { db, clock, config } = deps;

  return {
    async store(actor: Actor, data: Buffer) {
      if (data.length === 0) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      }
      const type = await fileTypeFromBuffer(data);
      if (!type || !ACCEPTED.has(type.mime)) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      }
      let meta: Metadata;
      try {
        meta = await sharp(data, { limitInputPixels: MAX_PIXELS }).metadata();
      } catch {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      }
      if (!meta.width || !meta.height || meta.width > MAX_SIDE || meta.height > MAX_SIDE) {
        throw ruleViolation('imageTooLarge', { max: MAX_SIDE });
      }
      let output: { data: Buffer; info: OutputInfo };
      try {
        output = await sharp(data, { limitInputPixels: MAX_PIXELS })
          .rotate()
          .resize({
            width: STORED_MAX_SIDE,
            height: STORED_MAX_SIDE,
            fit: 'inside',
            withoutEnlargement: true,
          })
          .jpeg({ quality: 82, mozjpeg: true })
          .toBuffer({ resolveWithObject: true });
      } catch {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      }
      const id = newId();
      const now = clock.now();
      const month = new Date(now).toISOString().slice(0, 7);
      const storageName = `${month}/${id}.jpg`;
      const file = path.join(config.uploadDir, storageName);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, output.data, { flag: 'wx' });
      await db
        .insertInto('attachments')
        .values({
          id,
          trouble_id: null,
          storage_name: storageName,
          mime: 'image/jpeg',
          size_bytes: output.data.length,
          width: output.info.width,
          height: output.info.height,
          sha256: createHash('sha256').update(output.data).digest('hex'),
          uploaded_by: actor.userId,
          created_at: now,
        })
        .execute();
      return {
        id,
        width: output.info.width,
        height: output.info.height,
        sizeBytes: output.data.length,
      };
    },

    /** Deletes uploads never attached to a trouble within `maxAgeMs` (files and rows). */
    async deleteOrphans(now: number, maxAgeMs = 24 * 3_600_000): Promise<number> {
      const orphans = await db
        .selectFrom('attachments')
        .select(['id', 'storage_name'])
        .where('trouble_id', 'is', null)
        .where('created_at', '<', now - maxAgeMs)
        .limit(1000)
        .execute();
      for (const o of orphans) {
        await fs.rm(path.join(config.uploadDir, o.storage_name), { force: true });
        await db
          .deleteFrom('attachments')
          .where('id', '=', o.id)
          .where('trouble_id', 'is', null)
          .execute();
      }
      return orphans.length;
    },

    /** Absolute path of a stored file; names are server-generated, never taken from a request. */
    filePath(storageName: string): string {
      return path.join(config.uploadDir, storageName);
    },
  };
}

export type UploadService = ReturnType<typeof createUploadService>;
