import { Empty } from 'antd';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';

import { EChart } from '../../../shared/charts/echart';
import type { ChartInstance } from '../../../shared/charts/echarts-core';
import type { ApiData } from '../../../shared/use-api-data';
import { heatmapOption } from '../charts/heatmap-option';
import { trendOption } from '../charts/trend-option';
import { trendTable } from '../dashboard-tables';
import { emptyTable } from '../export-table';
import { formatMonthShort } from '../format';
import type { TroubleTrend } from '../indices-types';
import type { DashboardContext } from './dashboard-context';
import { IndexCard } from './index-card';

type TrendView = 'stacked' | 'heatmap';

/** The monthly trend as stacked bars, or the same data as a category × month heat map. */
export function TrendCard({
  trend,
  context,
  view,
}: {
  trend: ApiData<TroubleTrend>;
  context: DashboardContext;
  view: TrendView;
}) {
  const { t } = useTranslation();
  const chartRef = useRef<ChartInstance | null>(null);
  const { language, colorOf, seriesLabel } = context;
  const data = trend.data;
  const option = useMemo(() => {
    if (data === undefined) {
      return {};
    }
    const labels = {
      month: (m: string) => formatMonthShort(m, language),
      series: seriesLabel,
      total: t('indices.trend.total'),
    };
    return view === 'stacked' ? trendOption(data, labels, colorOf) : heatmapOption(data, labels);
  }, [data, language, seriesLabel, colorOf, view, t]);

  const title = view === 'stacked' ? t('indices.trend.title') : t('indices.heatmap.title');
  const hasTroubles = data !== undefined && data.totals.some((n) => n > 0);
  const rows = data?.series.filter((s) => s.counts.some((n) => n > 0)).length ?? 0;
  const height = view === 'stacked' ? 360 : Math.max(300, rows * 34 + 90);
  return (
    <IndexCard
      id={view === 'stacked' ? 'trend' : 'heatmap'}
      title={title}
      loading={trend.loading}
      error={trend.error}
      onRetry={trend.reload}
      hasData={data !== undefined}
      exports={{
        chartRef,
        nameParts: context.nameParts,
        table: () =>
          data
            ? trendTable(data, {
                title,
                categoryHeader: t('indices.ranking.category'),
                totalLabel: t('indices.trend.total'),
                series: seriesLabel,
              })
            : emptyTable(title),
      }}
    >
      {hasTroubles ? (
        <EChart
          option={option}
          height={height}
          chartRef={chartRef}
          ariaLabel={
            view === 'stacked' ? t('indices.trend.chartLabel') : t('indices.heatmap.chartLabel')
          }
        />
      ) : (
        <Empty description={t('indices.empty')} />
      )}
    </IndexCard>
  );
}
