import { Table, type TableProps, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

import { PriorityTag } from '../problems/problem-tags';
import type { TroubleListItem } from '../problems/problem-types';

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
    <Table<TroubleListItem>
      className="queue-table"
      size="middle"
      rowKey="id"
      loading={loading}
      dataSource={items}
      rowSelection={rowSelection}
      pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      scroll={{ x: 600 }}
      locale={{ emptyText: t('workbench.emptyTriage') }}
      onRow={(row) => ({ onClick: () => onOpen(row.id), className: 'clickable-row' })}
      columns={[
        {
          title: t('work.fields.priority'),
          dataIndex: 'priority',
          width: 96,
          render: (_, r) => <PriorityTag priority={r.priority} />,
        },
        {
          title: t('work.fields.title'),
          dataIndex: 'title',
          render: (_, r) => (
            <span>
              <Typography.Text type="secondary" className="row-code">
                {r.code}
              </Typography.Text>{' '}
              <Typography.Link className="row-title">{r.title}</Typography.Link>
            </span>
          ),
        },
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
