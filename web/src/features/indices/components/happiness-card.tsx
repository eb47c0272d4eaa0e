import { Empty, Flex, Progress, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import type { ApiData } from '../../../shared/use-api-data';
import { emptyTable } from '../export-table';
import type { HappinessIndex } from '../indices-types';
import type { DashboardContext } from './dashboard-context';
import { IndexCard } from './index-card';

/** 幸福指数 (0–100) with the ratings behind it. */
export function HappinessCard({
  happiness,
  context,
}: {
  happiness: ApiData<HappinessIndex>;
  context: DashboardContext;
}) {
  const { t } = useTranslation();
  const data = happiness.data;
  const ratings = data
    ? [
        {
          key: 'satisfied',
          label: t('indices.happiness.satisfied'),
          count: data.ratings.satisfied,
        },
        {
          key: 'basicallySatisfied',
          label: t('indices.happiness.basicallySatisfied'),
          count: data.ratings.basicallySatisfied,
        },
        {
          key: 'dissatisfied',
          label: t('indices.happiness.dissatisfied'),
          count: data.ratings.dissatisfied,
        },
      ]
    : [];
  const title = t('indices.happiness.title');
  return (
    <IndexCard
      id="happiness"
      title={title}
      loading={happiness.loading}
      error={happiness.error}
      onRetry={happiness.reload}
      hasData={data !== undefined}
      exports={{
        nameParts: context.nameParts,
        table: () =>
          data
            ? {
                title,
                headers: [t('indices.happiness.ratings'), t('indices.happiness.count')],
                rows: [
                  [t('indices.happiness.value'), data.value],
                  ...ratings.map((r) => [r.label, r.count]),
                ],
              }
            : emptyTable(title),
      }}
    >
      {data?.value === null || data?.value === undefined ? (
        <Empty description={t('indices.happiness.noRatings')} />
      ) : (
        <Flex vertical gap="small">
          <Statistic title={t('indices.happiness.value')} value={data.value} precision={1} />
          <Progress percent={data.value} showInfo={false} strokeColor="#52c41a" />
          <Flex gap="large" wrap>
            {ratings.map((r) => (
              <Typography.Text key={r.key} type="secondary">
                {r.label} {r.count}
              </Typography.Text>
            ))}
          </Flex>
        </Flex>
      )}
    </IndexCard>
  );
}
