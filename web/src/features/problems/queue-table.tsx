import { Table, type TableProps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import type { Priority } from '../../../../common/enums';
import { PriorityTag } from './problem-tags';

type Columns<T> = NonNullable<TableProps<T>['columns']>;

/**
 * A work queue as the server sorted it: priority and code + title first, then the queue's own
 * columns; a row click opens the record. Shared by the problem queues and the triage queue.
 */
export function QueueTable<
  T extends { id: string; code: string; title: string; priority: Priority },
>({
  items,
  loading,
  onOpen,
  rowSelection,
  emptyText,
  scrollX,
  columns,
}: {
  items: T[];
  loading: boolean;
  onOpen: (id: string) => void;
  rowSelection?: TableProps<T>['rowSelection'];
  emptyText: string;
  scrollX: number;
  columns: Columns<T>;
}) {
  const { t } = useTranslation();
  const leading: Columns<T> = [
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
  ];
  return (
    <Table<T>
      className="queue-table"
      size="middle"
      rowKey="id"
      loading={loading}
      dataSource={items}
      rowSelection={rowSelection}
      pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      scroll={{ x: scrollX }}
      locale={{ emptyText }}
      onRow={(row) => ({ onClick: () => onOpen(row.id), className: 'clickable-row' })}
      columns={[...leading, ...columns]}
    />
  );
}
