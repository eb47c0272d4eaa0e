import type { Actor } from '../../shared/actor';
import { formatLocal } from '../../shared/business-time';
import { notFound, ruleViolation } from '../../shared/errors';
import { newId } from '../../shared/ids';
import { enqueueDeliveries } from '../notifications';
import { computeDeadlines } from '../promise';
import { changeProblem, type ProblemChange, type ProblemDeps } from './problem-context';
import { notifyCommunityStaff, notifyDepartment, notifyReporters } from './problem-notify';

/** Lifecycle use cases of a problem (SPEC §3). Each runs in one transaction via changeProblem. */
export function createProblemLifecycle(deps: ProblemDeps) {
  /** The actor's live assignment on the problem (departments act only where assigned). */
  async function requireAssignment(c: ProblemChange, leadOnly: boolean) {
    if (c.actor.role !== 'department') {
      return null;
    }
    const a = (await c.repo.assignments(c.problem.id)).find(
      (x) => x.department_id === c.actor.departmentId && x.status !== 'handed_back',
    );
    if (!a || (leadOnly && a.role !== 'lead')) {
      throw ruleViolation('notAssigned');
    }
    return a;
  }

  return {
    /** 交办: one lead department and any cooperating ones; counts as coordination (24 h). */
    dispatch(input: {
      actor: Actor;
      problemId: string;
      leadDepartmentId: string;
      cooperatingDepartmentIds: string[];
      note?: string | null;
      ownerUserId?: string | null;
    }) {
      return changeProblem(deps, input.actor, input.problemId, async (c) => {
        const to = c.next('dispatch');
        const ids = [
          input.leadDepartmentId,
          ...input.cooperatingDepartmentIds.filter((d) => d !== input.leadDepartmentId),
        ];
        const county = await c.trx
          .selectFrom('communities')
          .select('county_id')
          .where('id', '=', c.problem.community_id)
          .executeTakeFirstOrThrow();
        const departments = await c.trx
          .selectFrom('departments')
          .select(['id', 'name'])
          .where('id', 'in', ids)
          .where('county_id', '=', county.county_id)
          .where('active', '=', 1)
          .execute();
        for (const id of ids) {
          if (!departments.some((d) => d.id === id)) {
            throw notFound('department', id);
          }
        }
        // A new dispatch replaces earlier assignments that were handed back.
        for (const id of ids) {
          await c.repo.upsertAssignment({
            id: newId(),
            problemId: c.problem.id,
            departmentId: id,
            role: id === input.leadDepartmentId ? 'lead' : 'cooperating',
            now: c.now,
          });
        }
        await c.trx
          .updateTable('problem_departments')
          .set({ role: 'cooperating', updated_at: c.now })
          .where('problem_id', '=', c.problem.id)
          .where('department_id', '!=', input.leadDepartmentId)
          .where('role', '=', 'lead')
          .execute();
        await c.record({
          action: 'dispatch',
          patch: {
            status: to,
            coordinated_at: c.problem.coordinated_at ?? c.now,
            ...(input.ownerUserId !== undefined ? { owner_user_id: input.ownerUserId } : {}),
          },
          before: { status: c.problem.status },
          after: { status: to, lead: input.leadDepartmentId, cooperating: ids.slice(1) },
          note: input.note ?? null,
        });
        for (const id of ids) {
          await notifyDepartment(
            c.trx,
            c.problem,
            id,
            {
              kind: 'problem.dispatched',
              title: `新交办：${c.problem.code}`,
              body: `「${c.problem.title}」已交办贵部门${id === input.leadDepartmentId ? '牵头' : '配合'}办理。`,
              key: `dispatch:${c.problem.id}:${c.now}:${id}`,
            },
            c.now,
          );
        }
      });
    },

    /** 签收 by the actor's department; the lead's acceptance starts 协调落实. */
    accept(input: { actor: Actor; problemId: string }) {
      return changeProblem(deps, input.actor, input.problemId, async (c) => {
        const a = await requireAssignment(c, false);
        if (!a || a.status !== 'assigned') {
          throw ruleViolation('notAssigned');
        }
        const to = a.role === 'lead' ? c.next('accept') : c.problem.status;
        if (a.role !== 'lead') {
          c.next('note');
        }
        await c.repo.setAssignmentStatus(c.problem.id, a.department_id, 'accepted', null, c.now);
        await c.record({
          action: 'accept',
          patch: { status: to },
          before: { status: c.problem.status },
          after: { status: to, department: a.department_name, role: a.role },
        });
      });
    },

    /** 退回 with a reason: the lead department returns the problem to the community. */
    handBack(input: { actor: Actor; problemId: string; reason: string }) {
      return changeProblem(deps, input.actor, input.problemId, async (c) => {
        const a = await requireAssignment(c, true);
        const to = c.next('handBack');
        await c.repo.setAssignmentStatus(
          c.problem.id,
          a!.department_id,
          'handed_back',
          input.reason,
          c.now,
        );
        await c.record({
          action: 'handBack',
          patch: { status: to },
          before: { status: c.problem.status },
          after: { status: to, department: a!.department_name },
          note: input.reason,
        });
        await notifyCommunityStaff(
          c.trx,
          c.problem,
          {
            kind: 'problem.handedBack',
            title: `部门退回：${c.problem.code}`,
            body: `${a!.department_name}退回「${c.problem.title}」：${input.reason}`,
            key: `handBack:${c.problem.id}:${c.now}`,
          },
          c.now,
        );
      });
    },

    /** 办结 (resolve) or 答复 (reply: cannot be solved now, with the reason and the plan). */
    answer(input: {
      actor: Actor;
      problemId: string;
      kind: 'resolve' | 'reply';
      text: string;
      publicSummary?: string | null;
    }) {
      return changeProblem(deps, input.actor, input.problemId, async (c) => {
        const a = await requireAssignment(c, true);
        const to = c.next(input.kind);
        if (a && a.status === 'assigned') {
          await c.repo.setAssignmentStatus(c.problem.id, a.department_id, 'accepted', null, c.now);
        }
        await c.record({
          action: input.kind,
          patch: {
            status: to,
            answered_at: c.now,
            resolution_text: input.text,
            public_summary: input.publicSummary ?? c.problem.public_summary ?? input.text,
            coordinated_at: c.problem.coordinated_at ?? c.now,
            overdue_kind: null,
          },
          before: { status: c.problem.status },
          after: { status: to },
          note: input.text,
        });
        const verb = input.kind === 'resolve' ? '已解决' : '已答复';
        await notifyCommunityStaff(
          c.trx,
          c.problem,
          {
            kind: `problem.${input.kind}`,
            title: `${verb}：${c.problem.code}`,
            body: `「${c.problem.title}」${verb}，请核实后办结并回访。`,
            key: `${input.kind}:${c.problem.id}:${c.now}`,
          },
          c.now,
        );
        await notifyReporters(
          c.trx,
          c.problem,
          await c.repo.reporterUserIds(c.problem.id),
          {
            title: `您反映的问题${verb}`,
            body: input.publicSummary ?? input.text,
            key: `outcome:${c.problem.id}:${c.problem.reopen_count}`,
          },
          c.now,
        );
      });
    },

    /** 办结 by the community after checking the answer; linked troubles close with it. */
    close(input: { actor: Actor; problemId: string; note?: string | null }) {
      return changeProblem(deps, input.actor, input.problemId, async (c) => {
        const to = c.next('close');
        await c.record({
          action: 'close',
          patch: { status: to, closed_at: c.now, overdue_kind: null },
          before: { status: c.problem.status },
          after: { status: to },
          note: input.note ?? null,
        });
        await c.repo.setTroublesOfProblem(c.problem.id, 'closed', c.now);
      });
    },

    /**
     * 重新办理 after dissatisfaction (at most maxReopens times): back to the lead department or
     * to the community, with a fresh resolution deadline from now.
     */
    reopen(input: { actor: Actor; problemId: string; reason: string }) {
      return changeProblem(deps, input.actor, input.problemId, (c) =>
        reopenWithin(c, input.reason),
      );
    },

    /** 退回重办: staff or supervisor reject an answer before closing (not counted as a reopen). */
    sendBack(input: { actor: Actor; problemId: string; reason: string }) {
      return changeProblem(deps, input.actor, input.problemId, async (c) => {
        const to = c.next('sendBack');
        await c.record({
          action: 'sendBack',
          patch: { status: to, answered_at: null },
          before: { status: c.problem.status },
          after: { status: to },
          note: input.reason,
        });
        const lead = (await c.repo.assignments(c.problem.id)).find(
          (a) => a.role === 'lead' && a.status !== 'handed_back',
        );
        if (lead) {
          await notifyDepartment(
            c.trx,
            c.problem,
            lead.department_id,
            {
              kind: 'problem.sentBack',
              title: `答复被退回：${c.problem.code}`,
              body: input.reason,
              key: `sendBack:${c.problem.id}:${c.now}`,
            },
            c.now,
          );
        }
      });
    },

    /** A progress note; `public` notes are shown to reporters on the tracking page. */
    note(input: { actor: Actor; problemId: string; text: string; isPublic: boolean }) {
      return changeProblem(deps, input.actor, input.problemId, async (c) => {
        await requireAssignment(c, false);
        c.next('note');
        await c.record({ action: input.isPublic ? 'publicNote' : 'note', note: input.text });
      });
    },
  };
}

