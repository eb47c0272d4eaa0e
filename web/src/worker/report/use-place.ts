import { useEffect, useState } from 'react';

import { useI18n } from '../i18n';
import { errorText, fetchCommunity, fetchEnterprise } from '../worker-api';
import type { Place } from './place-section';

/** The enterprise (`?enterprise=<id>`) or community (`?community=<slug>`) of the QR code. */
export function usePlace(params: URLSearchParams): Place {
  const { t } = useI18n();
  const enterpriseId = params.get('enterprise');
  const communitySlug = params.get('community');
  const networkText = t('common.networkError');
  const [place, setPlace] = useState<Place>(
    enterpriseId || communitySlug ? { kind: 'loading' } : { kind: 'none' },
  );

  useEffect(() => {
    let live = true;
    const fail = (error: unknown) => {
      if (live) {
        setPlace({ kind: 'error', message: errorText(error, networkText) });
      }
    };
    if (enterpriseId) {
      fetchEnterprise(enterpriseId).then((enterprise) => {
        if (live) {
          setPlace({ kind: 'enterprise', enterprise });
        }
      }, fail);
    } else if (communitySlug) {
      fetchCommunity(communitySlug).then((community) => {
        if (live) {
          setPlace({ kind: 'community', community });
        }
      }, fail);
    } else {
      setPlace({ kind: 'none' });
    }
    return () => {
      live = false;
    };
  }, [enterpriseId, communitySlug, networkText]);

  return place;
}
