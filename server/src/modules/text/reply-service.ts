import type { Deps } from '../../deps';
import type { Actor } from '../../shared/actor';
import { notFound, ruleViolation } from '../../shared/errors';
import type { Locale } from '../../shared/messages';
import { replyQuality } from './reply-quality';
import { reasonText } from './reply-reasons';
import { createReplyRepository } from './reply-repository';

/**
 * 答复质量 of a problem's latest answer (resolve or reply), for supervisors next to the answer
 * (they can send it back with POST /problems/:id/send-back). The answer text and time come
 * from the timeline event of the answer, so an answer that was sent back is still scored.
 */
export function createReplyQualityService(deps: Pick<Deps, 'db'>) {
  const repo = createReplyRepository(deps.db);
  return {
    async forProblem(actor: Actor, problemId: string, locale: Locale) {
      const p = await repo.problemInScope(actor, problemId);
      if (!p) {
        throw notFound('problem', problemId);
      }
      const event = await repo.latestAnswer(p.id);
      const text = event?.note ?? p.resolution_text;
      if (!text) {
        throw ruleViolation('replyMissing');
      }
      const answeredAt = event ? Number(event.created_at) : p.answered_at;
      const troubles = await repo.troubleTexts(p.id);
      const q = replyQuality({
        reply: text,
        troubles: troubles.length
          ? troubles.map((t) => `${t.title}\n${t.body}`)
          : [`${p.title}\n${p.summary}`],
        answeredAt,
        receivedAt: Number(p.received_at),
        dueAt: Number(p.resolution_due_at),
      });
      return {
        problemId: p.id,
        code: p.code,
        kind: event?.action ?? (p.status === 'replied' ? 'reply' : 'resolve'),
        answeredBy: event?.actor_label ?? null,
        answeredAt: answeredAt ?? null,
        dueAt: Number(p.resolution_due_at),
        reply: text,
        ...q,
        reasons: q.reasons.map((r) => ({ ...r, text: reasonText(r, locale) })),
      };
    },
  };
}

export type ReplyQualityService = ReturnType<typeof createReplyQualityService>;
