import { Alert, Button, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import {
  NOTIFICATION_EVENT_LABELS,
  type NotificationEvent,
} from '../../../../common/notifications';
import { describeError } from '../../shared/error-message';
import { useApiData } from '../../shared/use-api-data';
import { useLanguage } from '../../shared/use-language';
import { dataApi, type Delivery } from '../data-pages/data-api';
import { useSubmit } from './use-submit';

const time = (ms: number | null) => (ms === null ? '—' : dayjs(ms).format('YYYY-MM-DD HH:mm'));

/** 发送失败: notifications that used up their attempts; retry queues one again. */
export function DeliveriesTab() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const [version, setVersion] = useState(0);
  const { run } = useSubmit();
  const list = useApiData(`deliveries:${version}`, (signal) => dataApi.failedDeliveries(signal));
  const eventLabel = (e: string) =>
    NOTIFICATION_EVENT_LABELS[e as NotificationEvent]?.[language] ?? e;
  return (
    <>
      {list.error !== undefined && (
        <Alert type="error" showIcon title={describeError(list.error, t)} />
      )}
      <Table<Delivery>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data ?? []}
        locale={{ emptyText: t('data.deliveries.empty') }}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        columns={[
          {
            title: t('data.deliveries.event'),
            dataIndex: 'event',
            width: 130,
            render: (e: string) => <Tag>{eventLabel(e)}</Tag>,
          },
          {
            title: t('data.deliveries.channel'),
            key: 'channel',
            width: 160,
            render: (_, d) => `${d.channelName} · ${t(`data.channels.kinds.${d.channelKind}`)}`,
          },
          { title: t('data.deliveries.message'), dataIndex: 'title' },
          {
            title: t('data.deliveries.attempts'),
            key: 'attempts',
            width: 90,
            render: (_, d) => `${d.attempts} / ${d.maxAttempts}`,
          },
          {
            title: t('data.deliveries.lastError'),
            dataIndex: 'lastError',
            width: 220,
            render: (e: string | null) => (
              <Typography.Text type="danger" ellipsis={{ tooltip: e }}>
                {e ?? '—'}
              </Typography.Text>
            ),
          },
          {
            title: t('data.deliveries.lastAttemptAt'),
            dataIndex: 'lastAttemptAt',
            width: 140,
            render: time,
          },
          {
            key: 'retry',
            width: 80,
            render: (_, d) => (
              <Button
                type="link"
                onClick={() =>
                  void run(() => dataApi.retryDelivery(d.id), t('data.deliveries.retried')).then(
                    () => setVersion((v) => v + 1),
                  )
                }
              >
                {t('data.deliveries.retry')}
              </Button>
            ),
          },
        ]}
      />
    </>
  );
}
