import { renderAsync } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import sharp from 'sharp';

import type { ReportData } from './report-data';
import type { ReportFonts } from './report-fonts';
import { shortMonthLabel } from './report-format';

/** Chart width in CSS pixels; PNGs are rendered at twice that for print. */
export const CHART_WIDTH = 900;
const ZOOM = 2;

/** A restrained palette for print: deep blue and red first, then muted tones. */
export const PALETTE = [
  '#2f5597',
  '#c0392b',
  '#d68910',
  '#239b56',
  '#7d3c98',
  '#17a589',
  '#a04000',
  '#5d6d7e',
  '#2e86c1',
  '#b7950b',
  '#943126',
  '#909497',
];

export interface ReportCharts {
  ranking: { png: Buffer; width: number; height: number };
  pie: { png: Buffer; width: number; height: number };
  trend: { png: Buffer; width: number; height: number };
}

type Option = echarts.EChartsCoreOption;

/** 烦恼指数排行榜: one bar per category with troubles, the largest on top. */
function rankingOption(data: ReportData): { option: Option; height: number } {
  const rows = data.index.categories.filter((c) => c.count > 0);
  const height = Math.max(220, 50 + rows.length * 28);
  const option: Option = {
    grid: { left: 10, right: 120, top: 16, bottom: 30, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#e5e5e5' } } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((c) => c.name),
      axisTick: { show: false },
      axisLabel: { fontSize: 15, color: '#333333' },
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 18,
        data: rows.map((c) => ({
          value: c.count,
          itemStyle: { color: c.rank <= 3 ? '#c0392b' : '#2f5597' },
        })),
        label: {
          show: true,
          position: 'right',
          fontSize: 14,
          color: '#333333',
          formatter: (p: { dataIndex: number }) => {
            const c = rows[p.dataIndex];
            return c ? `${c.count}件  ${c.share.toFixed(2)}%` : '';
          },
        },
      },
    ],
  };
  return { option, height };
}

/** Share pie (ring); small categories beyond the eighth are summed as 其余类别. */
function pieOption(data: ReportData): { option: Option; height: number; width: number } {
  const rows = data.index.categories.filter((c) => c.count > 0);
  const head = rows.slice(0, 8).map((c) => ({ name: c.name, value: c.count, share: c.share }));
  const tail = rows.slice(8);
  if (tail.length > 0) {
    head.push({
      name: '其余类别',
      value: tail.reduce((s, c) => s + c.count, 0),
      share: Math.round(tail.reduce((s, c) => s + c.share, 0) * 100) / 100,
    });
  }
  if (data.index.unclassified.count > 0) {
    head.push({
      name: '未分类',
      value: data.index.unclassified.count,
      share: data.index.unclassified.share,
    });
  }
  const option: Option = {
    color: PALETTE,
    series: [
      {
        type: 'pie',
        radius: ['30%', '58%'],
        center: ['50%', '52%'],
        avoidLabelOverlap: true,
        itemStyle: { borderColor: '#ffffff', borderWidth: 2 },
        label: {
          fontSize: 17,
          color: '#333333',
          formatter: (p: { name: string; data: { share: number } }) =>
            `${p.name} ${p.data.share.toFixed(2)}%`,
        },
        labelLine: { length: 12, length2: 14 },
        data: head,
      },
    ],
  };
  return { option, height: 400, width: 720 };
}

/** Monthly trend: troubles per month stacked by category, with the monthly total on top. */
function trendOption(data: ReportData): { option: Option; height: number } {
  const { months, series, totals } = data.trend;
  const shown = series.filter((s) => s.counts.some((n) => n > 0));
  const option: Option = {
    color: PALETTE,
    legend: {
      bottom: 0,
      itemWidth: 14,
      itemHeight: 10,
      textStyle: { fontSize: 13 },
      data: shown.map((s) => s.name),
    },
    grid: { left: 10, right: 20, top: 30, bottom: 70, containLabel: true },
    xAxis: {
      type: 'category',
      data: months.map(shortMonthLabel),
      axisLabel: { fontSize: 14 },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      name: '件',
      splitLine: { lineStyle: { color: '#e5e5e5' } },
    },
    series: [
      ...shown.map((s) => ({
        name: s.name,
        type: 'bar',
        stack: 'troubles',
        barMaxWidth: 48,
        data: s.counts,
      })),
      {
        name: '合计',
        type: 'line',
        data: totals,
        symbolSize: 6,
        lineStyle: { color: '#333333', width: 1.5 },
        itemStyle: { color: '#333333' },
        label: { show: true, position: 'top', fontSize: 14, color: '#333333' },
      },
    ],
  };
  return { option, height: 340 };
}

function svgOf(option: Option, fontFamily: string, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily },
      ...option,
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

async function pngOf(svg: string, fonts: ReportFonts, width: number, height: number) {
  const image = await renderAsync(svg, {
    font: {
      fontFiles: [fonts.regular.file],
      loadSystemFonts: false,
      defaultFontFamily: fonts.regular.family,
      sansSerifFamily: fonts.regular.family,
    },
    fitTo: { mode: 'zoom', value: ZOOM },
    background: '#ffffff',
  });
  // RGB without alpha: pdfkit embeds such PNGs as they are instead of splitting the alpha
  // channel pixel by pixel (about 100 ms per chart).
  const png = await sharp(image.pixels, {
    raw: { width: image.width, height: image.height, channels: 4 },
  })
    .flatten({ background: '#ffffff' })
    .png({ compressionLevel: 6 })
    .toBuffer();
  return { png, width, height };
}

/**
 * Renders the report's charts with ECharts on the server (SVG) and rasterises them to PNG with
 * resvg, using only the given CJK font file (no system fonts). resvg's cost grows with the
 * number of glyphs (it reads the font per glyph), so the three charts render in parallel on
 * libuv's thread pool, off the event loop.
 */
export async function renderReportCharts(
  data: ReportData,
  fonts: ReportFonts,
): Promise<ReportCharts> {
  const render = (c: { option: Option; height: number; width?: number }) => {
    const width = c.width ?? CHART_WIDTH;
    return pngOf(svgOf(c.option, fonts.regular.family, width, c.height), fonts, width, c.height);
  };
  const [ranking, pie, trend] = await Promise.all([
    render(rankingOption(data)),
    render(pieOption(data)),
    render(trendOption(data)),
  ]);
  return { ranking, pie, trend };
}
