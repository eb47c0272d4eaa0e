import type { Role } from '../../shared/roles';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  communityId: string | null;
  departmentId: string | null;
  enterpriseId: string | null;
  /**
   * The deployment requires TOTP for this role (TOTP_REQUIRED_ROLES) and it is not set up yet:
   * the server answers only the auth endpoints, so the app shows the enrolment first.
   */
  mustEnrollTotp: boolean;
}

/** Body of `POST /api/v1/auth/login` and `GET /api/v1/auth/session`. */
export interface SessionResponse {
  user: SessionUser;
  csrfToken: string;
}

export interface LoginCredentials {
  username: string;
  password: string;
  /** Accounts with two-step verification: the 6-digit code, or instead a recovery code. */
  totpCode?: string;
  recoveryCode?: string;
}

/** `GET /api/v1/auth/totp`. */
export interface TotpStatus {
  enabled: boolean;
  pending: boolean;
  required: boolean;
  recoveryCodesLeft: number;
}

/** `POST /api/v1/auth/totp/setup`: the secret is shown for manual entry next to the QR code. */
export interface TotpSetup {
  secret: string;
  otpauthUri: string;
  qrDataUrl: string;
}

export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
}
