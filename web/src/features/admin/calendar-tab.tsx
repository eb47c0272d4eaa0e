import { UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Flex,
  Popconfirm,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { describeError } from '../../shared/error-message';
import { useApiData } from '../../shared/use-api-data';
import { adminApi } from './admin-api';
import { parseCalendarFile } from './calendar-file';
import { useSubmit } from './use-submit';

/** 节假日日历: the year's holidays and make-up working days; upload a CSV or JSON file. */
export function CalendarTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [year, setYear] = useState<Dayjs>(dayjs());
  const [version, setVersion] = useState(0);
  const [problems, setProblems] = useState<string[]>([]);
  const { busy, run } = useSubmit();
  const y = year.year();
  const calendar = useApiData(`cal:${y}:${version}`, (signal) => adminApi.calendar(y, signal));
  const reload = () => setVersion((n) => n + 1);

  const upload = async (file: File) => {
    const parsed = parseCalendarFile(await file.text(), y);
    if (!parsed.ok) {
      setProblems(
        parsed.errors.map((e) =>
          t('admin.calendar.badLine', {
            line: e.line,
            reason: t(`admin.calendar.reasons.${e.reason}`),
          }),
        ),
      );
      return;
    }
    setProblems([]);
    const ok = await run(
      () => adminApi.loadCalendarYear(y, file.name.slice(0, 300), parsed.days),
      t('admin.calendar.loaded', { count: parsed.days.length }),
    );
    if (ok) {
      reload();
    }
  };

  return (
    <Flex vertical gap={12}>
      <Flex wrap gap={12} align="center">
        <DatePicker
          picker="year"
          value={year}
          allowClear={false}
          aria-label={t('admin.calendar.year')}
          onChange={(d) => d && setYear(d)}
        />
        <Upload
          accept=".csv,.json,.txt,text/csv,application/json"
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file).catch(
              (error: unknown) => void message.error(describeError(error, t)),
            );
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy}>
            {t('admin.calendar.upload', { year: y })}
          </Button>
        </Upload>
        {calendar.data && (
          <Typography.Text type={calendar.data.covered ? 'secondary' : 'warning'}>
            {calendar.data.covered
              ? t('admin.calendar.covered', { source: calendar.data.source ?? '—' })
              : t('admin.calendar.notCovered')}
          </Typography.Text>
        )}
      </Flex>
      <Typography.Paragraph type="secondary">{t('admin.calendar.format')}</Typography.Paragraph>
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={t('admin.calendar.rejected')}
          description={problems.slice(0, 10).join('；')}
        />
      )}
      {calendar.error !== undefined && (
        <Alert type="error" showIcon title={describeError(calendar.error, t)} />
      )}
      <Table
        rowKey="day"
        size="small"
        loading={calendar.loading}
        dataSource={calendar.data?.days ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: t('admin.calendar.empty') }}
        columns={[
          { title: t('admin.calendar.day'), dataIndex: 'day', width: 130 },
          {
            title: t('admin.calendar.kind'),
            dataIndex: 'isOffDay',
            width: 110,
            render: (off: boolean) => (
              <Tag color={off ? 'green' : 'orange'}>
                {off ? t('admin.calendar.off') : t('admin.calendar.work')}
              </Tag>
            ),
          },
          { title: t('admin.calendar.name'), dataIndex: 'name' },
          {
            title: '',
            key: 'delete',
            width: 90,
            render: (_, d) => (
              <Popconfirm
                title={t('admin.calendar.deleteConfirm', { day: d.day })}
                okText={t('admin.delete')}
                cancelText={t('work.cancel')}
                onConfirm={() =>
                  void run(() => adminApi.deleteCalendarDay(d.day), t('admin.saved')).then(reload)
                }
              >
                <Button size="small" danger>
                  {t('admin.delete')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Flex>
  );
}
