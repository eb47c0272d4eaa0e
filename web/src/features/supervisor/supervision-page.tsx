import { Alert, Card, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { describeError } from '../../shared/error-message';
import { useApiData } from '../../shared/use-api-data';
import { ProblemDrawer } from '../problems/problem-drawer';
import { ProblemQueueTable } from '../problems/problem-queue-table';
import { problemsApi } from '../problems/problems-api';
import { useDrawerParams } from '../problems/use-drawer-params';
import { ExtensionsTable } from './extensions-table';
import { OrdersTable } from './orders-table';
import { RankingsCard } from './rankings-card';
import {
  communityOverview,
  type CommunityRow,
  escalated,
  isSupervisionTab,
  SUPERVISION_TABS,
  type SupervisionTab,
} from './supervision-overview';

/** 督办: every community in scope, overdue and escalated problems, 督办单, extensions, rankings. */
export function SupervisionPage() {
  const { t } = useTranslation();
  const view = useDrawerParams<SupervisionTab>(isSupervisionTab, 'communities');
  const [version, setVersion] = useState(0);
  const reload = () => setVersion((v) => v + 1);
  const running = useApiData(`running:${version}`, (signal) =>
    problemsApi.queue({ status: ['open', 'dispatched', 'in_progress'], limit: 200 }, signal),
  );
  const communities = useApiData('communities', (signal) => problemsApi.communities(signal));
  const orders = useApiData(view.tab === 'orders' ? `orders:${version}` : null, (signal) =>
    problemsApi.supervisionOrders(undefined, signal),
  );
  const extensions = useApiData(`extensions:${version}`, (signal) =>
    problemsApi.extensions(signal),
  );
  const items = running.data ?? [];
  const overdue = items.filter((p) => p.overdueKind !== null);
  const error = running.error ?? communities.error ?? orders.error ?? extensions.error;

  const body = () => {
    switch (view.tab) {
      case 'communities':
        return (
          <Table<CommunityRow>
            rowKey="id"
            loading={running.loading || communities.loading}
            dataSource={communityOverview(communities.data ?? [], items)}
            pagination={false}
            columns={[
              { title: t('supervision.communities.name'), dataIndex: 'name' },
              { title: t('supervision.communities.active'), dataIndex: 'active', align: 'right' },
              {
                title: t('supervision.communities.overdue'),
                dataIndex: 'overdue',
                align: 'right',
                render: (n: number) => <span className={n > 0 ? 'due-overdue' : ''}>{n}</span>,
              },
              {
                title: t('supervision.communities.escalated'),
                dataIndex: 'escalated',
                align: 'right',
              },
              { title: t('supervision.communities.p1'), dataIndex: 'p1', align: 'right' },
            ]}
          />
        );
      case 'overdue':
        return (
          <ProblemQueueTable items={overdue} loading={running.loading} onOpen={view.openProblem} />
        );
      case 'escalated':
        return (
          <ProblemQueueTable
            items={escalated(items)}
            loading={running.loading}
            onOpen={view.openProblem}
            extraColumns={[
              {
                title: t('supervision.escalationLevel'),
                dataIndex: 'escalationLevel',
                width: 90,
                align: 'right',
              },
            ]}
          />
        );
      case 'orders':
        return (
          <OrdersTable
            items={orders.data ?? []}
            loading={orders.loading}
            onOpen={view.openProblem}
            onChanged={reload}
          />
        );
      case 'extensions':
        return (
          <ExtensionsTable
            items={extensions.data ?? []}
            loading={extensions.loading}
            onOpen={view.openProblem}
            onDecided={reload}
          />
        );
      case 'rankings':
        return <RankingsCard />;
    }
  };

  const count = (tab: SupervisionTab) => {
    switch (tab) {
      case 'overdue':
        return overdue.length;
      case 'escalated':
        return escalated(items).length;
      case 'extensions':
        return extensions.data?.length ?? 0;
      case 'communities':
      case 'orders':
      case 'rankings':
        return null;
    }
  };

  return (
    <Card className="work-page">
      <Typography.Title level={3} className="page-title">
        {t('supervision.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('supervision.subtitle')}</Typography.Paragraph>
      {error !== undefined && (
        <Alert type="error" showIcon title={describeError(error, t)} className="form-alert" />
      )}
      <Tabs
        activeKey={view.tab}
        onChange={(key) => view.setTab(key as SupervisionTab)}
        items={SUPERVISION_TABS.map((tab) => {
          const n = count(tab);
          return {
            key: tab,
            label:
              n === null ? t(`supervision.tabs.${tab}`) : `${t(`supervision.tabs.${tab}`)} (${n})`,
          };
        })}
      />
      {body()}
      <ProblemDrawer problemId={view.problemId} onClose={view.closeDrawer} onChanged={reload} />
    </Card>
  );
}
