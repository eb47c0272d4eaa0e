import { type TableProps, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

import type { TroubleListItem } from '../problems/problem-types';
import { QueueTable } from '../problems/queue-table';

/** New troubles waiting for triage (not yet linked to a problem). */
export function TroubleQueueTable({
  items,
  loading,
  onOpen,
  rowSelection,
}: {
  items: TroubleListItem[];
  loading: boolean;
  onOpen: (id: string) => void;
  rowSelection: TableProps<TroubleListItem>['rowSelection'];
}) {
  const { t } = useTranslation();
  return (
    <QueueTable<TroubleListItem>
      items={items}
      loading={loading}
      onOpen={onOpen}
      rowSelection={rowSelection}
      emptyText={t('workbench.emptyTriage')}
      scrollX={600}
      columns={[
        {
          title: t('work.fields.category'),
          dataIndex: 'category',
          width: 120,
          render: (_, r) =>
            r.category?.name ?? (
              <Typography.Text type="secondary">{t('workbench.uncategorised')}</Typography.Text>
            ),
        },
        {
          title: t('work.fields.channel'),
          dataIndex: 'channel',
          responsive: ['md'],
          width: 96,
          render: (_, r) => t(`enums.channel.${r.channel}`),
        },
        {
          title: t('work.fields.enterprise'),
          dataIndex: 'enterprise',
          responsive: ['lg'],
          width: 160,
          ellipsis: true,
          render: (_, r) => r.enterprise?.name ?? '—',
        },
        {
          title: t('work.fields.receivedAt'),
          dataIndex: 'receivedAt',
          width: 130,
          render: (ms: number) => dayjs(ms).format('MM-DD HH:mm'),
        },
      ]}
    />
  );
}
