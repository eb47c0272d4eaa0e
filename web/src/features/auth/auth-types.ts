import type { Role } from '../../shared/roles';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  communityId: string | null;
  departmentId: string | null;
  enterpriseId: string | null;
}

/** Body of `POST /api/v1/auth/login` and `GET /api/v1/auth/session`. */
export interface SessionResponse {
  user: SessionUser;
  csrfToken: string;
}

export interface LoginCredentials {
  username: string;
  password: string;
}

export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
}
