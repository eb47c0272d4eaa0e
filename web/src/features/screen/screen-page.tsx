import './screen.css';

import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';

import { ScreenBoard } from './components/screen-board';
import { ScreenMessage } from './components/screen-message';
import { isBadLink } from './screen-layout';
import { useScreenData } from './use-screen-data';

/**
 * 大屏 (`/screen/:slug?token=…`): no login; the display token in the URL authorises the read.
 * `?pages=ranking,trend` narrows the rotation for a display that wants fewer pages.
 */
export function ScreenPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const [params] = useSearchParams();
  const token = params.get('token')?.trim() || null;
  const { data, updatedAt, error } = useScreenData(slug, token);

  if (token === null) {
    return (
      <ScreenMessage
        tone="error"
        title={t('screen.missingToken.title')}
        description={t('screen.missingToken.description')}
      />
    );
  }
  if (data === undefined || updatedAt === undefined) {
    if (error === undefined) {
      return <ScreenMessage title={t('screen.loading')} />;
    }
    return isBadLink(error) ? (
      <ScreenMessage
        tone="error"
        title={t('screen.invalidToken.title')}
        description={t('screen.invalidToken.description')}
      />
    ) : (
      <ScreenMessage
        tone="error"
        title={t('screen.unavailable.title')}
        description={t('screen.unavailable.description')}
      />
    );
  }
  return (
    <ScreenBoard
      data={data}
      updatedAt={updatedAt}
      stale={error !== undefined}
      only={params.get('pages')}
    />
  );
}
