import { Table, type TableProps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { DueText, PriorityTag, ProblemStatusTag } from './problem-tags';
import type { QueueItem } from './problem-types';

/** A queue of problems as the server sorted it (priority, then nearest deadline). */
export function ProblemQueueTable({
  items,
  loading,
  onOpen,
  rowSelection,
  extraColumns = [],
}: {
  items: QueueItem[];
  loading: boolean;
  onOpen: (id: string) => void;
  rowSelection?: TableProps<QueueItem>['rowSelection'];
  extraColumns?: NonNullable<TableProps<QueueItem>['columns']>;
}) {
  const { t } = useTranslation();
  const now = Date.now();
  return (
    <Table<QueueItem>
      className="queue-table"
      size="middle"
      rowKey="id"
      loading={loading}
      dataSource={items}
      rowSelection={rowSelection}
      pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      scroll={{ x: 640 }}
      locale={{ emptyText: t('work.emptyQueue') }}
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
          responsive: ['md'],
          width: 120,
          render: (c: string | null) => c ?? '—',
        },
        {
          title: t('work.fields.status'),
          dataIndex: 'status',
          width: 96,
          render: (_, r) => <ProblemStatusTag status={r.status} />,
        },
        {
          title: t('work.fields.troubleCount'),
          dataIndex: 'troubleCount',
          responsive: ['lg'],
          width: 72,
          align: 'right',
        },
        {
          title: t('work.fields.nextDue'),
          dataIndex: 'nextDueAt',
          width: 190,
          render: (_, r) => <DueText item={r} now={now} />,
        },
        ...extraColumns,
      ]}
    />
  );
}
