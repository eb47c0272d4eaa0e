import { FireFilled } from '@ant-design/icons';
import { Empty, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

import { useApiData } from '../../../shared/use-api-data';
import { dataApi, type HotProblem } from '../../data-pages/data-api';
import { emptyTable } from '../export-table';
import type { DashboardContext } from './dashboard-context';
import { IndexCard } from './index-card';

const HOT_LIMIT = 10;
const day = (ms: number | null) => (ms === null ? '—' : dayjs(ms).format('MM-DD'));

/** 热点问题: the period's problems ranked by heat (`GET /indices/hot-problems`). */
export function HotProblemsCard({ context }: { context: DashboardContext }) {
  const { t } = useTranslation();
  const { scope, period } = context;
  const community = scope.kind === 'community' ? scope.communityId : undefined;
  const hot = useApiData(`hot|${community ?? 'county'}|${period.from}|${period.to}`, (signal) =>
    dataApi.hotProblems({ community, from: period.from, to: period.to, limit: HOT_LIMIT }, signal),
  );
  const items = hot.data?.items ?? [];
  const title = t('data.hot.title');
  const place = (h: HotProblem) =>
    [scope.kind === 'county' ? h.communityName : null, ...h.enterprises.map((e) => e.name)]
      .filter(Boolean)
      .join('、') || '—';
  const range = (h: HotProblem) => `${day(h.firstAt)} ~ ${day(h.lastAt)}`;
  return (
    <IndexCard
      id="hot-problems"
      title={
        <span>
          <FireFilled className="hot-icon" /> {title}{' '}
          <Typography.Text type="secondary" className="hot-subtitle">
            {t('data.hot.subtitle')}
          </Typography.Text>
        </span>
      }
      loading={hot.loading && hot.data === undefined}
      error={hot.error}
      onRetry={hot.reload}
      hasData={hot.data !== undefined}
      exports={{
        nameParts: context.nameParts,
        table: () =>
          hot.data
            ? {
                title,
                headers: [
                  t('data.hot.rank'),
                  t('data.hot.problem'),
                  t('data.hot.heat'),
                  t('data.hot.reporters'),
                  t('data.hot.messages'),
                  t('data.hot.growth'),
                  t('data.hot.place'),
                  t('data.hot.range'),
                ],
                rows: items.map((h) => [
                  h.rank,
                  `${h.code} ${h.title}`,
                  h.heat,
                  h.reporters,
                  h.messages,
                  h.growth,
                  place(h),
                  range(h),
                ]),
              }
            : emptyTable(title),
      }}
    >
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('data.hot.empty')} />
      ) : (
        <Table<HotProblem>
          size="small"
          rowKey="problemId"
          className="hot-problems-table"
          dataSource={items}
          pagination={false}
          scroll={{ x: 760 }}
          columns={[
            {
              title: t('data.hot.rank'),
              dataIndex: 'rank',
              width: 56,
              render: (r: number) => <Tag color={r <= 3 ? 'volcano' : 'default'}>{r}</Tag>,
            },
            {
              title: t('data.hot.problem'),
              key: 'title',
              render: (_, h) => (
                <span>
                  <Typography.Text type="secondary">{h.code}</Typography.Text> {h.title}
                </span>
              ),
            },
            {
              title: t('data.hot.heat'),
              dataIndex: 'heat',
              width: 80,
              align: 'right',
              render: (v: number) => <Typography.Text strong>{v.toFixed(1)}</Typography.Text>,
            },
            {
              title: t('data.hot.reporters'),
              dataIndex: 'reporters',
              width: 84,
              align: 'right',
            },
            {
              title: t('data.hot.growth'),
              dataIndex: 'growth',
              width: 84,
              align: 'right',
              render: (g: number) => (
                <Typography.Text type={g > 0 ? 'danger' : g < 0 ? 'success' : 'secondary'}>
                  {g > 0 ? '+' : ''}
                  {Math.round(g * 100)}%
                </Typography.Text>
              ),
            },
            {
              title: t('data.hot.place'),
              key: 'place',
              width: 260,
              ellipsis: { showTitle: false },
              render: (_, h) => (
                <Tooltip title={place(h)}>
                  <span>{place(h)}</span>
                </Tooltip>
              ),
            },
            {
              title: t('data.hot.range'),
              key: 'range',
              width: 150,
              render: (_, h) => (
                <span>
                  {range(h)}{' '}
                  <Typography.Text type="secondary">
                    {t('data.hot.days', { count: Math.round(h.spanDays) })}
                  </Typography.Text>
                </span>
              ),
            },
          ]}
        />
      )}
    </IndexCard>
  );
}
