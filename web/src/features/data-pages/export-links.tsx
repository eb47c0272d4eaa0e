import { DownloadOutlined } from '@ant-design/icons';
import { Button, Checkbox, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useCurrentUser } from '../auth/use-current-user';
import { type ExportFormat, type ExportList, exportUrl } from './data-api';

/** Lists that carry personal data (names, phones, identity numbers), masked unless asked. */
const PERSONAL: ReadonlySet<ExportList> = new Set(['troubles', 'enterprises', 'workers', 'users']);
const FORMATS: readonly ExportFormat[] = ['xlsx', 'csv'];

/**
 * XLSX / CSV download links for a list with its current filters (`GET /exports/<list>.<fmt>`;
 * the session cookie authorises the download). Admins hold `personal.unmask`: the server exports
 * in clear for them unless `mask=true`, so they get an explicit opt-in checkbox.
 */
export function ExportLinks({
  list,
  params = {},
}: {
  list: ExportList;
  params?: Readonly<Record<string, string | number | boolean | readonly string[] | undefined>>;
}) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [unmasked, setUnmasked] = useState(false);
  const canUnmask = user.role === 'admin' && PERSONAL.has(list);
  const query = canUnmask && !unmasked ? { ...params, mask: 'true' } : params;
  return (
    <Space wrap size="small" className="export-links">
      {FORMATS.map((format) => (
        <Button
          key={format}
          size="small"
          icon={<DownloadOutlined />}
          href={exportUrl(list, format, query)}
          download
        >
          {t(`data.exports.${format}`)}
        </Button>
      ))}
      {canUnmask && (
        <Tooltip title={t('data.exports.unmaskHint')}>
          <Checkbox checked={unmasked} onChange={(e) => setUnmasked(e.target.checked)}>
            {t('data.exports.unmask')}
          </Checkbox>
        </Tooltip>
      )}
    </Space>
  );
}
