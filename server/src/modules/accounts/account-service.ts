import type { Role } from '../../../../common/enums';
import type { Deps } from '../../deps';
import type { Actor } from '../../shared/actor';
import { createAuditWriter } from '../../shared/audit';
import { AppError, notFound, ruleViolation } from '../../shared/errors';
import { newId } from '../../shared/ids';
import {
  assertPasswordAcceptable,
  dummyPasswordHash,
  hashPassword,
  verifyPassword,
} from './password';
import { createSessionRepository, newSessionToken } from './session-repository';
import { createTotpService, type SecondFactor, totpRequiredFor } from './totp-service';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  countyId: string;
  communityId: string | null;
  enterpriseId: string | null;
  departmentId: string | null;
  mustChangePassword: boolean;
  /**
   * The role must use TOTP (TOTP_REQUIRED_ROLES) and the user has not enrolled: the session may
   * only use `session` routes (the auth endpoints) until enrolment is confirmed.
   */
  mustEnrollTotp: boolean;
}

export interface ResolvedSession {
  sessionId: string;
  csrfToken: string;
  user: SessionUser;
}

type AccountDeps = Pick<Deps, 'db' | 'dialect' | 'clock' | 'config' | 'crypto'>;

export function toActor(user: SessionUser): Actor {
  return {
    userId: user.id,
    role: user.role,
    displayName: user.displayName,
    countyId: user.countyId,
    communityId: user.communityId,
    enterpriseId: user.enterpriseId,
    departmentId: user.departmentId,
  };
}

