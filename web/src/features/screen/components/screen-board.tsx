import { useCallback, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import { useLanguage } from '../../../shared/use-language';
import { categoryColors } from '../../indices/charts/palette';
import { categoryLabel } from '../../indices/format';
import type { ScreenData } from '../screen-api';
import { formatHourMinute, ROTATE_MS, type ScreenPageId, screenPages } from '../screen-layout';
import { useRotation } from '../use-ticker';
import { ScreenCanvas } from './screen-canvas';
import { ScreenFigures } from './screen-figures';
import { ScreenJobs } from './screen-jobs';
import { ScreenRanking } from './screen-ranking';
import { ScreenResolved } from './screen-resolved';
import { ScreenTitleBar } from './screen-title-bar';
import { ScreenTrend } from './screen-trend';

/** The big screen with data: title bar, the rotating page, page dots and the update time. */
export function ScreenBoard({
  data,
  updatedAt,
  stale,
  only,
}: {
  data: ScreenData;
  updatedAt: number;
  stale: boolean;
  only: string | null;
}) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const pages = screenPages(data, only);
  const current: ScreenPageId = pages[useRotation(pages.length, ROTATE_MS)] ?? 'ranking';

  useEffect(() => {
    document.title = t('screen.title', { community: data.communityName });
  }, [data.communityName, t]);

  const colorOf = useMemo(
    () => categoryColors([...data.range.categories, ...data.trend.series]),
    [data],
  );
  const englishNames = useMemo(
    () => new Map(data.range.categories.map((c) => [c.id, c.nameEn])),
    [data],
  );
  const seriesLabel = useCallback(
    (series: { id: string; name: string }) =>
      categoryLabel({ name: series.name, nameEn: englishNames.get(series.id) }, language),
    [englishNames, language],
  );

  let page;
  switch (current) {
    case 'ranking':
      page = <ScreenRanking data={data} colorOf={colorOf} />;
      break;
    case 'trend':
      page = <ScreenTrend data={data} colorOf={colorOf} seriesLabel={seriesLabel} />;
      break;
    case 'figures':
      page = <ScreenFigures data={data} />;
      break;
    case 'resolved':
      page = <ScreenResolved data={data} />;
      break;
    case 'jobs':
      page = <ScreenJobs data={data} />;
      break;
  }

  return (
    <ScreenCanvas>
      <div className="screen-board" data-page={current}>
        <ScreenTitleBar communityName={data.communityName} />
        <main className="screen-main" key={current}>
          {page}
        </main>
        <footer className="screen-footer">
          <ol className="screen-dots" aria-label={t(`screen.pages.${current}`)}>
            {pages.map((id) => (
              <li key={id} className={id === current ? 'is-current' : undefined}>
                {t(`screen.pages.${id}`)}
              </li>
            ))}
          </ol>
          <div className={stale ? 'screen-updated is-stale' : 'screen-updated'}>
            {t('screen.updatedAt', { time: formatHourMinute(updatedAt) })}
            {stale && ` · ${t('screen.stale')}`}
          </div>
        </footer>
      </div>
    </ScreenCanvas>
  );
}
