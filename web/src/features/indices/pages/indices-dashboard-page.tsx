import '../indices.css';

import { Button, Result } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

import { FullPageSpinner } from '../../../app/components/full-page-spinner';
import { describeError } from '../../../shared/error-message';
import { useApiData } from '../../../shared/use-api-data';
import { useCurrentUser } from '../../auth/use-current-user';
import { DashboardBody } from '../components/dashboard-body';
import {
  readDashboardSearch,
  resolveDashboardView,
  writeDashboardSearch,
} from '../dashboard-search';
import { indicesApi } from '../indices-api';

/**
 * 指数看板 (`/indices`): scope and period come from the URL (`?community=baohua&month=2023-09`,
 * see dashboard-search.ts), so a link reproduces the view.
 */
export function IndicesDashboardPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const [now] = useState(() => Date.now());
  const communities = useApiData('communities', (signal) => indicesApi.communities(signal));

  const view =
    communities.data === undefined
      ? null
      : resolveDashboardView(readDashboardSearch(params), {
          communities: communities.data,
          role: user.role,
          ownCommunityId: user.communityId,
          now,
        });
  const canonical = view === null ? null : writeDashboardSearch(view).toString();

  // Write the resolved view back so that the address bar always names what is shown.
  useEffect(() => {
    if (canonical !== null && canonical !== params.toString()) {
      setParams(new URLSearchParams(canonical), { replace: true });
    }
  }, [canonical, params, setParams]);

  if (communities.error !== undefined) {
    return (
      <Result
        status="warning"
        title={t('indices.loadFailed')}
        subTitle={describeError(communities.error, t)}
        extra={
          <Button type="primary" onClick={communities.reload}>
            {t('errors.retry')}
          </Button>
        }
      />
    );
  }
  if (communities.data === undefined) {
    return <FullPageSpinner />;
  }
  if (view === null) {
    return <Result status="info" title={t('indices.scope.noCommunity')} />;
  }
  return (
    <DashboardBody
      view={view}
      communities={communities.data}
      role={user.role}
      now={now}
      onViewChange={(next) => setParams(writeDashboardSearch(next), { replace: true })}
    />
  );
}
