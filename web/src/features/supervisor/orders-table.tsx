import { App, Button, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

import { describeError } from '../../shared/error-message';
import type { SupervisionOrder } from '../problems/problem-types';
import { problemsApi } from '../problems/problems-api';

const time = (ms: number) => dayjs(ms).format('YYYY-MM-DD HH:mm');

/** 督办单 in scope: issued → responded → closed; supervisors close them here. */
export function OrdersTable({
  items,
  loading,
  onOpen,
  onChanged,
}: {
  items: SupervisionOrder[];
  loading: boolean;
  onOpen: (problemId: string) => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const close = (o: SupervisionOrder) =>
    problemsApi
      .closeSupervision(o.id, null)
      .then(() => {
        void message.success(t('work.supervision.closed'));
        onChanged();
      })
      .catch((error: unknown) => void message.error(describeError(error, t)));
  return (
    <Table<SupervisionOrder>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={items}
      pagination={items.length > 20 ? { pageSize: 20 } : false}
      scroll={{ x: 900 }}
      locale={{ emptyText: t('supervision.orders.empty') }}
      columns={[
        { title: t('supervision.orders.code'), dataIndex: 'code', width: 150 },
        {
          title: t('work.problem'),
          dataIndex: 'problemTitle',
          render: (_, o) => (
            <Button type="link" className="inline-link" onClick={() => onOpen(o.problemId)}>
              {o.problemCode} {o.problemTitle}
            </Button>
          ),
        },
        { title: t('work.form.demand'), dataIndex: 'demand' },
        { title: t('work.form.due'), dataIndex: 'dueAt', width: 140, render: time },
        {
          title: t('work.fields.status'),
          dataIndex: 'status',
          width: 96,
          render: (_, o) => (
            <Tag color={o.status === 'closed' ? 'default' : o.status === 'issued' ? 'red' : 'blue'}>
              {t(`work.supervision.status.${o.status}`)}
            </Tag>
          ),
        },
        {
          title: t('work.supervision.response'),
          dataIndex: 'response',
          render: (r: string | null) => r ?? '—',
        },
        {
          title: '',
          key: 'close',
          width: 90,
          render: (_, o) =>
            o.status !== 'closed' && (
              <Button size="small" onClick={() => void close(o)}>
                {t('work.supervision.close')}
              </Button>
            ),
        },
      ]}
    />
  );
}
