import type { ChartOption } from '../../../shared/charts/echarts-core';
import { formatPercent } from '../format';
import { CARD_LOOK, type ChartLook } from './chart-style';
import type { ColorOf } from './palette';
import type { RankingBar } from './ranking-option';

/** Pie of category shares; slices are counts, labels show the server's 2-decimal shares. */
export function sharePieOption(
  bars: RankingBar[],
  colorOf: ColorOf,
  look: ChartLook = CARD_LOOK,
): ChartOption {
  return {
    animationDuration: 600,
    tooltip: { trigger: 'item' },
    legend: {
      type: 'scroll',
      bottom: 0,
      textStyle: { fontSize: look.fontSize, color: look.textColor },
    },
    series: [
      {
        type: 'pie',
        radius: ['35%', '62%'],
        center: ['50%', '45%'],
        avoidLabelOverlap: true,
        minShowLabelAngle: 4,
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
        label: { fontSize: look.fontSize, color: look.textColor },
        data: bars
          .filter((bar) => bar.count > 0)
          .map((bar) => ({
            value: bar.count,
            name: bar.label,
            id: bar.id,
            itemStyle: { color: colorOf(bar.id) },
            label: { formatter: `${bar.label}\n${formatPercent(bar.share)}` },
            tooltip: { formatter: `${bar.label}: ${bar.count} (${formatPercent(bar.share)})` },
          })),
      },
    ],
  };
}
