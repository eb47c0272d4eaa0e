import { createHash, randomBytes } from 'node:crypto';

import { z } from 'zod';

import type { Deps } from '../../deps';
import type { Actor } from '../../shared/actor';
import { appendAudit } from '../../shared/audit';
import { DAY_MS, localDay } from '../../shared/business-time';
import { AppError, badRequest, notFound } from '../../shared/errors';
import type { ApiClient } from '../../shared/http/auth-plugin';
import { newId } from '../../shared/ids';
import { phoneInput } from '../directory/directory-schemas';
import { createTroubleIntake } from '../troubles';
import {
  promiseNotice,
  type Service,
  SERVICE_ATTRIBUTES,
  type ServiceAttribute,
  type ServiceRequest,
  toServiceRequest,
} from './open311-format';
import { apiKeyHash, createOpen311KeyRepository } from './open311-key-repository';
import { createOpen311ReadModel } from './open311-read-model';

type Open311Deps = Pick<Deps, 'db' | 'dialect' | 'clock' | 'crypto' | 'committer' | 'config'>;

const NINETY_DAYS = 90 * DAY_MS;
const MAX_REQUESTS = 1000;

/** POST requests parameters (GeoReport v2), after form or JSON decoding. */
const submitParams = z.object({
  service_code: z.string().trim().min(1).max(100),
  lat: z.coerce.number().min(-90).max(90).optional(),
  long: z.coerce.number().min(-180).max(180).optional(),
  address_string: z.string().trim().min(1).max(500).optional(),
  address_id: z.string().trim().min(1).max(40).optional(),
  email: z.string().trim().max(200).optional(),
  device_id: z.string().trim().max(200).optional(),
  account_id: z.string().trim().max(200).optional(),
  first_name: z.string().trim().max(40).optional(),
  last_name: z.string().trim().max(40).optional(),
  phone: phoneInput.optional(),
  description: z.string().trim().max(4000).optional(),
  media_url: z.url().max(1000).optional(),
  jurisdiction_id: z.string().trim().max(100).optional(),
  api_key: z.string().max(200).optional(),
  attribute: z.record(z.string().max(100), z.string().trim().max(200)).default({}),
});
export type SubmitParams = z.infer<typeof submitParams>;

/** Form fields arrive flat (`attribute[severity]=major`); JSON may nest them. Empty = absent. */
export function normaliseParams(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const attribute: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    const m = /^attribute\[([^\]]{1,100})\]$/.exec(k);
    if (m) {
      attribute[m[1]!] = String(Array.isArray(v) ? v[0] : v);
    } else if (k === 'attribute' && typeof v === 'object' && v !== null && !Array.isArray(v)) {
      for (const [ak, av] of Object.entries(v)) {
        attribute[ak] = String(av);
      }
    } else if (v !== '' && v !== null && v !== undefined) {
      out[k] = Array.isArray(v) ? v[0] : v;
    }
  }
  out.attribute = attribute;
  return out;
}

function attributeValues(attrs: Record<string, string>) {
  const known = new Map<string, ServiceAttribute>(SERVICE_ATTRIBUTES.map((a) => [a.code, a]));
  const out = { severity: 'minor', urgency: 'normal', workersAffected: 1 } as {
    severity: 'minor' | 'major';
    urgency: 'normal' | 'urgent';
    workersAffected: number;
  };
  for (const [code, value] of Object.entries(attrs)) {
    const def = known.get(code);
    if (!def) {
      throw badRequest('open311Attribute', { code });
    }
    if (def.datatype === 'singlevaluelist') {
      if (!def.values.some((v) => v.key === value)) {
        throw badRequest('open311Attribute', { code });
      }
      if (code === 'severity') {
        out.severity = value as 'minor' | 'major';
      } else {
        out.urgency = value as 'normal' | 'urgent';
      }
    } else {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n > 100_000) {
        throw badRequest('open311Attribute', { code });
      }
      out.workersAffected = n;
    }
  }
  return out;
}

/**
 * Open311 GeoReport v2 over Fannao (docs/open311.md): services are the second-level categories,
 * service requests are troubles (public view only), POST files a trouble through the ordinary
 * intake (channel open311, group commit, idempotency) for the community of the API key.
 */
