import fs from 'node:fs';
import path from 'node:path';

import type { Kysely } from 'kysely';
import { z } from 'zod';

import type { DB } from '../db/schema';
import { auditChainHead, type ChainHead } from './audit';

/**
 * Exported chain heads (ADR 0004, reliability.md §4.3 "daily export of the chain head"): the
 * hash chain shows an edited or deleted row, but not a log cut off at its end or rewritten
 * whole with new hashes. A daily job appends the current head to a file outside the database
 * (AUDIT_HEAD_FILE, one JSON line each) and writes it to the log, which is shipped off the
 * machine; `fannao audit verify` checks the database against every head in the file.
 */
const headLine = z.object({
  seq: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.number().int(),
  exportedAt: z.number().int(),
});

/** Appends the current head (if the log has rows and it moved since the last line). */
export async function exportAuditHead(
  db: Kysely<DB>,
  file: string,
  now: number,
): Promise<ChainHead | null> {
  const head = await auditChainHead(db);
  if (!head) {
    return null;
  }
  const last = readAuditHeads(file).at(-1);
  if (last?.seq === head.seq && last.hash === head.hash) {
    return head;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, `${JSON.stringify({ ...head, exportedAt: now })}\n`, { mode: 0o600 });
  return head;
}

/** The heads in a file (none when it does not exist); a malformed line is an error. */
export function readAuditHeads(file: string): ChainHead[] {
  if (!fs.existsSync(file)) {
    return [];
  }
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const parsed = headLine.safeParse(JSON.parse(line));
      if (!parsed.success) {
        throw new Error(`${file}:${i + 1}: not an audit head line`);
      }
      return { seq: parsed.data.seq, hash: parsed.data.hash, at: parsed.data.at };
    });
}
