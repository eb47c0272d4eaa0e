import { useTranslation } from 'react-i18next';

import { formatDateTime } from '../../indices/format';
import type { ScreenData } from '../screen-api';
import { ScreenPanel } from './screen-panel';

/** Rows that fit without scrolling; longer lists scroll on their own. */
const VISIBLE_ROWS = 7;

/** Recently resolved problems, scrolling slowly when there are more than fit. */
export function ScreenResolved({ data }: { data: ScreenData }) {
  const { t } = useTranslation();
  const items = data.recentlyResolved;
  const scrolls = items.length > VISIBLE_ROWS;
  const rows = scrolls ? [...items, ...items] : items;
  return (
    <ScreenPanel title={t('screen.pages.resolved')} className="screen-resolved">
      {items.length === 0 ? (
        <div className="screen-empty">{t('screen.noResolved')}</div>
      ) : (
        <div className="screen-scroll-window">
          <ul
            className={scrolls ? 'screen-resolved-list is-scrolling' : 'screen-resolved-list'}
            style={scrolls ? { animationDuration: `${items.length * 4}s` } : undefined}
          >
            {rows.map((item, i) => (
              <li key={`${item.id}-${i}`} className="screen-resolved-row">
                <div className="screen-resolved-head">
                  <span className="screen-resolved-category">{item.category ?? '—'}</span>
                  <span className="screen-resolved-title">{item.title}</span>
                  <span className="screen-resolved-time">
                    {t('screen.resolvedAt', { time: formatDateTime(item.answeredAt) })}
                  </span>
                </div>
                {item.publicSummary !== null && (
                  <div className="screen-resolved-summary">{item.publicSummary}</div>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </ScreenPanel>
  );
}
