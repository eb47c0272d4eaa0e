import { useTranslation } from 'react-i18next';

import { useLanguage } from '../../../shared/use-language';
import { formatCount, formatPercent, formatPeriodLabel } from '../../indices/format';
import type { ScreenData } from '../screen-api';
import { ScreenPanel } from './screen-panel';

/** This month's figures as big counters. */
export function ScreenFigures({ data }: { data: ScreenData }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const month = data.month;
  const figures = [
    { key: 'troubles', label: t('screen.troubles'), value: formatCount(month.total, language) },
    {
      key: 'problems',
      label: t('screen.problems'),
      value: formatCount(month.problems.total, language),
    },
    {
      key: 'resolved',
      label: t('screen.resolved'),
      value: formatCount(month.problems.resolved, language),
    },
    {
      key: 'overdue',
      label: t('screen.overdue'),
      value: formatCount(month.problems.overdue, language),
      alert: month.problems.overdue > 0,
    },
    {
      key: 'coordination',
      label: t('screen.coordinationRate'),
      value: formatPercent(month.problems.coordinationOnTimeRate),
    },
    {
      key: 'resolution',
      label: t('screen.resolutionRate'),
      value: formatPercent(month.problems.resolutionOnTimeRate),
    },
  ];
  return (
    <ScreenPanel
      title={t('screen.pages.figures')}
      className="screen-figures"
      note={formatPeriodLabel({ kind: 'custom', ...month.period }, language)}
    >
      <div className="screen-figure-grid">
        {figures.map((figure) => (
          <div
            key={figure.key}
            className={`screen-figure${figure.alert === true ? ' screen-figure-alert' : ''}`}
          >
            <div className="screen-figure-value">{figure.value}</div>
            <div className="screen-figure-label">{figure.label}</div>
          </div>
        ))}
      </div>
    </ScreenPanel>
  );
}
