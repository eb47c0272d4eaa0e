import type { Kysely } from 'kysely';

import type { DB } from '../../db/schema';
import type { Actor } from '../../shared/actor';
import { problemScope } from '../../shared/record-scope';

/** What reply quality needs of a problem in the actor's scope: the answer and the reports. */
export function createReplyRepository(db: Kysely<DB>) {
  return {
    problemInScope(actor: Actor, id: string) {
      return db
        .selectFrom('problems')
        .select([
          'problems.id',
          'problems.code',
          'problems.title',
          'problems.summary',
          'problems.status',
          'problems.received_at',
          'problems.resolution_due_at',
          'problems.answered_at',
          'problems.resolution_text',
        ])
        .where('problems.id', '=', id)
        .where(problemScope(actor))
        .executeTakeFirst();
    },

    /** The latest answer (办结 or 答复) on the timeline: its text, time and author. */
    latestAnswer(problemId: string) {
      return db
        .selectFrom('events')
        .select(['action', 'note', 'actor_label', 'created_at'])
        .where('entity_type', '=', 'problem')
        .where('entity_id', '=', problemId)
        .where('action', 'in', ['resolve', 'reply'])
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
    },

    troubleTexts(problemId: string) {
      return db
        .selectFrom('troubles')
        .select(['title', 'body'])
        .where('problem_id', '=', problemId)
        .orderBy('received_at')
        .limit(50)
        .execute();
    },
  };
}
