import { useTranslation } from 'react-i18next';

import { useLanguage } from '../../../shared/use-language';
import type { ColorOf } from '../../indices/charts/palette';
import { rankingBars } from '../../indices/charts/ranking-option';
import { categoryLabel, formatPercent, formatPeriodLabel } from '../../indices/format';
import type { ScreenData } from '../screen-api';
import { ScreenPanel } from './screen-panel';

const MAX_ROWS = 12;

/** 烦恼指数排行榜 as large bars: rank, category, share and count. */
export function ScreenRanking({ data, colorOf }: { data: ScreenData; colorOf: ColorOf }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const index = data.range;
  const bars = rankingBars(index.categories, (c) => categoryLabel(c, language))
    .filter((bar) => bar.count > 0)
    .slice(0, MAX_ROWS);
  const max = Math.max(0, ...bars.map((bar) => bar.share));
  const label = formatPeriodLabel({ kind: 'custom', ...index.period }, language);
  return (
    <ScreenPanel
      title={t('screen.pages.ranking')}
      className="screen-ranking"
      note={
        <>
          {t('screen.rangeNote', { label })} · {t('screen.total', { count: index.total })}
        </>
      }
    >
      {bars.length === 0 ? (
        <div className="screen-empty">{t('screen.empty')}</div>
      ) : (
        <ol className="screen-ranking-list">
          {bars.map((bar, position) => (
            <li key={bar.id} className="screen-ranking-row">
              <span className={`screen-rank screen-rank-${position < 3 ? 'top' : 'rest'}`}>
                {position + 1}
              </span>
              <span className="screen-ranking-name">{bar.label}</span>
              <span className="screen-ranking-track">
                <span
                  className="screen-ranking-bar"
                  style={{
                    width: `${max > 0 ? (bar.share / max) * 100 : 0}%`,
                    background: `linear-gradient(90deg, ${colorOf(bar.id)}55, ${colorOf(bar.id)})`,
                  }}
                />
              </span>
              <span className="screen-ranking-share">{formatPercent(bar.share)}</span>
              <span className="screen-ranking-count">{bar.count}</span>
            </li>
          ))}
        </ol>
      )}
    </ScreenPanel>
  );
}
