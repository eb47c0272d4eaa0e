import { Button, Empty, Table, type TableColumnsType, Typography } from 'antd';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';

import { EChart } from '../../../shared/charts/echart';
import type { ChartInstance } from '../../../shared/charts/echarts-core';
import type { ApiData } from '../../../shared/use-api-data';
import { rankingBars, rankingOption } from '../charts/ranking-option';
import { rankingTable } from '../dashboard-tables';
import { emptyTable } from '../export-table';
import { categoryLabel, formatCount, formatPercent } from '../format';
import type { CategoryShare, TroubleIndex } from '../indices-types';
import { ChangeText } from './change-text';
import type { DashboardContext, SelectedCategory } from './dashboard-context';
import { IndexCard } from './index-card';

interface RankingRow {
  key: string;
  id: string;
  rank: number | null;
  label: string;
  count: number;
  share: number;
  change: number | null;
  children?: RankingRow[];
}

function toRow(category: CategoryShare, label: string, isChild: boolean): RankingRow {
  return {
    key: category.id,
    id: category.id,
    rank: isChild ? null : category.rank,
    label,
    count: category.count,
    share: category.share,
    change: category.change,
  };
}

/** The headline: 烦恼指数排行榜 chart and table; a category click opens the drill-down. */
export function RankingCard({
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
  const option = useMemo(
    () =>
      rankingOption(bars, colorOf, {
        tooltip: (bar) =>
          t('indices.ranking.tooltip', {
            label: `${bar.label} ${formatPercent(bar.share)}`,
            count: bar.count,
          }),
      }),
    [bars, colorOf, t],
  );
  const rows = useMemo<RankingRow[]>(
    () =>
      (data?.categories ?? [])
        .slice()
        .sort((a, b) => a.rank - b.rank)
        .map((parent) => {
          const row = toRow(parent, categoryLabel(parent, language), false);
          const children = parent.children
            .filter((child) => child.count > 0)
            .map((child) => toRow(child, categoryLabel(child, language), true));
          return children.length > 0 ? { ...row, children } : row;
        }),
    [data, language],
  );

  const columns: TableColumnsType<RankingRow> = [
    { title: t('indices.ranking.rank'), dataIndex: 'rank', width: 72 },
    {
      title: t('indices.ranking.category'),
      dataIndex: 'label',
      render: (_, row) => (
        <Button
          type="link"
          size="small"
          className="ranking-category-link"
          onClick={() => onSelect({ id: row.id, label: row.label })}
        >
          {row.label}
        </Button>
      ),
    },
    {
      title: t('indices.ranking.count'),
      dataIndex: 'count',
      align: 'right',
      render: (count: number) => formatCount(count, language),
    },
    {
      title: t('indices.ranking.share'),
      dataIndex: 'share',
      align: 'right',
      render: (share: number) => formatPercent(share),
    },
    {
      title: t('indices.ranking.change'),
      dataIndex: 'change',
      align: 'right',
      render: (change: number | null) => <ChangeText value={change} />,
    },
  ];

  const title = t('indices.ranking.title');
  const chartHeight = Math.max(160, bars.length * 34 + 16);
  return (
    <IndexCard
      id="ranking"
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
            ? rankingTable(data, language, {
                title,
                headers: [
                  t('indices.ranking.rank'),
                  t('indices.ranking.category'),
                  t('indices.ranking.count'),
                  `${t('indices.ranking.share')} (%)`,
                  `${t('indices.ranking.previousShare')} (%)`,
                  t('indices.ranking.change'),
                ],
              })
            : emptyTable(title),
      }}
    >
      {data !== undefined && data.total === 0 && <Empty description={t('indices.empty')} />}
      {data !== undefined && data.total > 0 && (
        <>
          <Typography.Paragraph type="secondary" className="ranking-summary">
            {t('indices.ranking.total', { count: data.total })}
            {data.unclassified.count > 0 &&
              ` · ${t('indices.ranking.unclassified', {
                count: data.unclassified.count,
                share: formatPercent(data.unclassified.share),
              })}`}
          </Typography.Paragraph>
          {bars.length > 0 && (
            <EChart
              option={option}
              height={chartHeight}
              chartRef={chartRef}
              ariaLabel={t('indices.ranking.chartLabel')}
              onItemClick={(event) => {
                const bar = bars[event.dataIndex];
                if (bar) {
                  onSelect({ id: bar.id, label: bar.label });
                }
              }}
            />
          )}
          <Table<RankingRow>
            className="ranking-table"
            size="small"
            columns={columns}
            dataSource={rows}
            pagination={false}
            expandable={{ indentSize: 12 }}
            scroll={{ x: 'max-content' }}
          />
          <Typography.Paragraph type="secondary" className="ranking-hint">
            {t('indices.ranking.drillHint')}
          </Typography.Paragraph>
        </>
      )}
    </IndexCard>
  );
}
