import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';

import type { LoginLocationState } from '../features/auth/login-location-state';
import { TotpEnrollmentGate } from '../features/auth/totp-enrollment-gate';
import { useAuth } from '../features/auth/use-auth';
import { describeError } from '../shared/error-message';
import { FullPageSpinner } from './components/full-page-spinner';
import { PublicLayout } from './layouts/public-layout';
import { paths } from './paths';

/**
 * Route guard: renders child routes only for a logged-in user, else redirects to `/login`; a
 * user who must set up two-step verification first sees the enrolment instead.
 */
export function RequireAuth() {
  const { t } = useTranslation();
  const { state, refresh } = useAuth();
  const location = useLocation();

  switch (state.status) {
    case 'loading':
      return <FullPageSpinner />;
    case 'error':
      return (
        <Result
          status="warning"
          title={t('errors.sessionLoadFailed')}
          subTitle={describeError(state.error, t)}
          extra={
            <Button type="primary" onClick={() => void refresh()}>
              {t('errors.retry')}
            </Button>
          }
        />
      );
    case 'anonymous': {
      const loginState: LoginLocationState = {
        from: `${location.pathname}${location.search}${location.hash}`,
        ...(state.sessionExpired ? { reason: 'session-expired' } : {}),
      };
      return <Navigate to={paths.login} replace state={loginState} />;
    }
    case 'authenticated':
      // TOTP_REQUIRED_ROLES: two-step verification is set up before anything else.
      return state.user.mustEnrollTotp ? (
        <PublicLayout>
          <TotpEnrollmentGate />
        </PublicLayout>
      ) : (
        <Outlet />
      );
  }
}
