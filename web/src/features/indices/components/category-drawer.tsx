import { Alert, Drawer, Table, type TableColumnsType, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { describeError } from '../../../shared/error-message';
import { useApiData } from '../../../shared/use-api-data';
import { formatDateTime, formatPeriodLabel } from '../format';
import { DRILL_DOWN_LIMIT, indicesApi } from '../indices-api';
import type { ProblemListItem, TroubleListItem } from '../indices-types';
import type { DashboardContext, SelectedCategory } from './dashboard-context';

/** Drill-down: the problems and troubles of one category in the dashboard's period. */
export function CategoryDrawer({
  category,
  context,
  onClose,
}: {
  category: SelectedCategory | null;
  context: DashboardContext;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { scope, period, language } = context;
  const scopeKey = scope.kind === 'county' ? 'county' : scope.communityId;
  const key = category ? `${category.id}|${scopeKey}|${period.from}|${period.to}` : null;
  const problems = useApiData(key && `problems|${key}`, (signal) =>
    indicesApi.problems(category?.id ?? '', scope, period, signal),
  );
  const troubles = useApiData(key && `troubles|${key}`, (signal) =>
    indicesApi.troubles(category?.id ?? '', scope, period, signal),
  );

  const problemColumns: TableColumnsType<ProblemListItem> = [
    { title: t('indices.drawer.code'), dataIndex: 'code', width: 130 },
    { title: t('indices.drawer.subject'), dataIndex: 'title', ellipsis: true },
    {
      title: t('indices.drawer.status'),
      dataIndex: 'status',
      width: 110,
      render: (_, p) => (
        <>
          {t(`enums.problemStatus.${p.status}`)}
          {p.overdueKind !== null && (
            <Tag color="red" className="drawer-overdue-tag">
              {t(`enums.overdueKind.${p.overdueKind}`)}
            </Tag>
          )}
        </>
      ),
    },
    {
      title: t('indices.drawer.priority'),
      dataIndex: 'priority',
      width: 90,
      render: (_, p) => t(`enums.priority.${p.priority}`),
    },
    { title: t('indices.drawer.troubleCount'), dataIndex: 'troubleCount', width: 80 },
    {
      title: t('indices.drawer.receivedAt'),
      dataIndex: 'receivedAt',
      width: 150,
      render: (ms: number) => formatDateTime(ms),
    },
  ];
  const troubleColumns: TableColumnsType<TroubleListItem> = [
    { title: t('indices.drawer.code'), dataIndex: 'code', width: 130 },
    { title: t('indices.drawer.subject'), dataIndex: 'title', ellipsis: true },
    {
      title: t('indices.drawer.category'),
      dataIndex: 'category',
      width: 120,
      render: (_, r) => r.category?.name ?? '—',
    },
    {
      title: t('indices.drawer.channel'),
      dataIndex: 'channel',
      width: 100,
      render: (_, r) => t(`enums.channel.${r.channel}`),
    },
    {
      title: t('indices.drawer.status'),
      dataIndex: 'status',
      width: 100,
      render: (_, r) => t(`enums.troubleStatus.${r.status}`),
    },
    {
      title: t('indices.drawer.enterprise'),
      dataIndex: 'enterprise',
      ellipsis: true,
      render: (_, r) => r.enterprise?.name ?? '—',
    },
    {
      title: t('indices.drawer.receivedAt'),
      dataIndex: 'receivedAt',
      width: 150,
      render: (ms: number) => formatDateTime(ms),
    },
  ];

  const errorOf = (error: unknown) =>
    error === undefined ? null : (
      <Alert
        type="error"
        showIcon
        title={t('indices.loadFailed')}
        description={describeError(error, t)}
      />
    );
  const problemItems = problems.data ?? [];
  const troubleItems = troubles.data ?? [];

  return (
    <Drawer
      open={category !== null}
      onClose={onClose}
      size="min(1040px, 100vw)"
      className="category-drawer"
      title={
        category === null
          ? ''
          : t('indices.drawer.title', {
              category: category.label,
              period: formatPeriodLabel(period, language),
            })
      }
    >
      <Tabs
        items={[
          {
            key: 'problems',
            label: problems.data
              ? t('indices.drawer.problems', { count: problemItems.length })
              : t('indices.drawer.problemsTab'),
            children: errorOf(problems.error) ?? (
              <Table<ProblemListItem>
                size="small"
                rowKey="id"
                loading={problems.loading}
                columns={problemColumns}
                dataSource={problemItems}
                pagination={{ pageSize: 20, size: 'small', hideOnSinglePage: true }}
                locale={{ emptyText: t('indices.drawer.empty') }}
                scroll={{ x: 720 }}
              />
            ),
          },
          {
            key: 'troubles',
            label: troubles.data
              ? t('indices.drawer.troubles', { count: troubleItems.length })
              : t('indices.drawer.troublesTab'),
            children: errorOf(troubles.error) ?? (
              <Table<TroubleListItem>
                size="small"
                rowKey="id"
                loading={troubles.loading}
                columns={troubleColumns}
                dataSource={troubleItems}
                pagination={{ pageSize: 20, size: 'small', hideOnSinglePage: true }}
                locale={{ emptyText: t('indices.drawer.empty') }}
                scroll={{ x: 860 }}
              />
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary">
        {t('indices.drawer.limitNote', { limit: DRILL_DOWN_LIMIT })}
      </Typography.Paragraph>
    </Drawer>
  );
}
