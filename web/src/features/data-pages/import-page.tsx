import { InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Progress,
  Select,
  Statistic,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { paths } from '../../app/paths';
import { describeError } from '../../shared/error-message';
import { CommunitySelect } from '../admin/community-select';
import { useCurrentUser } from '../auth/use-current-user';
import { dataApi, IMPORT_KINDS, type ImportJob, type ImportKind } from './data-api';

const POLL_MS = 500;
const RUNNING = new Set<ImportJob['status']>(['validating', 'committing']);

/** Polls the job every 500 ms while it validates or commits. */
function useImportJob(initial: ImportJob | null) {
  const [job, setJob] = useState<ImportJob | null>(initial);
  const [error, setError] = useState<unknown>();
  useEffect(() => setJob(initial), [initial]);
  const id = job?.id;
  const running = job !== null && RUNNING.has(job.status);
  useEffect(() => {
    if (id === undefined || !running) {
      return undefined;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      dataApi.importJob(id, controller.signal).then(setJob, (e: unknown) => {
        if (!controller.signal.aborted) {
          setError(e);
        }
      });
    }, POLL_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [id, running, job]);
  return { job, setJob, error };
}

/** 数据导入: choose kind and community, upload, dry run with progress, errors, commit. */
export function ImportPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const user = useCurrentUser();
  const [kind, setKind] = useState<ImportKind>('troubles');
  const [communityId, setCommunityId] = useState<string | undefined>(user.communityId ?? undefined);
  const [file, setFile] = useState<File | null>(null);
  const [uploaded, setUploaded] = useState<ImportJob | null>(null);
  const [busy, setBusy] = useState(false);
  const { job, setJob, error: pollError } = useImportJob(uploaded);
  const kinds = IMPORT_KINDS.filter((k) => k !== 'departments' || user.role === 'admin');

  const upload = async () => {
    if (file === null) {
      return;
    }
    setBusy(true);
    try {
      setUploaded(await dataApi.upload(kind, communityId, file));
    } catch (e) {
      void message.error(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };
  const commit = (current: ImportJob) =>
    modal.confirm({
      title: t('data.imports.commit'),
      content: t('data.imports.commitConfirm', { count: current.counts.good }),
      okText: t('data.imports.commit'),
      cancelText: t('work.cancel'),
      onOk: async () => {
        try {
          setJob(await dataApi.commitImport(current.id));
        } catch (e) {
          void message.error(describeError(e, t));
        }
      },
    });
  const reset = () => {
    setUploaded(null);
    setJob(null);
    setFile(null);
  };

  return (
    <Card className="work-page import-page">
      <Typography.Title level={3} className="page-title">
        {t('data.imports.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('data.imports.subtitle')}</Typography.Paragraph>
      {job === null ? (
        <Form layout="vertical" className="import-form" onFinish={() => void upload()}>
          <Flex gap={16} wrap>
            <Form.Item label={t('data.imports.kind')}>
              <Select
                aria-label={t('data.imports.kind')}
                value={kind}
                onChange={setKind}
                style={{ minWidth: 180 }}
                options={kinds.map((k) => ({ value: k, label: t(`data.imports.kinds.${k}`) }))}
              />
            </Form.Item>
            <Form.Item label={t('data.imports.community')}>
              {kind === 'departments' ? (
                <Typography.Text type="secondary">{t('data.imports.countyWide')}</Typography.Text>
              ) : (
                <CommunitySelect value={communityId} onChange={setCommunityId} />
              )}
            </Form.Item>
          </Flex>
          <Form.Item label={t('data.imports.file')}>
            <Upload.Dragger
              accept=".xlsx,.csv,.txt"
              maxCount={1}
              beforeUpload={(f) => {
                setFile(f);
                return false;
              }}
              onRemove={() => setFile(null)}
              fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('data.imports.choose')}</p>
              <p className="ant-upload-hint">{t('data.imports.hint')}</p>
            </Upload.Dragger>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} disabled={file === null}>
            {t('data.imports.upload')}
          </Button>
        </Form>
      ) : (
        <ImportJobView
          job={job}
          error={pollError}
          onCommit={() => void commit(job)}
          onReset={reset}
        />
      )}
    </Card>
  );
}

function ImportJobView({
  job,
  error,
  onCommit,
  onReset,
}: {
  job: ImportJob;
  error: unknown;
  onCommit: () => void;
  onReset: () => void;
}) {
  const { t } = useTranslation();
  const running = RUNNING.has(job.status);
  const { rowsRead, totalEstimate } = job.progress;
  const statusColor =
    job.status === 'committed'
      ? 'success'
      : job.status === 'failed' || job.status === 'interrupted'
        ? 'error'
        : running
          ? 'processing'
          : 'blue';
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text strong>
          {job.fileName} · {t(`data.imports.kinds.${job.kind}`)}{' '}
          <Tag color={statusColor} data-testid="import-status">
            {t(`data.imports.status.${job.status}`)}
          </Tag>
        </Typography.Text>
        <Button onClick={onReset} disabled={running}>
          {t('data.imports.newImport')}
        </Button>
      </Flex>
      {error !== undefined && <Alert type="error" showIcon title={describeError(error, t)} />}
      {job.failure && <Alert type="error" showIcon title={job.failure.message} />}
      <div>
        <Progress
          percent={job.status === 'committing' ? committingPercent(job) : job.progress.percent}
          status={running ? 'active' : job.status === 'failed' ? 'exception' : 'normal'}
        />
        <Typography.Text type="secondary">
          {totalEstimate
            ? t('data.imports.rowsRead', { read: rowsRead, total: totalEstimate })
            : t('data.imports.rowsReadNoTotal', { read: rowsRead })}
        </Typography.Text>
      </div>
      <Flex gap={32} wrap className="import-counts">
        <Statistic title={t('data.imports.counts.good')} value={job.counts.good} />
        <Statistic
          title={t('data.imports.counts.bad')}
          value={job.counts.bad}
          styles={{ content: job.counts.bad > 0 ? { color: '#cf1322' } : {} }}
        />
        <Statistic title={t('data.imports.counts.skipped')} value={job.counts.skipped} />
        {(job.status === 'committing' || job.status === 'committed') && (
          <Statistic title={t('data.imports.counts.committed')} value={job.counts.committed} />
        )}
      </Flex>
      {job.status === 'committed' && (
        <Alert
          type="success"
          showIcon
          title={t('data.imports.done', { count: job.counts.committed })}
          action={
            job.kind === 'troubles' ? (
              <Link to={paths.workbench}>{t('data.imports.openWorkbench')}</Link>
            ) : undefined
          }
        />
      )}
      <Flex gap={8} wrap>
        {(job.status === 'validated' ||
          job.status === 'failed' ||
          job.status === 'interrupted') && (
          <Button type="primary" onClick={onCommit} disabled={job.counts.good === 0}>
            {job.status === 'validated' ? t('data.imports.commit') : t('data.imports.resume')}
          </Button>
        )}
        {job.counts.bad > 0 && !running && (
          <Button href={dataApi.importErrorsUrl(job.id)} download>
            {t('data.imports.downloadErrors')}
          </Button>
        )}
        {job.status === 'validated' && job.counts.good === 0 && (
          <Typography.Text type="secondary">{t('data.imports.nothingToCommit')}</Typography.Text>
        )}
      </Flex>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'format', label: t('data.imports.format'), children: job.format.toUpperCase() },
          { key: 'encoding', label: t('data.imports.encoding'), children: job.encoding ?? '—' },
          { key: 'header', label: t('data.imports.headerRow'), children: job.headerRow ?? '—' },
        ]}
      />
      <Typography.Title level={5}>{t('data.imports.errors')}</Typography.Title>
      <Table
        size="small"
        className="import-errors"
        rowKey={(e) => `${e.row}:${e.column}:${e.code}`}
        dataSource={job.errors}
        locale={{ emptyText: t('data.imports.noErrors') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        columns={[
          { title: t('data.imports.row'), dataIndex: 'row', width: 80 },
          { title: t('data.imports.column'), dataIndex: 'column', width: 160 },
          { title: t('data.imports.reason'), dataIndex: 'message' },
        ]}
      />
      <Typography.Title level={5}>{t('data.imports.mapping')}</Typography.Title>
      <Table
        size="small"
        rowKey="column"
        dataSource={job.columns}
        pagination={false}
        scroll={{ x: 480 }}
        columns={[
          { title: t('data.imports.column'), dataIndex: 'column', width: 80 },
          { title: t('data.imports.header'), dataIndex: 'header' },
          {
            title: t('data.imports.field'),
            dataIndex: 'field',
            render: (f: string | null) =>
              f === null ? (
                <Typography.Text type="secondary">{t('data.imports.ignored')}</Typography.Text>
              ) : (
                <Tag>{f}</Tag>
              ),
          },
        ]}
      />
    </Flex>
  );
}

function committingPercent(job: ImportJob): number {
  const total = job.counts.good;
  return total === 0 ? 0 : Math.min(99, Math.floor((job.counts.committed / total) * 100));
}
