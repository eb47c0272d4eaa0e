import type { TableProps } from 'antd';
import { useTranslation } from 'react-i18next';

import { DueText, ProblemStatusTag } from './problem-tags';
import type { QueueItem } from './problem-types';
import { QueueTable } from './queue-table';

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
    <QueueTable<QueueItem>
      items={items}
      loading={loading}
      onOpen={onOpen}
      rowSelection={rowSelection}
      emptyText={t('work.emptyQueue')}
      scrollX={640}
      columns={[
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
