/**
 * The dashboard's view in the page URL, so that a link reproduces it:
 * `?community=<slug>` or `?county=true`, plus the period (`month=2023-09`, `quarter=2023-Q3`,
 * `year=2023` or `from=2023-05-01&to=2023-10-01`, half-open).
 */
import type { Role } from '../../shared/roles';
import type { CommunityOption, IndexScope } from './indices-types';
import { type Period, periodFromParams, periodParams, quickPickPeriod } from './period';

export interface DashboardSearch {
  /** Slug (or id) of the community asked for, if any. */
  community: string | null;
  county: boolean;
  period: Period | null;
}

/** The view as the dashboard shows it, once the communities are known. */
export interface DashboardView {
  scope: IndexScope;
  community: CommunityOption | null;
  period: Period;
}

const COUNTY_ROLES: ReadonlySet<Role> = new Set(['supervisor', 'admin', 'department']);

/** Supervisors (贴心办), admins and departments may look at the whole county (docs/indices.md). */
export function canSeeCounty(role: Role): boolean {
  return COUNTY_ROLES.has(role);
}

export function readDashboardSearch(params: URLSearchParams): DashboardSearch {
  const community = params.get('community')?.trim() || null;
  return {
    community,
    county: params.get('county') === 'true',
    period: periodFromParams(params),
  };
}

export function writeDashboardSearch(view: {
  community: CommunityOption | null;
  period: Period;
}): URLSearchParams {
  const params = new URLSearchParams();
  if (view.community === null) {
    params.set('county', 'true');
  } else {
    params.set('community', view.community.slug);
  }
  for (const [key, value] of Object.entries(periodParams(view.period))) {
    params.set(key, value);
  }
  return params;
}

/**
 * What to show for a URL: the community it names (by slug or id) if the user may see it, the
 * county if asked for and allowed, else the user's own community (or the county for those who
 * may see it). The period defaults to the current month. Null when there is nothing to show.
 */
export function resolveDashboardView(
  search: DashboardSearch,
  context: {
    communities: CommunityOption[];
    role: Role;
    ownCommunityId: string | null;
    now: number;
  },
): DashboardView | null {
  const period = search.period ?? quickPickPeriod('thisMonth', context.now);
  const county = canSeeCounty(context.role);
  const asked =
    search.community === null
      ? undefined
      : context.communities.find((c) => c.slug === search.community || c.id === search.community);
  if (asked !== undefined) {
    return { scope: { kind: 'community', communityId: asked.id }, community: asked, period };
  }
  if (county && (search.county || search.community === null)) {
    return { scope: { kind: 'county' }, community: null, period };
  }
  const own =
    context.communities.find((c) => c.id === context.ownCommunityId) ?? context.communities[0];
  if (own !== undefined) {
    return { scope: { kind: 'community', communityId: own.id }, community: own, period };
  }
  return county ? { scope: { kind: 'county' }, community: null, period } : null;
}
