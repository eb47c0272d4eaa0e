import type { Kysely } from 'kysely';

import type { Dialect } from '../../db/database';
import { lockRow } from '../../db/dialect';
import type { DB, Problem, ProblemUpdate } from '../../db/schema';
import type { Actor } from '../../shared/actor';
import { notFound } from '../../shared/errors';
import { problemScope, troubleScope } from '../../shared/record-scope';
import { applyProblemChange } from '../indices';

/** The write model of problems, their department assignments and their link to troubles. */
export function createProblemRepository(db: Kysely<DB>, dialect: Dialect) {
  return {
    /** A problem in the actor's scope, locked for the rest of the transaction; else 404. */
    async lockInScope(actor: Actor, id: string): Promise<Problem> {
      const p = await lockRow(
        dialect,
        db
          .selectFrom('problems')
          .selectAll()
          .where('problems.id', '=', id)
          .where(problemScope(actor)),
      ).executeTakeFirst();
      if (!p) {
        throw notFound('problem', id);
      }
      return p;
    },

    /** Inserts a problem and adds it to the index aggregates (same transaction). */
    async insert(row: Problem): Promise<void> {
      await db.insertInto('problems').values(row).execute();
      await applyProblemChange(db, null, row);
    },

    /** Updates a problem and moves its contribution in the index aggregates. */
    async update(id: string, patch: ProblemUpdate): Promise<void> {
      const before = await db
        .selectFrom('problems')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      await db.updateTable('problems').set(patch).where('id', '=', id).execute();
      if (before) {
        await applyProblemChange(db, before, { ...before, ...patch });
      }
    },

    async assignments(problemId: string) {
      return db
        .selectFrom('problem_departments')
        .innerJoin('departments', 'departments.id', 'problem_departments.department_id')
        .selectAll('problem_departments')
        .select(['departments.name as department_name'])
        .where('problem_departments.problem_id', '=', problemId)
        .orderBy('problem_departments.assigned_at')
        .execute();
    },

    async upsertAssignment(row: {
      id: string;
      problemId: string;
      departmentId: string;
      role: 'lead' | 'cooperating';
      now: number;
    }) {
      await db
        .insertInto('problem_departments')
        .values({
          id: row.id,
          problem_id: row.problemId,
          department_id: row.departmentId,
          role: row.role,
          status: 'assigned',
          reason: null,
          assigned_at: row.now,
          accepted_at: null,
          updated_at: row.now,
        })
        .onConflict((oc) =>
          oc.columns(['problem_id', 'department_id']).doUpdateSet({
            role: row.role,
            status: 'assigned',
            reason: null,
            assigned_at: row.now,
            accepted_at: null,
            updated_at: row.now,
          }),
        )
        .execute();
    },

    async setAssignmentStatus(
      problemId: string,
      departmentId: string,
      status: 'accepted' | 'handed_back',
      reason: string | null,
      now: number,
    ) {
      await db
        .updateTable('problem_departments')
        .set({
          status,
          reason,
          updated_at: now,
          ...(status === 'accepted' ? { accepted_at: now } : {}),
        })
        .where('problem_id', '=', problemId)
        .where('department_id', '=', departmentId)
        .execute();
    },

    /** Troubles linked to a problem. */
    async troublesOf(problemId: string) {
      return db
        .selectFrom('troubles')
        .selectAll()
        .where('problem_id', '=', problemId)
        .orderBy('received_at')
        .execute();
    },

    /** Troubles the actor may handle, locked; missing or out-of-scope ones raise 404. */
    async lockTroubles(actor: Actor, ids: string[]) {
      const rows = await lockRow(
        dialect,
        db
          .selectFrom('troubles')
          .selectAll()
          .where('troubles.id', 'in', ids)
          .where(troubleScope(actor)),
      ).execute();
      for (const id of ids) {
        if (!rows.some((r) => r.id === id)) {
          throw notFound('trouble', id);
        }
      }
      return rows;
    },

    async linkTroubles(
      troubleIds: string[],
      problemId: string,
      status: 'linked' | 'closed',
      now: number,
    ) {
      if (troubleIds.length === 0) {
        return;
      }
      await db
        .updateTable('troubles')
        .set({
          problem_id: problemId,
          status,
          closed_at: status === 'closed' ? now : null,
          updated_at: now,
        })
        .where('id', 'in', troubleIds)
        .execute();
    },

    /** Closing or reopening a problem carries its linked troubles along. */
    async setTroublesOfProblem(problemId: string, status: 'linked' | 'closed', now: number) {
      await db
        .updateTable('troubles')
        .set({ status, closed_at: status === 'closed' ? now : null, updated_at: now })
        .where('problem_id', '=', problemId)
        .execute();
    },

    /** Reporters with an account, to notify them of the outcome. */
    async reporterUserIds(problemId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('troubles')
        .select('reporter_user_id')
        .where('problem_id', '=', problemId)
        .where('reporter_user_id', 'is not', null)
        .execute();
      return rows.map((r) => r.reporter_user_id!).filter(Boolean);
    },
  };
}

export type ProblemRepository = ReturnType<typeof createProblemRepository>;
