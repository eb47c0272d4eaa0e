import { WarningFilled } from '@ant-design/icons';
import { Empty, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import type { ApiData } from '../../../shared/use-api-data';
import { emptyTable } from '../export-table';
import { formatMonthShort } from '../format';
import type { EarlyWarning } from '../indices-types';
import type { DashboardContext } from './dashboard-context';
import { IndexCard } from './index-card';

/** Early warnings: categories far above their usual monthly level. */
export function WarningsCard({
  warnings,
  context,
}: {
  warnings: ApiData<EarlyWarning[]>;
  context: DashboardContext;
}) {
  const { t } = useTranslation();
  const { language, seriesLabel } = context;
  const items = warnings.data ?? [];
  const title = t('indices.warnings.title');
  return (
    <IndexCard
      id="warnings"
      title={title}
      loading={warnings.loading}
      error={warnings.error}
      onRetry={warnings.reload}
      hasData={warnings.data !== undefined}
      exports={{
        nameParts: context.nameParts,
        table: () =>
          warnings.data
            ? {
                title,
                headers: [
                  t('indices.warnings.category'),
                  t('indices.warnings.month'),
                  t('indices.warnings.count'),
                  t('indices.warnings.baseline'),
                  t('indices.warnings.scoreLabel'),
                ],
                rows: items.map((w) => [
                  seriesLabel({ id: w.categoryId, name: w.name }),
                  w.month,
                  w.count,
                  w.baseline,
                  w.score,
                ]),
              }
            : emptyTable(title),
      }}
    >
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('indices.warnings.none')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(w) => (
            <List.Item
              key={`${w.categoryId}-${w.month}`}
              extra={
                <Tag color="red">{t('indices.warnings.score', { score: w.score.toFixed(1) })}</Tag>
              }
            >
              <Typography.Text>
                <WarningFilled className="warning-icon" />{' '}
                {t('indices.warnings.item', {
                  name: seriesLabel({ id: w.categoryId, name: w.name }),
                  month: formatMonthShort(w.month, language),
                  count: w.count,
                  baseline: w.baseline,
                })}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
    </IndexCard>
  );
}
