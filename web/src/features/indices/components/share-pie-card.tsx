import { Empty } from 'antd';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';

import { EChart } from '../../../shared/charts/echart';
import type { ChartInstance } from '../../../shared/charts/echarts-core';
import type { ApiData } from '../../../shared/use-api-data';
import { rankingBars } from '../charts/ranking-option';
import { sharePieOption } from '../charts/share-pie-option';
import { emptyTable } from '../export-table';
import { categoryLabel } from '../format';
import type { TroubleIndex } from '../indices-types';
import type { DashboardContext, SelectedCategory } from './dashboard-context';
import { IndexCard } from './index-card';

/** Pie of the first-level categories' shares. */
export function SharePieCard({
  index,
  context,
  onSelect,
}: {
  index: ApiData<TroubleIndex>;
  context: DashboardContext;
  onSelect: (category: SelectedCategory) => void;
}) {
  const { t } = useTranslation();
  const chartRef = useRef<ChartInstance | null>(null);
  const { language, colorOf } = context;
  const data = index.data;
  const bars = useMemo(
    () => (data ? rankingBars(data.categories, (c) => categoryLabel(c, language)) : []),
    [data, language],
  );
  const option = useMemo(() => sharePieOption(bars, colorOf), [bars, colorOf]);
  const title = t('indices.pie.title');
  const withData = bars.filter((bar) => bar.count > 0);
  return (
    <IndexCard
      id="pie"
      title={title}
      loading={index.loading}
      error={index.error}
      onRetry={index.reload}
      hasData={data !== undefined}
      exports={{
        chartRef,
        nameParts: context.nameParts,
        table: () =>
          data
            ? {
                title,
                headers: [
                  t('indices.ranking.category'),
                  t('indices.ranking.count'),
                  `${t('indices.ranking.share')} (%)`,
                ],
                rows: bars.map((bar) => [bar.label, bar.count, bar.share]),
              }
            : emptyTable(title),
      }}
    >
      {withData.length > 0 ? (
        <EChart
          option={option}
          height={380}
          chartRef={chartRef}
          ariaLabel={t('indices.pie.chartLabel')}
          onItemClick={(event) => {
            const bar = withData[event.dataIndex];
            if (bar) {
              onSelect({ id: bar.id, label: bar.label });
            }
          }}
        />
      ) : (
        <Empty description={t('indices.empty')} />
      )}
    </IndexCard>
  );
}
