import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';

import { useApiData } from '../../../shared/use-api-data';
import { useLanguage } from '../../../shared/use-language';
import type { DashboardView } from '../dashboard-search';
import { formatPeriodLabel } from '../format';
import { indicesApi } from '../indices-api';
import { latestMonthWithData, type Period, periodOfMonth, trendRange } from '../period';

/** How far back the dashboard looks for data when the chosen period is empty. */
const LOOK_BACK_MONTHS = 120;

/** Shown when the period has no troubles; offers the latest month that has some. */
export function EmptyPeriodNotice({
  view,
  onJump,
}: {
  view: DashboardView;
  onJump: (period: Period) => void;
}) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const scopeKey = view.scope.kind === 'county' ? 'county' : view.scope.communityId;
  const range = trendRange(view.period, LOOK_BACK_MONTHS);
  const history = useApiData(`latest|${scopeKey}|${range.from}|${range.to}`, (signal) =>
    indicesApi.trendBetween(view.scope, range, signal),
  );
  const latest = history.data ? latestMonthWithData(history.data) : null;
  const target = latest === null ? null : periodOfMonth(latest);
  return (
    <Alert
      className="indices-empty-notice"
      type="info"
      showIcon
      title={t('indices.empty')}
      action={
        target !== null && (
          <Button size="small" type="primary" onClick={() => onJump(target)}>
            {t('indices.jumpToLatest', { label: formatPeriodLabel(target, language) })}
          </Button>
        )
      }
    />
  );
}
