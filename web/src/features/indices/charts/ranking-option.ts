import type { ChartOption } from '../../../shared/charts/echarts-core';
import { formatPercent } from '../format';
import type { CategoryShare } from '../indices-types';
import { CARD_LOOK, type ChartLook } from './chart-style';
import type { ColorOf } from './palette';
import { estimateTextWidth } from './text-width';

export interface RankingBar {
  id: string;
  label: string;
  share: number;
  count: number;
}

/** Bar labels as in the article: "招工用工 13.94%". */
export function rankingBarLabel(bar: Pick<RankingBar, 'label' | 'share'>): string {
  return `${bar.label} ${formatPercent(bar.share)}`;
}

export function rankingBars(
  categories: CategoryShare[],
  labelOf: (category: CategoryShare) => string,
): RankingBar[] {
  return [...categories]
    .sort((a, b) => a.rank - b.rank || b.share - a.share)
    .map((c) => ({ id: c.id, label: labelOf(c), share: c.share, count: c.count }));
}

/** 烦恼指数排行榜: horizontal bars sorted by share, largest on top, labelled name + share. */
export function rankingOption(
  bars: RankingBar[],
  colorOf: ColorOf,
  options: { look?: ChartLook; tooltip?: (bar: RankingBar) => string } = {},
): ChartOption {
  const look = options.look ?? CARD_LOOK;
  const max = Math.max(0, ...bars.map((b) => b.share));
  // Room on the right for the longest label (the bars scale to the largest share).
  const labelRoom = Math.max(
    look.fontSize * 6,
    ...bars.map((b) => estimateTextWidth(rankingBarLabel(b), look.fontSize)),
  );
  return {
    animationDuration: 600,
    grid: { left: 8, right: labelRoom + 16, top: 8, bottom: 8, containLabel: false },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'value', show: false, max: max > 0 ? max : 1 },
    yAxis: {
      type: 'category',
      inverse: true,
      show: false,
      data: bars.map((b) => b.label),
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: look.fontSize * 2,
        data: bars.map((bar) => ({
          value: bar.share,
          name: bar.label,
          id: bar.id,
          itemStyle: { color: colorOf(bar.id), borderRadius: [0, 4, 4, 0] },
          label: {
            show: true,
            position: 'right',
            formatter: rankingBarLabel(bar),
            fontSize: look.fontSize,
            color: look.textColor,
          },
          tooltip: { formatter: options.tooltip?.(bar) ?? rankingBarLabel(bar) },
        })),
      },
    ],
  };
}
