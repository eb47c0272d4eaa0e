import type { EnterpriseSize } from '../../../../common/enums';
import type { Community, Enterprise } from '../../db/schema';
import type { Deps } from '../../deps';
import type { Actor } from '../../shared/actor';
import { appendAudit } from '../../shared/audit';
import { notFound, ruleViolation } from '../../shared/errors';
import { maskPhone } from '../../shared/field-crypto';
import { newId } from '../../shared/ids';
import { ensureCommunitySettings } from '../promise';
import { createDirectoryRepository } from './directory-repository';
import { communityScopeOf } from './directory-scope';

type DirectoryDeps = Pick<Deps, 'db' | 'dialect' | 'clock' | 'crypto'>;

export function createDirectoryService(deps: DirectoryDeps) {
  const { db, dialect, clock, crypto } = deps;
  const repo = createDirectoryRepository(db);

  /**
   * A directory write and its audit record in one transaction (等保 安全审计: who changed which
   * community, enterprise or department, and which fields — names only, a phone number never).
   */
  async function audited(
    actor: Actor,
    action: string,
    target: { type: string; id: string },
    detail: Record<string, unknown>,
    write: (r: ReturnType<typeof createDirectoryRepository>, trx: Deps['db']) => Promise<void>,
  ): Promise<void> {
    await db.transaction().execute(async (trx) => {
      await write(createDirectoryRepository(trx), trx);
      await appendAudit(trx, dialect, {
        actor,
        action,
        targetType: target.type,
        targetId: target.id,
        outcome: 'success',
        detail,
        at: clock.now(),
      });
    });
  }

  const presentCommunity = (c: Community) => ({
    id: c.id,
    countyId: c.county_id,
    slug: c.slug,
    name: c.name,
    codePrefix: c.code_prefix,
  });

  const presentEnterprise = (e: Enterprise) => ({
    id: e.id,
    communityId: e.community_id,
    name: e.name,
    industry: e.industry,
    size: e.size,
    employeeCount: e.employee_count,
    contactName: e.contact_name,
    contactPhoneMasked: e.contact_phone_enc ? maskPhone(crypto.decrypt(e.contact_phone_enc)) : null,
    address: e.address,
    active: e.active === 1,
  });

  /** An enterprise the actor may see, else 404. */
  async function enterpriseInScope(actor: Actor, id: string) {
    const e = await repo.findEnterprise(id);
    const scope = communityScopeOf(actor);
    const visible =
      e !== undefined &&
      !('none' in scope) &&
      ('countyId' in scope ? e.county_id === scope.countyId : e.community_id === scope.communityId);
    if (!visible) {
      throw notFound('enterprise', id);
    }
    return e;
  }

  return {
    async listCommunities(actor: Actor) {
      return (await repo.listCommunities(communityScopeOf(actor))).map(presentCommunity);
    },

    async getCommunity(actor: Actor, id: string) {
      const list = await repo.listCommunities(communityScopeOf(actor));
      const c = list.find((x) => x.id === id);
      if (!c) {
        throw notFound('community', id);
      }
      return presentCommunity(c);
    },

    async createCommunity(actor: Actor, input: { slug: string; name: string; codePrefix: string }) {
      const id = newId();
      await audited(actor, 'community.create', { type: 'community', id }, input, async (r, trx) => {
        if (await r.findCommunityBySlug(input.slug)) {
          throw ruleViolation('slugTaken');
        }
        await r.insertCommunity({ id, countyId: actor.countyId!, ...input, now: clock.now() });
        await ensureCommunitySettings(trx, id, clock.now());
      });
      return presentCommunity((await repo.findCommunity(id))!);
    },

    async listEnterprises(
      actor: Actor,
      filter: {
        communityId?: string;
        q?: string;
        industry?: string;
        limit: number;
        offset: number;
      },
    ) {
      return (await repo.listEnterprises(communityScopeOf(actor), filter)).map(presentEnterprise);
    },

    async getEnterprise(actor: Actor, id: string) {
      return presentEnterprise(await enterpriseInScope(actor, id));
    },

    /** Creates an enterprise in a community the actor administers (staff: their own). */
    async createEnterprise(
      actor: Actor,
      input: {
        communityId: string;
        name: string;
        industry: string;
        size: EnterpriseSize;
        employeeCount: number;
        contactName?: string | null;
        contactPhone?: string | null;
        address?: string | null;
      },
    ) {
      const communities = await repo.listCommunities(communityScopeOf(actor));
      if (!communities.some((c) => c.id === input.communityId)) {
        throw notFound('community', input.communityId);
      }
      const id = newId();
      const detail = { communityId: input.communityId, name: input.name };
      await audited(actor, 'enterprise.create', { type: 'enterprise', id }, detail, (r) =>
        r.insertEnterprise({
          id,
          communityId: input.communityId,
          name: input.name,
          industry: input.industry,
          size: input.size,
          employeeCount: input.employeeCount,
          contactName: input.contactName ?? null,
          contactPhoneEnc: input.contactPhone ? crypto.encrypt(input.contactPhone) : null,
          address: input.address ?? null,
          now: clock.now(),
        }),
      );
      return presentEnterprise((await repo.findEnterprise(id))!);
    },

    async updateEnterprise(
      actor: Actor,
      id: string,
      patch: {
        name?: string;
        industry?: string;
        size?: EnterpriseSize;
        employeeCount?: number;
        contactName?: string | null;
        contactPhone?: string | null;
        address?: string | null;
        active?: boolean;
      },
    ) {
      await enterpriseInScope(actor, id);
      const fields = {
        fields: Object.keys(patch).filter((k) => patch[k as keyof typeof patch] !== undefined),
      };
      await audited(actor, 'enterprise.update', { type: 'enterprise', id }, fields, (r) =>
        r.updateEnterprise(
          id,
          {
            ...(patch.name !== undefined ? { name: patch.name } : {}),
            ...(patch.industry !== undefined ? { industry: patch.industry } : {}),
            ...(patch.size !== undefined ? { size: patch.size } : {}),
            ...(patch.employeeCount !== undefined ? { employee_count: patch.employeeCount } : {}),
            ...(patch.contactName !== undefined ? { contact_name: patch.contactName } : {}),
            ...(patch.contactPhone !== undefined
              ? {
                  contact_phone_enc: patch.contactPhone ? crypto.encrypt(patch.contactPhone) : null,
                }
              : {}),
            ...(patch.address !== undefined ? { address: patch.address } : {}),
            ...(patch.active !== undefined
              ? { active: patch.active ? (1 as const) : (0 as const) }
              : {}),
          },
          clock.now(),
        ),
      );
      return presentEnterprise((await repo.findEnterprise(id))!);
    },

    async listDepartments(actor: Actor) {
      if (!actor.countyId) {
        return [];
      }
      return (await repo.listDepartments(actor.countyId)).map((d) => ({
        id: d.id,
        countyId: d.county_id,
        name: d.name,
        shortName: d.short_name,
        active: d.active === 1,
      }));
    },

    async createDepartment(actor: Actor, input: { name: string; shortName: string }) {
      const id = newId();
      await audited(actor, 'department.create', { type: 'department', id }, input, (r) =>
        r.insertDepartment({ id, countyId: actor.countyId!, ...input, now: clock.now() }),
      );
      const d = (await repo.findDepartment(id))!;
      return {
        id: d.id,
        countyId: d.county_id,
        name: d.name,
        shortName: d.short_name,
        active: d.active === 1,
      };
    },

    async updateDepartment(
      actor: Actor,
      id: string,
      patch: { name?: string; shortName?: string; active?: boolean },
    ) {
      const d = await repo.findDepartment(id);
      if (!d || d.county_id !== actor.countyId) {
        throw notFound('department', id);
      }
      await audited(actor, 'department.update', { type: 'department', id }, patch, (r) =>
        r.updateDepartment(id, {
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.shortName !== undefined ? { short_name: patch.shortName } : {}),
          ...(patch.active !== undefined
            ? { active: patch.active ? (1 as const) : (0 as const) }
            : {}),
        }),
      );
      const u = (await repo.findDepartment(id))!;
      return {
        id: u.id,
        countyId: u.county_id,
        name: u.name,
        shortName: u.short_name,
        active: u.active === 1,
      };
    },

    /** Public: what a QR poster needs to prefill the report form (name only, no contacts). */
    async publicEnterprise(id: string) {
      const e = await repo.findEnterprise(id);
      if (!e || e.active !== 1) {
        throw notFound('enterprise', id);
      }
      return {
        id: e.id,
        name: e.name,
        communityId: e.community_id,
        communityName: e.community_name,
      };
    },

    /** Public: a community and its enterprise names, for the worker report form. */
    async publicCommunity(slug: string) {
      const c = await repo.findCommunityBySlug(slug);
      if (!c) {
        throw notFound('community', slug);
      }
      const enterprises = await db
        .selectFrom('enterprises')
        .select(['id', 'name'])
        .where('community_id', '=', c.id)
        .where('active', '=', 1)
        .orderBy('name')
        .execute();
      return { id: c.id, slug: c.slug, name: c.name, enterprises };
    },
  };
}

export type DirectoryService = ReturnType<typeof createDirectoryService>;
