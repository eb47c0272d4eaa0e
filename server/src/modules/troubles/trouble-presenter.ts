import type { FieldCrypto } from '../../shared/field-crypto';
import { maskIdNumber, maskPhone } from '../../shared/field-crypto';
import type { TroubleRepository, TroubleWithRefs } from './trouble-repository';
import type { TroubleView } from './trouble-schemas';

/**
 * The staff view of a trouble: an explicit projection; phone and identity numbers are always
 * masked (the unmasked view is TroubleService.personal, permission personal.unmask, audited).
 */
export async function presentTrouble(
  t: TroubleWithRefs,
  repo: TroubleRepository,
  crypto: FieldCrypto,
): Promise<TroubleView> {
  const [attachments, ratings, idNumberEnc] = await Promise.all([
    repo.attachmentsOf(t.id),
    repo.ratingsOf(t.id),
    repo.identityNumberOf(t.id),
  ]);
  return {
    ...presentTroubleListItem(t),
    reporterName: t.reporter_name,
    reporterPhoneMasked: t.reporter_phone_enc
      ? maskPhone(crypto.decrypt(t.reporter_phone_enc))
      : null,
    reporterIdNumberMasked: idNumberEnc ? maskIdNumber(crypto.decrypt(idNumberEnc)) : null,
    body: t.body,
    categorySource: t.category_source,
    categoryConfidence: t.category_confidence,
    problem:
      t.problem_id && t.problem_code && t.problem_title && t.problem_status
        ? {
            id: t.problem_id,
            code: t.problem_code,
            title: t.problem_title,
            status: t.problem_status,
          }
        : null,
    onSpotAnswer: t.on_spot_answer,
    closedAt: t.closed_at,
    attachments: attachments.map((a) => ({
      id: a.id,
      width: a.width,
      height: a.height,
      sizeBytes: a.size_bytes,
    })),
    ratings: ratings.map((r) => ({
      round: r.round,
      rating: r.rating,
      comment: r.comment,
      source: r.source,
      createdAt: r.created_at,
    })),
  };
}

export function presentTroubleListItem(t: TroubleWithRefs) {
  return {
    id: t.id,
    code: t.code,
    communityId: t.community_id,
    enterprise:
      t.enterprise_id && t.enterprise_name
        ? { id: t.enterprise_id, name: t.enterprise_name }
        : null,
    reporterType: t.reporter_type,
    channel: t.channel,
    title: t.title,
    category:
      t.category_id && t.category_code && t.category_name
        ? { id: t.category_id, code: t.category_code, name: t.category_name }
        : null,
    severity: t.severity,
    urgency: t.urgency,
    workersAffected: t.workers_affected,
    priority: t.priority,
    status: t.status,
    receivedAt: t.received_at,
    problemId: t.problem_id,
  };
}
