import type { ChartOption } from '../../../shared/charts/echarts-core';
import { formatScore } from '../format';
import { CARD_LOOK, type ChartLook } from './chart-style';
import type { ColorOf } from './palette';

export interface IntensityBar {
  id: string;
  label: string;
  intensity: number;
}

/** 烦恼强度: horizontal 0–100 bars per category, strongest on top. */
export function intensityOption(
  bars: IntensityBar[],
  colorOf: ColorOf,
  look: ChartLook = CARD_LOOK,
): ChartOption {
  const sorted = [...bars].sort((a, b) => b.intensity - a.intensity);
  const axisLabel = { fontSize: look.fontSize, color: look.textColor };
  return {
    animationDuration: 600,
    tooltip: { trigger: 'item' },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: {
      type: 'value',
      min: 0,
      max: 100,
      axisLabel,
      splitLine: { lineStyle: { color: look.splitLineColor } },
    },
    yAxis: { type: 'category', inverse: true, data: sorted.map((b) => b.label), axisLabel },
    series: [
      {
        type: 'bar',
        barMaxWidth: look.fontSize * 1.6,
        data: sorted.map((bar) => ({
          value: bar.intensity,
          name: bar.label,
          id: bar.id,
          itemStyle: { color: colorOf(bar.id), borderRadius: [0, 4, 4, 0] },
        })),
        label: {
          show: true,
          position: 'right',
          fontSize: look.fontSize,
          color: look.textColor,
          formatter: (p: { value?: unknown }) =>
            formatScore(typeof p.value === 'number' ? p.value : null),
        },
      },
    ],
  };
}
