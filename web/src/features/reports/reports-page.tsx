import { FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Flex, Select, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { describeError } from '../../shared/error-message';
import { useCurrentUser } from '../auth/use-current-user';
import { type CommunityItem, formatBytes, type ReportItem, reportsApi } from './reports-api';

const CAN_GENERATE = new Set(['staff', 'supervisor', 'admin']);

/** 月报: the stored monthly reports of a community, generated on the 1st or on demand. */
export function ReportsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const [communities, setCommunities] = useState<CommunityItem[]>([]);
  const [communityId, setCommunityId] = useState<string | undefined>(user.communityId ?? undefined);
  const [month, setMonth] = useState<Dayjs>(dayjs().subtract(1, 'month'));
  const [items, setItems] = useState<ReportItem[]>([]);
  const [loading, setLoading] = useState(true);
  const [generating, setGenerating] = useState(false);

  useEffect(() => {
    reportsApi
      .communities()
      .then((list) => {
        setCommunities(list);
        setCommunityId((current) => current ?? list[0]?.id);
      })
      .catch((error: unknown) => void message.error(describeError(error, t)));
  }, [message, t]);

  const reload = useCallback(() => {
    setLoading(true);
    reportsApi
      .list(communityId)
      .then(setItems)
      .catch((error: unknown) => void message.error(describeError(error, t)))
      .finally(() => setLoading(false));
  }, [communityId, message, t]);

  useEffect(reload, [reload]);

  const generate = () => {
    if (!communityId) {
      return;
    }
    setGenerating(true);
    reportsApi
      .generate(communityId, month.format('YYYY-MM'))
      .then(() => {
        void message.success(t('reports.generated'));
        reload();
      })
      .catch((error: unknown) => void message.error(describeError(error, t)))
      .finally(() => setGenerating(false));
  };

  return (
    <Card title={t('reports.title')}>
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary">{t('reports.intro')}</Typography.Paragraph>
        <Flex gap={12} wrap align="center" className="reports-toolbar">
          <Select
            aria-label={t('reports.community')}
            className="reports-community"
            value={communityId}
            options={communities.map((c) => ({ value: c.id, label: c.name }))}
            onChange={setCommunityId}
            disabled={user.role === 'staff'}
          />
          {CAN_GENERATE.has(user.role) && (
            <Space>
              <DatePicker
                picker="month"
                aria-label={t('reports.month')}
                value={month}
                allowClear={false}
                disabledDate={(d) => d.isAfter(dayjs(), 'month')}
                onChange={(d) => d && setMonth(d)}
              />
              <Button
                type="primary"
                loading={generating}
                onClick={generate}
                disabled={!communityId}
              >
                {t('reports.generate')}
              </Button>
            </Space>
          )}
        </Flex>
        <Table<ReportItem>
          rowKey="id"
          loading={loading}
          dataSource={items}
          pagination={{ pageSize: 12, hideOnSinglePage: true }}
          locale={{ emptyText: t('reports.empty') }}
          columns={[
            {
              title: t('reports.columns.month'),
              dataIndex: 'month',
              render: (m: string) =>
                t('reports.monthLabel', { year: m.slice(0, 4), month: Number(m.slice(5, 7)) }),
            },
            { title: t('reports.columns.community'), dataIndex: 'communityName' },
            {
              title: t('reports.columns.generatedAt'),
              dataIndex: 'generatedAt',
              render: (ms: number) => dayjs(ms).format('YYYY-MM-DD HH:mm'),
            },
            {
              title: t('reports.columns.generatedBy'),
              dataIndex: 'generatedByName',
              render: (name: string | null) => name ?? t('reports.scheduler'),
            },
            {
              title: t('reports.columns.download'),
              key: 'download',
              render: (_: unknown, r) => (
                <Space size="middle">
                  <a href={r.pdfUrl} download>
                    <FilePdfOutlined /> PDF（{formatBytes(r.pdfBytes)}）
                  </a>
                  <a href={r.xlsxUrl} download>
                    <FileExcelOutlined /> XLSX（{formatBytes(r.xlsxBytes)}）
                  </a>
                </Space>
              ),
            },
          ]}
        />
      </Flex>
    </Card>
  );
}
