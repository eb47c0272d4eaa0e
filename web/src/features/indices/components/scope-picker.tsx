import { Select } from 'antd';
import { useTranslation } from 'react-i18next';

import type { CommunityOption } from '../indices-types';

const COUNTY = '__county__';

/** Community select; "whole county" first for those who may see it. */
export function ScopePicker({
  communities,
  value,
  allowCounty,
  onChange,
}: {
  communities: CommunityOption[];
  /** null = whole county. */
  value: CommunityOption | null;
  allowCounty: boolean;
  onChange: (community: CommunityOption | null) => void;
}) {
  const { t } = useTranslation();
  const options = [
    ...(allowCounty ? [{ value: COUNTY, label: t('indices.scope.county') }] : []),
    ...communities.map((c) => ({ value: c.id, label: c.name })),
  ];
  return (
    <Select
      className="scope-picker"
      aria-label={t('indices.scope.label')}
      placeholder={t('indices.scope.placeholder')}
      value={value === null ? COUNTY : value.id}
      options={options}
      showSearch={{ optionFilterProp: 'label' }}
      popupMatchSelectWidth={false}
      onChange={(id: string) =>
        onChange(id === COUNTY ? null : (communities.find((c) => c.id === id) ?? null))
      }
    />
  );
}
