import { Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';

import type { ApiData } from '../../../shared/use-api-data';
import type { TroubleIndex } from '../indices-types';
import type { DashboardContext } from './dashboard-context';
import { IndexCard } from './index-card';

const TILE = { xs: 12, md: 8, xl: 4 } as const;

/** 办理 figures: troubles, problems, resolved, the two on-time rates and overdue problems. */
export function FiguresCard({
  index,
  context,
}: {
  index: ApiData<TroubleIndex>;
  context: DashboardContext;
}) {
  const { t } = useTranslation();
  const data = index.data;
  // Without problems in the period the on-time rates have no meaning: show "—".
  const noProblems = data !== undefined && data.problems.total === 0;
  const tiles = data
    ? [
        { key: 'troubles', title: t('indices.figures.troubles'), value: data.total },
        { key: 'problems', title: t('indices.figures.problems'), value: data.problems.total },
        { key: 'resolved', title: t('indices.figures.resolved'), value: data.problems.resolved },
        {
          key: 'coordination',
          title: t('indices.figures.coordinationRate'),
          value: data.problems.coordinationOnTimeRate,
          rate: true,
        },
        {
          key: 'resolution',
          title: t('indices.figures.resolutionRate'),
          value: data.problems.resolutionOnTimeRate,
          rate: true,
        },
        { key: 'overdue', title: t('indices.figures.overdue'), value: data.problems.overdue },
      ]
    : [];
  const title = t('indices.figures.title');
  return (
    <IndexCard
      id="figures"
      title={title}
      loading={index.loading}
      error={index.error}
      onRetry={index.reload}
      hasData={data !== undefined}
      exports={{
        nameParts: context.nameParts,
        table: () => ({
          title,
          headers: [t('indices.figures.item'), t('indices.figures.value')],
          rows: tiles.map((tile) => [
            tile.title,
            tile.rate === true && noProblems ? null : tile.value,
          ]),
        }),
      }}
    >
      <Row gutter={[16, 16]}>
        {tiles.map((tile) => (
          <Col key={tile.key} {...TILE}>
            <Statistic
              className={`indices-figure indices-figure-${tile.key}`}
              title={tile.title}
              value={tile.rate === true && noProblems ? '—' : tile.value}
              {...(tile.rate === true && !noProblems ? { precision: 2, suffix: '%' } : {})}
              styles={
                tile.key === 'overdue' && tile.value > 0
                  ? { content: { color: '#cf1322' } }
                  : undefined
              }
            />
          </Col>
        ))}
      </Row>
    </IndexCard>
  );
}