/** Reopening, shared by the staff action and a dissatisfied rating. */
export async function reopenWithin(c: ProblemChange, reason: string): Promise<void> {
  const to = c.next('reopen');
  const deadlines = await computeDeadlines(c.trx, c.problem.community_id, c.now, c.now);
  await c.record({
    action: 'reopen',
    patch: {
      status: to,
      reopen_count: c.problem.reopen_count + 1,
      answered_at: null,
      closed_at: null,
      overdue_kind: null,
      escalation_level: 0,
      resolution_due_at: deadlines.resolutionDueAt,
      ...(c.hasLead
        ? {}
        : { coordinated_at: null, coordination_due_at: deadlines.coordinationDueAt }),
      deadline_estimated: deadlines.estimated ? 1 : 0,
    },
    before: { status: c.problem.status, reopenCount: c.problem.reopen_count },
    after: {
      status: to,
      reopenCount: c.problem.reopen_count + 1,
      resolutionDueAt: deadlines.resolutionDueAt,
    },
    note: reason,
  });
  await c.repo.setTroublesOfProblem(c.problem.id, 'linked', c.now);
  const lead = (await c.repo.assignments(c.problem.id)).find(
    (a) => a.role === 'lead' && a.status !== 'handed_back',
  );
  if (lead) {
    await c.trx
      .updateTable('problem_departments')
      .set({ status: 'assigned', accepted_at: null, updated_at: c.now })
      .where('id', '=', lead.id)
      .execute();
    await notifyDepartment(
      c.trx,
      c.problem,
      lead.department_id,
      {
        kind: 'problem.reopened',
        title: `重新办理：${c.problem.code}`,
        body: reason,
        key: `reopen:${c.problem.id}:${c.problem.reopen_count + 1}`,
      },
      c.now,
    );
  }
  await notifyCommunityStaff(
    c.trx,
    c.problem,
    {
      kind: 'problem.reopened',
      title: `重新办理：${c.problem.code}`,
      body: reason,
      key: `reopen:${c.problem.id}:${c.problem.reopen_count + 1}`,
    },
    c.now,
  );
  await enqueueDeliveries(c.trx, {
    event: 'problem.reopened',
    communityId: c.problem.community_id,
    eventKey: `reopen:${c.problem.id}:${c.problem.reopen_count + 1}`,
    message: {
      title: `重新办理：${c.problem.code}`,
      lines: [
        `类问题「${c.problem.title}」已重新办理（第 ${c.problem.reopen_count + 1} 次）。`,
        `原因：${reason}`,
        `新的办结期限：${formatLocal(deadlines.resolutionDueAt)}`,
      ],
      linkPath: `/problems/${c.problem.id}`,
    },
    now: c.now,
  });
}
