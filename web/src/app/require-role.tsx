import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Outlet, useNavigate } from 'react-router';

import type { Role } from '../../../common/enums';
import { useCurrentUser } from '../features/auth/use-current-user';
import { paths } from './paths';

/**
 * Shows child routes only to the given roles (a convenience: the server refuses the API calls
 * of any other role anyway).
 */
export function RequireRole({ roles }: { roles: readonly Role[] }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const navigate = useNavigate();
  if (!roles.includes(user.role)) {
    return (
      <Result
        status="403"
        title={t('errors.forbidden.title')}
        subTitle={t('errors.forbidden.description')}
        extra={
          <Button type="primary" onClick={() => void navigate(paths.home)}>
            {t('errors.backHome')}
          </Button>
        }
      />
    );
  }
  return <Outlet />;
}