export function createOpen311Service(deps: Open311Deps) {
  const { db, clock, config } = deps;
  const read = createOpen311ReadModel(db);
  const keys = createOpen311KeyRepository(db);
  const intake = createTroubleIntake(deps);

  async function requests(filter: {
    ids?: string[];
    /** One or more service codes (the spec allows a comma list). */
    serviceCodes?: string[];
    jurisdictionId?: string;
    start?: number;
    end?: number;
    status?: 'open' | 'closed';
  }): Promise<ServiceRequest[]> {
    if (filter.ids) {
      // The spec: a list of ids overrides every other parameter.
      const rows = await read.requests({
        ids: filter.ids.slice(0, MAX_REQUESTS),
        limit: MAX_REQUESTS,
      });
      return rows.map(toServiceRequest);
    }
    let end = filter.end;
    let start = filter.start;
    if (start === undefined && end === undefined) {
      end = clock.now();
      start = end - NINETY_DAYS;
    } else if (start === undefined) {
      start = end! - NINETY_DAYS;
    } else if (end === undefined) {
      end = Math.min(start + NINETY_DAYS, Math.max(start, clock.now()));
    }
    if (end! < start || end! - start > NINETY_DAYS) {
      throw badRequest('open311DateRange');
    }
    let categoryIds: string[] | undefined;
    if (filter.serviceCodes !== undefined) {
      categoryIds = await read.serviceIds(filter.serviceCodes);
      if (categoryIds.length === 0) {
        return [];
      }
    }
    let communityId: string | undefined;
    if (filter.jurisdictionId !== undefined) {
      const c = await read.communityBySlug(filter.jurisdictionId);
      if (!c) {
        throw notFound('community', filter.jurisdictionId);
      }
      communityId = c.id;
    }
    const rows = await read.requests({
      categoryIds,
      communityId,
      from: start,
      to: end,
      status: filter.status,
      limit: MAX_REQUESTS,
    });
    return rows.map(toServiceRequest);
  }

  return {
    /** The client behind a live key (auth plugin, access `apiKey`). */
    async verifyApiKey(key: string): Promise<ApiClient | null> {
      const row = await keys.findLive(apiKeyHash(key));
      if (!row) {
        return null;
      }
      const now = clock.now();
      if (row.last_used_at === null || now - row.last_used_at > 60_000) {
        await keys.touch(row.id, now);
      }
      return {
        keyId: row.id,
        communityId: row.community_id,
        countyId: row.county_id,
        label: row.label,
      };
    },

    async services(): Promise<Service[]> {
      return (await read.services()).map((c) => {
        const examples = JSON.parse(c.examples) as string[];
        return {
          service_code: c.code,
          service_name: c.name,
          description: examples[0] ?? `${c.group_name} · ${c.name}（${c.name_en}）`,
          metadata: SERVICE_ATTRIBUTES.length > 0,
          type: 'realtime',
          keywords: (JSON.parse(c.keywords) as string[]).join(','),
          group: c.group_name,
        };
      });
    },

    async serviceDefinition(code: string) {
      const s = await read.serviceByCode(code);
      if (!s) {
        throw notFound('service', code);
      }
      return { service_code: s.code, attributes: SERVICE_ATTRIBUTES };
    },

    /** Files one trouble; returns the GeoReport answer with the reporter's tracking code. */
    async submit(input: {
      client: ApiClient;
      raw: Record<string, unknown>;
      idempotencyKey?: string;
    }): Promise<{ service_request_id: string; service_notice: string; account_id: string | null }> {
      const p = submitParams.parse(normaliseParams(input.raw));
      const hasLocation =
        (p.lat !== undefined && p.long !== undefined) ||
        p.address_string !== undefined ||
        p.address_id !== undefined;
      if (!hasLocation) {
        throw badRequest('open311Location');
      }
      if (p.jurisdiction_id !== undefined) {
        // The key decides the community; a jurisdiction_id that names another one is not found.
        const c = await read.communityBySlug(p.jurisdiction_id);
        if (!c || c.id !== input.client.communityId) {
          throw notFound('community', p.jurisdiction_id);
        }
      }
      const service = await read.serviceByCode(p.service_code);
      if (!service) {
        throw notFound('service', p.service_code);
      }
      const attrs = attributeValues(p.attribute);
      const name = [p.last_name, p.first_name].filter((x) => x).join('');
      const details = [
        p.address_string ? `地点：${p.address_string}` : null,
        p.lat !== undefined && p.long !== undefined ? `坐标：${p.lat},${p.long}` : null,
        p.media_url ? `图片：${p.media_url}` : null,
      ].filter((x): x is string => x !== null);
      const text = [p.description ?? `${service.group_name} · ${service.name}`, ...details].join(
        '\n',
      );
      const actor: Actor = {
        userId: null,
        role: 'system',
        displayName: `Open311 · ${input.client.label}`,
        countyId: input.client.countyId,
        communityId: input.client.communityId,
        enterpriseId: null,
        departmentId: null,
      };
      // Open311 has no idempotency header of its own: an explicit Idempotency-Key wins; otherwise
      // the same parameters through the same key on the same day are one report (a client retry).
      const key =
        input.idempotencyKey ??
        createHash('sha256')
          .update(JSON.stringify({ d: localDay(clock.now()), p }))
          .digest('base64url');
      const { trouble } = await intake({
        actor,
        body: {
          communityId: input.client.communityId,
          enterpriseId: p.address_id ?? null,
          channel: 'open311',
          body: text,
          categoryId: service.id,
          severity: attrs.severity,
          urgency: attrs.urgency,
          workersAffected: attrs.workersAffected,
          anonymous: name === '' && p.phone === undefined,
          reporterType: name === '' && p.phone === undefined ? 'anonymous' : 'worker',
          reporterName: name === '' ? null : name,
          reporterPhone: p.phone ?? null,
          attachmentIds: [],
        },
        idempotencyKey: `open311:${input.client.keyId}:${key}`.slice(0, 100),
      });
      const settings = await read.settingsOf(trouble.community_id);
      const track = new URL(`/track/${trouble.code}`, config.publicUrl).toString();
      return {
        service_request_id: trouble.id,
        service_notice: `${promiseNotice(settings)}查询码 ${trouble.code}，凭码查询进度和评价：${track}`,
        account_id: p.account_id ?? null,
      };
    },

    requests,

    async request(id: string): Promise<ServiceRequest> {
      const [one] = await requests({ ids: [id] });
      if (!one) {
        throw notFound('serviceRequest', id);
      }
      return one;
    },

    /** Admin: a new key for a community of the admin's county; the key is shown once. */
    /** A new key (shown once); its creation is in the audit trail, written with the key. */
    async createKey(input: {
      actor: Actor;
      communityId: string;
      label: string;
      ip?: string | null;
    }) {
      const countyId = input.actor.countyId ?? '';
      if (!(await keys.communityInCounty(input.communityId, countyId))) {
        throw notFound('community', input.communityId);
      }
      const key = `o311_${randomBytes(24).toString('base64url')}`;
      const id = newId();
      const keyPrefix = key.slice(0, 9);
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await createOpen311KeyRepository(trx).insert({
          id,
          communityId: input.communityId,
          keyHash: apiKeyHash(key),
          keyPrefix,
          label: input.label,
          createdBy: input.actor.userId,
          now,
        });
        await appendAudit(trx, deps.dialect, {
          actor: input.actor,
          action: 'open311.key.create',
          targetType: 'open311_api_key',
          targetId: id,
          ip: input.ip ?? null,
          outcome: 'success',
          detail: { communityId: input.communityId, label: input.label, keyPrefix },
          at: now,
        });
      });
      return { id, key, keyPrefix };
    },

    async listKeys(actor: Actor, communityId?: string) {
      return (await keys.list(actor.countyId ?? '', communityId)).map((k) => ({
        id: k.id,
        communityId: k.community_id,
        keyPrefix: k.key_prefix,
        label: k.label,
        createdAt: k.created_at,
        lastUsedAt: k.last_used_at,
        revokedAt: k.revoked_at,
      }));
    },

    /** Revokes a live key of the actor's county; the revocation is audited with it. */
    async revokeKey(actor: Actor, id: string, ip: string | null = null): Promise<void> {
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        if (!(await createOpen311KeyRepository(trx).revoke(id, actor.countyId ?? '', now))) {
          throw notFound('apiKey', id);
        }
        await appendAudit(trx, deps.dialect, {
          actor,
          action: 'open311.key.revoke',
          targetType: 'open311_api_key',
          targetId: id,
          ip,
          outcome: 'success',
          at: now,
        });
      });
    },
  };
}

export type Open311Service = ReturnType<typeof createOpen311Service>;

/** Rejects a service_request_id list that cannot hold ids (before any query). */
export function parseIdList(raw: string): string[] {
  const ids = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (
    ids.length === 0 ||
    ids.length > MAX_REQUESTS ||
    ids.some((s) => !/^[0-9A-Za-z_-]{1,40}$/.test(s))
  ) {
    throw new AppError('BAD_REQUEST', { reason: 'badInput' });
  }
  return ids;
}
