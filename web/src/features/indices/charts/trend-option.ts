import type { ChartOption } from '../../../shared/charts/echarts-core';
import type { TroubleTrend } from '../indices-types';
import { CARD_LOOK, type ChartLook } from './chart-style';
import type { ColorOf } from './palette';

export interface TrendLabels {
  month: (month: string) => string;
  series: (series: TroubleTrend['series'][number]) => string;
  total: string;
}

/** Stacked monthly bars by first-level category, with the month's total above each stack. */
export function trendOption(
  trend: TroubleTrend,
  labels: TrendLabels,
  colorOf: ColorOf,
  look: ChartLook = CARD_LOOK,
): ChartOption {
  const axisLabel = { fontSize: look.fontSize, color: look.textColor };
  const visible = trend.series.filter((s) => s.counts.some((n) => n > 0));
  return {
    animationDuration: 600,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: {
      type: 'scroll',
      top: 0,
      data: visible.map((s) => labels.series(s)),
      textStyle: { fontSize: look.fontSize, color: look.textColor },
    },
    grid: { left: 8, right: 16, top: look.fontSize * 3, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: trend.months.map(labels.month),
      axisLabel,
      axisLine: { lineStyle: { color: look.axisColor } },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel,
      splitLine: { lineStyle: { color: look.splitLineColor } },
    },
    series: [
      ...visible.map((s) => ({
        type: 'bar' as const,
        name: labels.series(s),
        stack: 'troubles',
        barMaxWidth: look.fontSize * 4,
        itemStyle: { color: colorOf(s.id) },
        emphasis: { focus: 'series' as const },
        data: s.counts,
      })),
      {
        // Invisible line that carries the totals as labels on top of the stacks.
        type: 'line' as const,
        name: labels.total,
        data: trend.totals,
        // Labels sit on symbols, so keep a zero-size one.
        symbol: 'circle',
        symbolSize: 0,
        lineStyle: { opacity: 0 },
        itemStyle: { color: look.textColor },
        label: {
          show: true,
          position: 'top' as const,
          fontSize: look.fontSize,
          color: look.textColor,
        },
        tooltip: { show: true },
      },
    ],
  };
}
