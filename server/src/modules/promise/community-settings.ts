import type { Kysely } from 'kysely';

import type { TimeMode } from '../../../../common/enums';
import type { DB } from '../../db/schema';

/** SPEC §3 defaults, from the seed article: 24 h to coordinate, 7 days to resolve or reply. */
export const DEFAULT_SETTINGS = {
  time_mode: 'natural' as TimeMode,
  coordination_hours: 24,
  resolution_hours: 7 * 24,
  escalation_interval_hours: 24,
  severity_workers_threshold: 10,
  max_reopens: 1,
};

export async function ensureCommunitySettings(
  db: Kysely<DB>,
  communityId: string,
  now: number,
): Promise<void> {
  await db
    .insertInto('community_settings')
    .values({ community_id: communityId, ...DEFAULT_SETTINGS, updated_at: now, updated_by: null })
    .onConflict((oc) => oc.column('community_id').doNothing())
    .execute();
}

export interface SlaSettings {
  communityId: string;
  timeMode: TimeMode;
  coordinationHours: number;
  resolutionHours: number;
  escalationIntervalHours: number;
  severityWorkersThreshold: number;
  maxReopens: number;
}

export async function getCommunitySettings(
  db: Kysely<DB>,
  communityId: string,
): Promise<SlaSettings> {
  const row = await db
    .selectFrom('community_settings')
    .selectAll()
    .where('community_id', '=', communityId)
    .executeTakeFirst();
  return toSettings(communityId, row);
}

function toSettings(communityId: string, row: typeof DEFAULT_SETTINGS | undefined): SlaSettings {
  const s = row ?? DEFAULT_SETTINGS;
  return {
    communityId,
    timeMode: s.time_mode,
    coordinationHours: s.coordination_hours,
    resolutionHours: s.resolution_hours,
    escalationIntervalHours: s.escalation_interval_hours,
    severityWorkersThreshold: s.severity_workers_threshold,
    maxReopens: s.max_reopens,
  };
}

export async function updateCommunitySettings(
  db: Kysely<DB>,
  input: Omit<SlaSettings, 'communityId'> & {
    communityId: string;
    userId: string | null;
    now: number;
  },
): Promise<void> {
  await ensureCommunitySettings(db, input.communityId, input.now);
  await db
    .updateTable('community_settings')
    .set({
      time_mode: input.timeMode,
      coordination_hours: input.coordinationHours,
      resolution_hours: input.resolutionHours,
      escalation_interval_hours: input.escalationIntervalHours,
      severity_workers_threshold: input.severityWorkersThreshold,
      max_reopens: input.maxReopens,
      updated_at: input.now,
      updated_by: input.userId,
    })
    .where('community_id', '=', input.communityId)
    .execute();
}
