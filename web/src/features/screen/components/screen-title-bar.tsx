import { useTranslation } from 'react-i18next';

import { useLanguage } from '../../../shared/use-language';
import { formatClock } from '../screen-layout';
import { useNow } from '../use-ticker';

/** Title bar: date on the left, "<community> · 烦恼指数" in the middle, a live clock on the right. */
export function ScreenTitleBar({ communityName }: { communityName: string }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const now = useNow(1000);
  const date = new Intl.DateTimeFormat(language, { dateStyle: 'full' }).format(now);
  return (
    <header className="screen-title-bar">
      <div className="screen-title-side screen-date">{date}</div>
      <h1 className="screen-title">{t('screen.title', { community: communityName })}</h1>
      <div className="screen-title-side screen-clock" aria-live="off">
        {formatClock(now)}
      </div>
    </header>
  );
}
