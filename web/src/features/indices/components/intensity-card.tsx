import { Empty } from 'antd';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';

import { EChart } from '../../../shared/charts/echart';
import type { ChartInstance } from '../../../shared/charts/echarts-core';
import type { ApiData } from '../../../shared/use-api-data';
import { intensityOption } from '../charts/intensity-option';
import { emptyTable } from '../export-table';
import type { TroubleIntensity } from '../indices-types';
import type { DashboardContext } from './dashboard-context';
import { IndexCard } from './index-card';

/** 烦恼强度: a 0–100 bar per category. */
export function IntensityCard({
  intensity,
  context,
}: {
  intensity: ApiData<TroubleIntensity>;
  context: DashboardContext;
}) {
  const { t } = useTranslation();
  const chartRef = useRef<ChartInstance | null>(null);
  const { colorOf, seriesLabel } = context;
  const data = intensity.data;
  const categories = useMemo(() => (data?.categories ?? []).filter((c) => c.count > 0), [data]);
  const option = useMemo(
    () =>
      intensityOption(
        categories.map((c) => ({ id: c.id, label: seriesLabel(c), intensity: c.intensity })),
        colorOf,
      ),
    [categories, seriesLabel, colorOf],
  );
  const title = t('indices.intensity.title');
  return (
    <IndexCard
      id="intensity"
      title={title}
      loading={intensity.loading}
      error={intensity.error}
      onRetry={intensity.reload}
      hasData={data !== undefined}
      exports={{
        chartRef,
        nameParts: context.nameParts,
        table: () =>
          data
            ? {
                title,
                headers: [
                  t('indices.intensity.category'),
                  t('indices.intensity.intensity'),
                  t('indices.intensity.count'),
                  `${t('indices.intensity.majorShare')} (%)`,
                  `${t('indices.intensity.urgentShare')} (%)`,
                  t('indices.intensity.workersAffected'),
                  t('indices.intensity.avgOpenDays'),
                ],
                rows: data.categories.map((c) => [
                  seriesLabel(c),
                  c.intensity,
                  c.count,
                  c.majorShare,
                  c.urgentShare,
                  c.workersAffected,
                  c.avgOpenDays,
                ]),
              }
            : emptyTable(title),
      }}
    >
      {categories.length > 0 ? (
        <EChart
          option={option}
          height={Math.max(220, categories.length * 32 + 40)}
          chartRef={chartRef}
          ariaLabel={t('indices.intensity.chartLabel')}
        />
      ) : (
        <Empty description={t('indices.intensity.empty')} />
      )}
    </IndexCard>
  );
}