export function createAccountService(deps: AccountDeps) {
  const { db, clock, config } = deps;
  const audit = createAuditWriter(deps);
  const sessions = createSessionRepository(db);
  const totp = createTotpService(deps);
  const toSessionUser = (u: UserRow) => sessionUserOf(u, config.totpRequiredRoles);

  return {
    totp,

    /**
     * Verifies credentials and opens a session. After 5 failures the account is locked for
     * 15 minutes (等保 login-failure handling) without revealing whether the user exists.
     * A user with TOTP enabled also needs a current code or a recovery code: the password is
     * checked first (a wrong one is INVALID_CREDENTIALS whatever the code), then a missing code
     * answers TOTP_REQUIRED and a wrong, replayed or burnt one TOTP_INVALID, counted as a failed
     * login.
     */
    async login(
      input: {
        username: string;
        password: string;
        ip: string | null;
        userAgent: string | null;
      } & SecondFactor,
    ): Promise<{ token: string; session: ResolvedSession }> {
      const now = clock.now();
      const user = await db
        .selectFrom('users')
        .selectAll()
        .where('username', '=', input.username)
        .executeTakeFirst();
      if (!user || user.active !== 1) {
        await verifyPassword(await dummyPasswordHash(), input.password);
        await audit(null, 'auth.login', 'failure', input.ip, { username: input.username });
        throw new AppError('INVALID_CREDENTIALS');
      }
      if (user.locked_until !== null && user.locked_until > now) {
        await audit(null, 'auth.login', 'failure', input.ip, {
          username: input.username,
          locked: true,
        });
        throw new AppError('ACCOUNT_LOCKED', {
          minutes: Math.ceil((user.locked_until - now) / 60_000),
        });
      }
      if (!(await verifyPassword(user.password_hash, input.password))) {
        await totp.recordLoginFailure(user);
        await audit(null, 'auth.login', 'failure', input.ip, { username: input.username });
        throw new AppError('INVALID_CREDENTIALS');
      }
      let factor: 'totp' | 'recovery' | null = null;
      if (user.totp_enabled_at !== null) {
        if (input.totpCode === undefined && input.recoveryCode === undefined) {
          throw new AppError('TOTP_REQUIRED');
        }
        factor = await totp.verifyLogin(user, input);
        if (factor === null) {
          await totp.recordLoginFailure(user);
          await audit(null, 'auth.login', 'failure', input.ip, {
            username: input.username,
            factor: input.totpCode === undefined ? 'recovery' : 'totp',
          });
          throw new AppError('TOTP_INVALID');
        }
      }
      const token = newSessionToken();
      const csrfToken = await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('users')
          .set({ failed_logins: 0, locked_until: null })
          .where('id', '=', user.id)
          .execute();
        return createSessionRepository(trx).insert({
          token,
          userId: user.id,
          now,
          idleMs: config.sessionIdleMs,
          absoluteMs: config.sessionAbsoluteMs,
          ip: input.ip,
          userAgent: input.userAgent,
        });
      });
      const sessionUser = toSessionUser(user);
      await audit(
        toActor(sessionUser),
        'auth.login',
        'success',
        input.ip,
        factor === null ? undefined : { factor },
      );
      const resolved = await sessions.findLive(token, now);
      return {
        token,
        session: { sessionId: resolved!.sessionId, csrfToken, user: sessionUser },
      };
    },

    /** The session behind a cookie token, sliding its idle expiry; undefined when expired. */
    async resolve(token: string): Promise<ResolvedSession | undefined> {
      const now = clock.now();
      const row = await sessions.findLive(token, now);
      if (!row) {
        return undefined;
      }
      // Slide the idle window at most once a minute to keep reads cheap.
      const fresh = now + config.sessionIdleMs;
      if (fresh - row.idleExpiresAt > 60_000) {
        await sessions.touch(row.sessionId, fresh);
      }
      return { sessionId: row.sessionId, csrfToken: row.csrfToken, user: toSessionUser(row) };
    },

    async logout(sessionId: string, actor: Actor, ip: string | null): Promise<void> {
      await sessions.delete(sessionId);
      await audit(actor, 'auth.logout', 'success', ip);
    },

    /** Changes the password after checking the current one; ends every other session. */
    async changePassword(input: {
      actor: Actor;
      sessionId: string;
      currentPassword: string;
      newPassword: string;
      ip: string | null;
    }): Promise<void> {
      const user = await db
        .selectFrom('users')
        .select(['id', 'password_hash'])
        .where('id', '=', input.actor.userId ?? '')
        .executeTakeFirst();
      if (!user) {
        throw new AppError('UNAUTHENTICATED');
      }
      if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
        await audit(input.actor, 'auth.passwordChange', 'failure', input.ip);
        throw ruleViolation('currentPasswordWrong');
      }
      if (input.currentPassword === input.newPassword) {
        throw ruleViolation('passwordReused');
      }
      assertPasswordAcceptable(input.newPassword);
      const passwordHash = await hashPassword(input.newPassword);
      await db
        .updateTable('users')
        .set({
          password_hash: passwordHash,
          must_change_password: 0,
          password_changed_at: clock.now(),
          updated_at: clock.now(),
        })
        .where('id', '=', user.id)
        .execute();
      await sessions.deleteForUser(user.id, input.sessionId);
      await audit(input.actor, 'auth.passwordChange', 'success', input.ip);
    },

    /**
     * Creates a user (admin and CLI). The role's scope must be given. The role is set here and
     * nowhere else (there is no role change), so `user.create` with its role in the audit trail
     * is where an auditor finds every grant — an admin creating an auditor account included.
     */
    async createUser(input: {
      actor: Actor | null;
      ip?: string | null;
      username: string;
      displayName: string;
      password: string;
      role: Role;
      countyId: string;
      communityId?: string | null;
      enterpriseId?: string | null;
      departmentId?: string | null;
      mustChangePassword?: boolean;
      skipPolicy?: boolean;
    }): Promise<SessionUser> {
      assertScopeForRole(input);
      await assertScopeExists(input);
      if (!input.skipPolicy) {
        assertPasswordAcceptable(input.password);
      }
      const existing = await db
        .selectFrom('users')
        .select('id')
        .where('username', '=', input.username)
        .executeTakeFirst();
      if (existing) {
        throw ruleViolation('usernameTaken');
      }
      const now = clock.now();
      const id = newId();
      await db
        .insertInto('users')
        .values({
          id,
          username: input.username,
          display_name: input.displayName,
          password_hash: await hashPassword(input.password),
          role: input.role,
          county_id: input.countyId,
          community_id: input.communityId ?? null,
          enterprise_id: input.enterpriseId ?? null,
          department_id: input.departmentId ?? null,
          phone_enc: null,
          active: 1,
          must_change_password: input.mustChangePassword ? 1 : 0,
          failed_logins: 0,
          locked_until: null,
          password_changed_at: now,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await audit(
        input.actor,
        'user.create',
        'success',
        input.ip ?? null,
        { userId: id, username: input.username, role: input.role },
        { type: 'user', id },
      );
      const user = await db
        .selectFrom('users')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return toSessionUser(user);
    },

    /** Users of the admin's county (the deployment). */
    async listUsers(
      actor: Actor,
      filter: { role?: Role; communityId?: string; limit: number; offset: number },
    ) {
      const rows = await db
        .selectFrom('users')
        .selectAll()
        .where('county_id', '=', actor.countyId ?? '')
        .$if(filter.role !== undefined, (qb) => qb.where('role', '=', filter.role!))
        .$if(filter.communityId !== undefined, (qb) =>
          qb.where('community_id', '=', filter.communityId!),
        )
        .orderBy('username')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute();
      return rows.map((u) => ({
        ...toSessionUser(u),
        active: u.active === 1,
        totpEnabled: u.totp_enabled_at !== null,
      }));
    },

    /** Activates or deactivates a user; deactivation ends every session at once (ASVS 7.4.2). */
    async setActive(input: {
      actor: Actor;
      userId: string;
      active: boolean;
      ip?: string | null;
    }): Promise<void> {
      const result = await db
        .updateTable('users')
        .set({ active: input.active ? 1 : 0, updated_at: clock.now() })
        .where('id', '=', input.userId)
        .where('county_id', '=', input.actor.countyId ?? '')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) {
        throw notFound('user', input.userId);
      }
      if (!input.active) {
        await sessions.deleteForUser(input.userId);
      }
      await audit(
        input.actor,
        input.active ? 'user.activate' : 'user.deactivate',
        'success',
        input.ip ?? null,
        { userId: input.userId },
        { type: 'user', id: input.userId },
      );
    },

    /** Admin password reset: the user must change it at next login. */
    async resetPassword(input: {
      actor: Actor;
      userId: string;
      password: string;
      ip?: string | null;
    }): Promise<void> {
      assertPasswordAcceptable(input.password);
      const result = await db
        .updateTable('users')
        .set({
          password_hash: await hashPassword(input.password),
          must_change_password: 1,
          failed_logins: 0,
          locked_until: null,
          password_changed_at: clock.now(),
          updated_at: clock.now(),
        })
        .where('id', '=', input.userId)
        .where('county_id', '=', input.actor.countyId ?? '')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) {
        throw notFound('user', input.userId);
      }
      await sessions.deleteForUser(input.userId);
      await audit(
        input.actor,
        'user.resetPassword',
        'success',
        input.ip ?? null,
        { userId: input.userId },
        { type: 'user', id: input.userId },
      );
    },
  };

  /** The community, enterprise and department of a new user must exist within its county. */
  async function assertScopeExists(input: {
    countyId: string;
    communityId?: string | null;
    enterpriseId?: string | null;
    departmentId?: string | null;
  }): Promise<void> {
    if (input.communityId) {
      const c = await db
        .selectFrom('communities')
        .select('county_id')
        .where('id', '=', input.communityId)
        .executeTakeFirst();
      if (c?.county_id !== input.countyId) {
        throw notFound('community', input.communityId);
      }
    }
    if (input.enterpriseId) {
      const e = await db
        .selectFrom('enterprises')
        .select('community_id')
        .where('id', '=', input.enterpriseId)
        .executeTakeFirst();
      if (!e || e.community_id !== input.communityId) {
        throw notFound('enterprise', input.enterpriseId);
      }
    }
    if (input.departmentId) {
      const d = await db
        .selectFrom('departments')
        .select('county_id')
        .where('id', '=', input.departmentId)
        .executeTakeFirst();
      if (d?.county_id !== input.countyId) {
        throw notFound('department', input.departmentId);
      }
    }
  }
}

export type AccountService = ReturnType<typeof createAccountService>;

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  county_id: string;
  community_id: string | null;
  enterprise_id: string | null;
  department_id: string | null;
  must_change_password: number;
  totp_enabled_at: number | null;
}

function sessionUserOf(u: UserRow, totpRequiredRoles: readonly Role[]): SessionUser {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    countyId: u.county_id,
    communityId: u.community_id,
    enterpriseId: u.enterprise_id,
    departmentId: u.department_id,
    mustChangePassword: u.must_change_password === 1,
    mustEnrollTotp: u.totp_enabled_at === null && totpRequiredFor(u.role, totpRequiredRoles),
  };
}

function assertScopeForRole(input: {
  role: Role;
  communityId?: string | null;
  enterpriseId?: string | null;
  departmentId?: string | null;
}): void {
  const needs: Record<Role, boolean> = {
    worker: false,
    enterprise: !input.enterpriseId || !input.communityId,
    staff: !input.communityId,
    department: !input.departmentId,
    supervisor: false,
    admin: false,
    auditor: false,
  };
  if (needs[input.role]) {
    throw ruleViolation('scopeRequired');
  }
}
