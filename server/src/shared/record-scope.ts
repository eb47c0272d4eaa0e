import { type Expression, type ExpressionBuilder, sql, type SqlBool } from 'kysely';

import type { DB } from '../db/schema';
import type { Actor } from './actor';

/**
 * Record-level scope (SPEC §2), applied inside every query that reads or changes troubles and
 * problems. Admins and supervisors see their county, staff their community, departments the
 * problems assigned to them (and those problems' troubles), enterprise contacts their
 * enterprise's troubles, workers their own troubles; auditors (who read the audit trail only)
 * and anonymous callers see nothing.
 */
const nothing = sql<SqlBool>`1 = 0`;

/** Sub-queries need no outer table; this view of the builder lets one helper serve both scopes. */
type RootBuilder = ExpressionBuilder<DB, never>;
const root = (eb: ExpressionBuilder<DB, 'problems'> | ExpressionBuilder<DB, 'troubles'>) =>
  eb as unknown as RootBuilder;

function communitiesOfCounty(eb: RootBuilder, countyId: string | null) {
  return eb
    .selectFrom('communities')
    .select('communities.id')
    .where('communities.county_id', '=', countyId ?? '');
}

function problemsOfDepartment(eb: RootBuilder, departmentId: string | null) {
  return eb
    .selectFrom('problem_departments')
    .select('problem_departments.problem_id')
    .where('problem_departments.department_id', '=', departmentId ?? '');
}

export function problemScope(actor: Actor) {
  return (eb: ExpressionBuilder<DB, 'problems'>): Expression<SqlBool> => {
    switch (actor.role) {
      case 'admin':
      case 'supervisor':
      case 'system':
        return eb('problems.community_id', 'in', communitiesOfCounty(root(eb), actor.countyId));
      case 'staff':
        return eb('problems.community_id', '=', actor.communityId ?? '');
      case 'department':
        return eb('problems.id', 'in', problemsOfDepartment(root(eb), actor.departmentId));
      case 'enterprise':
      case 'worker':
      case 'auditor':
      case 'anonymous':
        return nothing;
    }
  };
}

export function troubleScope(actor: Actor) {
  return (eb: ExpressionBuilder<DB, 'troubles'>): Expression<SqlBool> => {
    switch (actor.role) {
      case 'admin':
      case 'supervisor':
      case 'system':
        return eb('troubles.community_id', 'in', communitiesOfCounty(root(eb), actor.countyId));
      case 'staff':
        return eb('troubles.community_id', '=', actor.communityId ?? '');
      case 'department':
        return eb('troubles.problem_id', 'in', problemsOfDepartment(root(eb), actor.departmentId));
      case 'enterprise':
        return eb('troubles.enterprise_id', '=', actor.enterpriseId ?? '');
      case 'worker':
        return eb('troubles.reporter_user_id', '=', actor.userId ?? '');
      case 'auditor':
      case 'anonymous':
        return nothing;
    }
  };
}
