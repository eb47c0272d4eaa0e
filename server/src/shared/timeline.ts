import type { Insertable, Kysely } from 'kysely';

import { preparedRows } from '../db/batch-sql';
import type { DB } from '../db/schema';
import type { Actor } from './actor';
import { newId } from './ids';

export interface TimelineEntry {
  entityType: 'trouble' | 'problem' | 'supervisionOrder' | 'extension';
  entityId: string;
  communityId: string;
  actor: Actor;
  action: string;
  before?: unknown;
  after?: unknown;
  note?: string | null;
  at: number;
}

/**
 * Appends one event to the append-only timeline (SPEC §3: who, when, what, before and after).
 * Rows are never updated or deleted.
 */
export async function appendEvent(db: Kysely<DB>, entry: TimelineEntry): Promise<void> {
  await db.insertInto('events').values(eventRow(entry)).execute();
}

/** The `events` row of a timeline entry (JSON columns serialised, a new id). */
export function eventRow(entry: TimelineEntry): EventRow {
  return {
    id: newId(),
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    community_id: entry.communityId,
    actor_user_id: entry.actor.userId,
    actor_label: entry.actor.displayName,
    action: entry.action,
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
    note: entry.note ?? null,
    created_at: entry.at,
  };
}

const EVENT_COLUMNS = [
  'id',
  'entity_type',
  'entity_id',
  'community_id',
  'actor_user_id',
  'actor_label',
  'action',
  'before',
  'after',
  'note',
  'created_at',
] as const;

type EventRow = Insertable<DB['events']>;

const insertEventRows = preparedRows<EventRow>({
  columns: EVENT_COLUMNS,
  build: (db, rows) => db.insertInto('events').values(rows as unknown as EventRow[]),
  maxChunk: 512,
});

/**
 * Appends many events with multi-row statements (imports, intake batches); the rows are as
 * appendEvent's, in the given order.
 */
export async function appendEvents(db: Kysely<DB>, entries: TimelineEntry[]): Promise<void> {
  await insertEventRows(db, entries.map(eventRow));
}

/** An event row as the API shows it (JSON columns parsed). */
export function presentEvent(e: {
  id: string;
  action: string;
  actor_label: string;
  actor_user_id: string | null;
  before: string | null;
  after: string | null;
  note: string | null;
  created_at: number;
  entity_type: string;
  entity_id: string;
}) {
  return {
    id: e.id,
    entityType: e.entity_type,
    entityId: e.entity_id,
    action: e.action,
    actor: e.actor_label,
    actorUserId: e.actor_user_id,
    before: e.before ? (JSON.parse(e.before) as unknown) : null,
    after: e.after ? (JSON.parse(e.after) as unknown) : null,
    note: e.note,
    at: e.created_at,
  };
}
