import type { Deps } from '../../deps';
import { notFound } from '../../shared/errors';
import { createTroubleRepository } from './trouble-repository';
import type { PublicTrackView } from './trouble-schemas';

/** Public milestones shown to the reporter; internal steps (hand-backs, internal notes) are not. */
const PUBLIC_TEXT: Record<string, string> = {
  receive: '已受理您反映的烦恼',
  resolveOnSpot: '已当场解决',
  link: '已归入类问题统一办理',
  dispatch: '已交办职能部门协调落实',
  accept: '职能部门已签收，正在办理',
  extensionApproved: '办理期限已经督办部门批准延长',
  resolve: '问题已解决',
  reply: '已作出正式答复',
  close: '已办结',
  reopen: '因不满意，已重新办理',
  sendBack: '答复未通过审核，已退回重办',
  publicNote: '办理进展',
};

/**
 * The anonymous tracking view by code (SPEC §3): the trouble's public status, the linked
 * problem's public progress and outcome, and whether it can be rated now. No personal data.
 */
export function createTroubleTracking(deps: Pick<Deps, 'db'>) {
  const { db } = deps;
  const repo = createTroubleRepository(db);

  return async function track(rawCode: string): Promise<PublicTrackView> {
    const t = await repo.findByTrackingCode(rawCode);
    if (!t) {
      throw notFound('trouble', rawCode);
    }
    const problem = t.problem_id
      ? await db
          .selectFrom('problems')
          .selectAll()
          .where('id', '=', t.problem_id)
          .executeTakeFirst()
      : undefined;
    const departments = problem
      ? (
          await db
            .selectFrom('problem_departments')
            .innerJoin('departments', 'departments.id', 'problem_departments.department_id')
            .select('departments.name')
            .where('problem_departments.problem_id', '=', problem.id)
            .where('problem_departments.status', '!=', 'handed_back')
            .orderBy('problem_departments.role', 'desc')
            .execute()
        ).map((d) => d.name)
      : [];
    const events = await db
      .selectFrom('events')
      .select(['action', 'created_at', 'note', 'entity_type'])
      .where((eb) =>
        eb.or([
          eb.and([eb('entity_type', '=', 'trouble'), eb('entity_id', '=', t.id)]),
          ...(problem
            ? [
                eb.and([
                  eb('entity_type', '=', 'problem'),
                  eb('entity_id', '=', problem.id),
                  eb('created_at', '>=', t.received_at),
                ]),
              ]
            : []),
        ]),
      )
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const progress = events
      .filter((e) => PUBLIC_TEXT[e.action] !== undefined)
      .map((e) => ({
        at: e.created_at,
        action: e.action,
        text:
          e.action === 'publicNote' && e.note
            ? `${PUBLIC_TEXT.publicNote}：${e.note}`
            : PUBLIC_TEXT[e.action]!,
      }));
    const round = problem?.reopen_count ?? 0;
    const ratings = await repo.ratingsOf(t.id);
    const current = ratings.find((r) => r.round === round) ?? null;
    const answered =
      t.status === 'resolved_on_spot' ||
      (problem !== undefined && ['resolved', 'replied', 'closed'].includes(problem.status));
    return {
      code: t.code,
      title: t.title,
      category: t.category_name,
      receivedAt: t.received_at,
      publicStatus: publicStatusOf(t.status, problem?.status),
      answer: t.on_spot_answer ?? problem?.resolution_text ?? null,
      problem: problem
        ? {
            code: problem.code,
            status: problem.status,
            publicSummary: problem.public_summary,
            coordinationDueAt: problem.coordination_due_at,
            resolutionDueAt: problem.resolution_due_at,
            answeredAt: problem.answered_at,
            closedAt: problem.closed_at,
            departments,
          }
        : null,
      progress,
      canRate: answered && current === null,
      rating: current
        ? { rating: current.rating, comment: current.comment, createdAt: current.created_at }
        : null,
    };
  };
}

function publicStatusOf(
  troubleStatus: string,
  problemStatus: string | undefined,
): PublicTrackView['publicStatus'] {
  if (troubleStatus === 'resolved_on_spot') {
    return 'resolved_on_spot';
  }
  if (!problemStatus) {
    return troubleStatus === 'closed' ? 'closed' : 'received';
  }
  switch (problemStatus) {
    case 'resolved':
      return 'resolved';
    case 'replied':
      return 'replied';
    case 'closed':
      return 'closed';
    default:
      return 'in_progress';
  }
}
