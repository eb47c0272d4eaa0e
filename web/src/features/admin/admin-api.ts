import type { Role } from '../../../../common/enums';
import { api } from '../../shared/api';
import type { CategoryNode, Community, Department, SlaSettings } from '../problems/problem-types';
import type { CalendarDay } from './calendar-file';

const V1 = '/api/v1';

/** Drops empty optional form fields so that the server's strict schemas accept the body. */
export function compact<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(
      ([, v]) => v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === ''),
    ),
  ) as Partial<T>;
}

export interface Enterprise {
  id: string;
  communityId: string;
  name: string;
  industry: string;
  size: 'micro' | 'small' | 'medium' | 'large';
  employeeCount: number;
  contactName: string | null;
  contactPhoneMasked: string | null;
  address: string | null;
  active: boolean;
}

export interface AdminUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  countyId: string;
  communityId: string | null;
  enterpriseId: string | null;
  departmentId: string | null;
  mustChangePassword: boolean;
  active: boolean;
  /** Two-step verification (TOTP) is on. */
  totpEnabled: boolean;
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  communityId?: string | null;
  departmentId?: string | null;
  enterpriseId?: string | null;
}

export interface CalendarYear {
  year: number;
  covered: boolean;
  source: string | null;
  days: (CalendarDay & { source: string })[];
}

export type CategoryInput = Pick<CategoryNode, 'name' | 'nameEn' | 'keywords' | 'sort'> & {
  parentId?: string | null;
  code?: string;
  active?: boolean;
};

/** The admin endpoints: directory, users, taxonomy, the promise settings and the calendar. */
export const adminApi = {
  createCommunity: (body: { slug: string; name: string; codePrefix: string }) =>
    api.post<Community>(`${V1}/communities`, body),
  enterprises: (communityId: string, q: string, signal?: AbortSignal) =>
    api
      .get<{ items: Enterprise[] }>(`${V1}/enterprises`, {
        query: { communityId, q: q.trim() === '' ? undefined : q.trim(), limit: 200 },
        ...(signal ? { signal } : {}),
      })
      .then((r) => r.items),
  createEnterprise: (body: Record<string, unknown>) =>
    api.post<Enterprise>(`${V1}/enterprises`, body),
  updateEnterprise: (id: string, body: Record<string, unknown>) =>
    api.patch<Enterprise>(`${V1}/enterprises/${id}`, body),
  createDepartment: (body: { name: string; shortName: string }) =>
    api.post<Department>(`${V1}/departments`, body),
  updateDepartment: (id: string, body: { name?: string; shortName?: string; active?: boolean }) =>
    api.patch<Department>(`${V1}/departments/${id}`, body),
  users: (role: Role | undefined, signal?: AbortSignal) =>
    api
      .get<{ items: AdminUser[] }>(`${V1}/users`, {
        query: { role, limit: 200 },
        ...(signal ? { signal } : {}),
      })
      .then((r) => r.items),
  createUser: (body: NewUser) => api.post<AdminUser>(`${V1}/users`, body),
  setUserActive: (id: string, active: boolean) =>
    api.post<null>(`${V1}/users/${id}/active`, { active }),
  resetPassword: (id: string, password: string) =>
    api.post<null>(`${V1}/users/${id}/password`, { password }),
  /** Turns the user's TOTP off (a lost phone) and ends their sessions. */
  resetTotp: (id: string) => api.post<null>(`${V1}/users/${id}/totp/reset`),
  createCategory: (body: CategoryInput) => api.post<CategoryNode>(`${V1}/categories`, body),
  updateCategory: (id: string, body: Partial<CategoryInput>) =>
    api.patch<CategoryNode>(`${V1}/categories/${id}`, body),
  updateSla: (communityId: string, body: Omit<SlaSettings, 'communityId'>) =>
    api.put<SlaSettings>(`${V1}/communities/${communityId}/sla`, body),
  calendar: (year: number, signal?: AbortSignal) =>
    api.get<CalendarYear>(`${V1}/calendar/${year}`, signal ? { signal } : {}),
  loadCalendarYear: (year: number, source: string, days: CalendarDay[]) =>
    api.put<null>(`${V1}/calendar/${year}`, { source, days }),
  deleteCalendarDay: (day: string) => api.delete<null>(`${V1}/calendar/days/${day}`),
};
