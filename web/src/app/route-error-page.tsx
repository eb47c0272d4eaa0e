import { Button, Result } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';

import { NotFoundPage } from '../pages/not-found-page';

/** Router error boundary: 404s get the not-found page, anything else a reload prompt. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();

  useEffect(() => {
    console.error(error);
  }, [error]);

  if (isRouteErrorResponse(error) && error.status === 404) {
    return <NotFoundPage />;
  }
  return (
    <Result
      status="error"
      title={t('errors.routeError.title')}
      subTitle={t('errors.routeError.description')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('errors.retry')}
        </Button>
      }
    />
  );
}
