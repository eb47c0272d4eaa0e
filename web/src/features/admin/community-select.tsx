import { Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

import { useApiData } from '../../shared/use-api-data';
import { problemsApi } from '../problems/problems-api';

/** Picks one community of the county; selects the first one when nothing is chosen yet. */
export function CommunitySelect({
  value,
  onChange,
}: {
  value?: string;
  onChange?: (id: string) => void;
}) {
  const { t } = useTranslation();
  const list = useApiData('communities', (signal) => problemsApi.communities(signal));
  const first = list.data?.[0]?.id;
  useEffect(() => {
    if (value === undefined && first !== undefined) {
      onChange?.(first);
    }
  }, [value, first, onChange]);
  return (
    <Select
      className="community-select"
      aria-label={t('admin.community')}
      value={value}
      onChange={onChange}
      loading={list.loading}
      options={(list.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
    />
  );
}
