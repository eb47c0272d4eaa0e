import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import { EChart } from '../../../shared/charts/echart';
import { useLanguage } from '../../../shared/use-language';
import { SCREEN_LOOK } from '../../indices/charts/chart-style';
import type { ColorOf } from '../../indices/charts/palette';
import { trendOption } from '../../indices/charts/trend-option';
import { formatMonthShort } from '../../indices/format';
import { trimLeadingEmptyMonths } from '../../indices/period';
import type { ScreenData } from '../screen-api';
import { ScreenPanel } from './screen-panel';

/** The monthly trend, stacked by category. */
export function ScreenTrend({
  data,
  colorOf,
  seriesLabel,
}: {
  data: ScreenData;
  colorOf: ColorOf;
  seriesLabel: (series: { id: string; name: string }) => string;
}) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const option = useMemo(
    () => ({
      ...trendOption(
        trimLeadingEmptyMonths(data.trend),
        {
          month: (m) => formatMonthShort(m, language),
          series: seriesLabel,
          total: t('indices.trend.total'),
        },
        colorOf,
        SCREEN_LOOK,
      ),
      backgroundColor: 'transparent',
    }),
    [data.trend, language, seriesLabel, colorOf, t],
  );
  return (
    <ScreenPanel title={t('screen.pages.trend')} className="screen-trend">
      {data.trend.totals.some((n) => n > 0) ? (
        <EChart option={option} height="100%" ariaLabel={t('indices.trend.chartLabel')} />
      ) : (
        <div className="screen-empty">{t('screen.empty')}</div>
      )}
    </ScreenPanel>
  );
}
