import type { ChartOption } from '../../../shared/charts/echarts-core';
import type { TroubleTrend } from '../indices-types';
import { CARD_LOOK, type ChartLook } from './chart-style';
import type { TrendLabels } from './trend-option';

/** Category × month heat map of trouble counts (categories down, months across). */
export function heatmapOption(
  trend: TroubleTrend,
  labels: Omit<TrendLabels, 'total'>,
  look: ChartLook = CARD_LOOK,
): ChartOption {
  const rows = trend.series.filter((s) => s.counts.some((n) => n > 0));
  const data = rows.flatMap((s, y) => s.counts.map((count, x) => [x, y, count]));
  const max = Math.max(1, ...data.map((cell) => cell[2] ?? 0));
  const axisLabel = { fontSize: look.fontSize, color: look.textColor };
  return {
    animationDuration: 600,
    tooltip: { position: 'top' },
    grid: { left: 8, right: 16, top: 8, bottom: look.fontSize * 5, containLabel: true },
    xAxis: {
      type: 'category',
      data: trend.months.map(labels.month),
      axisLabel,
      splitArea: { show: true },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map(labels.series),
      axisLabel,
      splitArea: { show: true },
    },
    visualMap: {
      type: 'continuous',
      min: 0,
      max,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 160,
      text: [String(max), '0'],
      textStyle: { fontSize: look.fontSize, color: look.textColor },
      inRange: { color: ['#fff7e6', '#ffd591', '#ffa940', '#fa541c'] },
    },
    series: [
      {
        type: 'heatmap',
        data,
        label: { show: true, fontSize: look.fontSize, color: '#262626' },
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
        emphasis: { itemStyle: { shadowBlur: 6, shadowColor: 'rgba(0, 0, 0, 0.3)' } },
      },
    ],
  };
}
