import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

import { describeError } from '../../shared/error-message';
import { useApiData } from '../../shared/use-api-data';
import { CommunitySelect } from '../admin/community-select';
import { useSubmit } from '../admin/use-submit';
import { useCurrentUser } from '../auth/use-current-user';
import { type ClusterCandidate, type ClusterRun, dataApi } from './data-api';

const time = (ms: number) => dayjs(ms).format('YYYY-MM-DD HH:mm');

/** 聚类审核: create a run over a month's unlinked troubles, then review its candidates. */
export function ClustersPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const runId = params.get('run');
  return (
    <Card className="work-page clusters-page">
      <Typography.Title level={3} className="page-title">
        {t('data.clusters.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('data.clusters.subtitle')}</Typography.Paragraph>
      {runId === null ? (
        <RunList onOpen={(id) => setParams({ run: id })} />
      ) : (
        <RunView runId={runId} onBack={() => setParams({})} />
      )}
    </Card>
  );
}

function RunList({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [communityId, setCommunityId] = useState<string | undefined>(user.communityId ?? undefined);
  const [month, setMonth] = useState<Dayjs>(() => dayjs().subtract(1, 'month'));
  const { busy, run } = useSubmit();
  const runs = useApiData(`runs:${communityId ?? ''}`, (signal) =>
    dataApi.clusterRuns(communityId, signal),
  );
  const create = () => {
    let id = '';
    void run(async () => {
      id = (await dataApi.createClusterRun(communityId!, month.format('YYYY-MM'))).id;
    }, t('data.clusters.created')).then((ok) => {
      if (ok) {
        onOpen(id);
      }
    });
  };
  return (
    <Flex vertical gap={16}>
      <Flex gap={8} wrap align="center" className="cluster-create">
        <CommunitySelect value={communityId} onChange={setCommunityId} />
        <DatePicker
          picker="month"
          allowClear={false}
          aria-label={t('data.clusters.month')}
          value={month}
          onChange={(v) => v && setMonth(v)}
        />
        <Button type="primary" loading={busy} disabled={!communityId} onClick={create}>
          {t('data.clusters.create')}
        </Button>
      </Flex>
      {runs.error !== undefined && (
        <Alert type="error" showIcon title={describeError(runs.error, t)} />
      )}
      <Typography.Title level={5}>{t('data.clusters.runs')}</Typography.Title>
      <Table
        size="small"
        rowKey="id"
        loading={runs.loading}
        dataSource={runs.data ?? []}
        locale={{ emptyText: t('data.clusters.noRuns') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        columns={[
          {
            title: t('data.clusters.month'),
            key: 'label',
            render: (_, r) =>
              t('data.clusters.runLabel', {
                community: r.communityName ?? '',
                month: r.month ?? '—',
              }),
          },
          { title: t('data.clusters.items'), dataIndex: 'items', width: 100, align: 'right' },
          {
            title: t('data.clusters.candidates'),
            dataIndex: 'clusters',
            width: 100,
            align: 'right',
          },
          {
            title: t('data.clusters.createdAt'),
            dataIndex: 'createdAt',
            width: 160,
            render: time,
          },
          {
            key: 'open',
            width: 90,
            render: (_, r) => (
              <Button type="link" onClick={() => onOpen(r.id)}>
                {t('data.clusters.open')}
              </Button>
            ),
          },
        ]}
      />
    </Flex>
  );
}

function RunView({ runId, onBack }: { runId: string; onBack: () => void }) {
  const { t } = useTranslation();
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState<ClusterCandidate | null>(null);
  const detail = useApiData(`run:${runId}:${version}`, (signal) =>
    dataApi.clusterRun(runId, signal),
  );
  const reload = () => setVersion((v) => v + 1);
  const data = detail.data?.id === runId ? detail.data : undefined;
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Button onClick={onBack}>{t('data.clusters.back')}</Button>
        {data && (
          <Typography.Text strong>
            {t('data.clusters.runLabel', { community: data.communityName, month: data.month })} ·{' '}
            {t('data.clusters.members', { count: data.items })}
          </Typography.Text>
        )}
      </Flex>
      {detail.error !== undefined && (
        <Alert type="error" showIcon title={describeError(detail.error, t)} />
      )}
      {data !== undefined && data.clusters.length === 0 && (
        <Empty description={t('data.clusters.noCandidates')} />
      )}
      {data?.clusters.map((c) => (
        <CandidateCard
          key={c.id}
          run={data}
          candidate={c}
          onChanged={reload}
          onEdit={() => setEditing(c)}
        />
      ))}
      {data && (
        <EditModal
          run={data}
          candidate={editing}
          onClose={() => setEditing(null)}
          onDone={reload}
        />
      )}
    </Flex>
  );
}

function CandidateCard({
  run,
  candidate: c,
  onChanged,
  onEdit,
}: {
  run: ClusterRun;
  candidate: ClusterCandidate;
  onChanged: () => void;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const { busy, run: submit } = useSubmit();
  const decided = c.status !== 'proposed';
  const statusTag =
    c.status === 'accepted' ? (
      <Tag color="success">{t('data.clusters.accepted')}</Tag>
    ) : c.status === 'rejected' ? (
      <Tag>{t('data.clusters.rejected')}</Tag>
    ) : (
      <Tag color="processing">{t('data.clusters.proposed')}</Tag>
    );
  return (
    <Card
      size="small"
      className="cluster-card"
      data-testid="cluster-card"
      title={
        <Space wrap>
          <span>
            {c.ordinal}. {c.title}
          </span>
          {statusTag}
        </Space>
      }
      extra={
        !decided && (
          <Space wrap>
            <Button onClick={onEdit}>{t('data.clusters.edit')}</Button>
            <Button
              danger
              onClick={() =>
                void modal.confirm({
                  title: t('data.clusters.reject'),
                  content: t('data.clusters.rejectConfirm'),
                  okText: t('data.clusters.reject'),
                  cancelText: t('work.cancel'),
                  onOk: () =>
                    submit(
                      () => dataApi.rejectCluster(run.id, c.id),
                      t('data.clusters.rejectedDone'),
                    ).then(onChanged),
                })
              }
            >
              {t('data.clusters.reject')}
            </Button>
            <Button
              type="primary"
              loading={busy}
              onClick={() =>
                void submit(
                  () => dataApi.acceptCluster(run.id, c.id),
                  t('data.clusters.acceptedDone'),
                ).then(onChanged)
              }
            >
              {t('data.clusters.accept')}
            </Button>
          </Space>
        )
      }
    >
      <Flex gap={8} wrap align="center" className="cluster-meta" style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">{t('data.clusters.keywords')}：</Typography.Text>
        {c.keywords.map((k) => (
          <Tag key={k} color="blue">
            {k}
          </Tag>
        ))}
        <Typography.Text type="secondary">
          {t('data.clusters.cohesion', { value: c.cohesion.toFixed(2) })} ·{' '}
          {t('data.clusters.members', { count: c.members.length })}
        </Typography.Text>
      </Flex>
      <Table
        size="small"
        rowKey="troubleId"
        className="cluster-members"
        dataSource={c.members}
        pagination={false}
        scroll={{ x: 560 }}
        columns={[
          {
            title: t('work.fields.code'),
            dataIndex: 'code',
            width: 170,
            render: (code: string) => <Typography.Text type="secondary">{code}</Typography.Text>,
          },
          { title: t('work.fields.title'), dataIndex: 'title' },
          { title: t('work.fields.receivedAt'), dataIndex: 'receivedAt', width: 150, render: time },
          {
            title: t('data.clusters.similarity'),
            dataIndex: 'similarity',
            width: 90,
            align: 'right',
            render: (v: number) => v.toFixed(2),
          },
        ]}
      />
    </Card>
  );
}

function EditModal({
  run,
  candidate,
  onClose,
  onDone,
}: {
  run: ClusterRun;
  candidate: ClusterCandidate | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ title: string; moveIn: string[]; moveOut: string[] }>();
  const { busy, run: submit } = useSubmit();
  const others = run.clusters.filter((c) => c.status === 'proposed' && c.id !== candidate?.id);
  return (
    <Modal
      open={candidate !== null}
      title={t('data.clusters.editTitle')}
      okText={t('work.submit')}
      cancelText={t('work.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {candidate && (
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ title: candidate.title, moveIn: [], moveOut: [] }}
          onFinish={(v) =>
            void submit(
              () =>
                dataApi.editCluster(run.id, candidate.id, {
                  ...(v.title.trim() !== candidate.title ? { title: v.title.trim() } : {}),
                  ...(v.moveIn.length > 0 ? { moveIn: v.moveIn } : {}),
                  ...(v.moveOut.length > 0 ? { moveOut: v.moveOut } : {}),
                }),
              t('data.clusters.saved'),
            ).then((ok) => {
              if (ok) {
                onClose();
                onDone();
              }
            })
          }
        >
          <Form.Item
            name="title"
            label={t('data.clusters.candidateTitle')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="moveIn" label={t('data.clusters.moveIn')}>
            <Select
              mode="multiple"
              options={others.map((o) => ({
                label: `${o.ordinal}. ${o.title}`,
                options: o.members.map((m) => ({
                  value: m.troubleId,
                  label: `${m.code} ${m.title}`,
                })),
              }))}
            />
          </Form.Item>
          <Form.Item name="moveOut" label={t('data.clusters.moveOut')}>
            <Select
              mode="multiple"
              options={candidate.members.map((m) => ({
                value: m.troubleId,
                label: `${m.code} ${m.title}`,
              }))}
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
