import { DownloadOutlined, ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import {
  Alert,
  AutoComplete,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { describeError } from '../../shared/error-message';
import { useApiData } from '../../shared/use-api-data';
import {
  ACTION_PREFIXES,
  actionName,
  auditApi,
  type AuditEntry,
  auditExportUrl,
  type AuditFilters,
  type ChainStatus,
  chainVerdict,
} from './audit-api';

const time = (ms: number) => dayjs(ms).format('YYYY-MM-DD HH:mm:ss');

interface FilterForm {
  period?: [Dayjs | null, Dayjs | null] | null;
  actor?: string;
  action?: string;
  outcome?: 'success' | 'failure';
  fullIp?: boolean;
}

/** Form values → API filters: whole local days, the end day included. */
function toFilters(v: FilterForm): AuditFilters {
  const [start, end] = v.period ?? [];
  return {
    ...(start ? { from: start.startOf('day').valueOf() } : {}),
    ...(end ? { to: end.add(1, 'day').startOf('day').valueOf() } : {}),
    ...(v.actor?.trim() ? { actor: v.actor.trim() } : {}),
    ...(v.action?.trim() ? { action: v.action.trim() } : {}),
    ...(v.outcome ? { outcome: v.outcome } : {}),
    ...(v.fullIp ? { fullIp: true } : {}),
  };
}

/** 完整 / 断链于 #seq: the verdict of `GET /audit/verify`, with a button to check again. */
function ChainBadge() {
  const { t } = useTranslation();
  const [version, setVersion] = useState(0);
  const status = useApiData<ChainStatus>(`verify:${version}`, (signal) => auditApi.verify(signal));
  let tag;
  if (status.loading) {
    tag = <Tag>{t('audit.chain.checking')}</Tag>;
  } else if (status.error !== undefined || status.data === undefined) {
    tag = (
      <Tooltip title={describeError(status.error, t)}>
        <Tag color="orange">{t('audit.chain.failed')}</Tag>
      </Tooltip>
    );
  } else {
    const v = chainVerdict(status.data);
    switch (v.kind) {
      case 'intact':
        tag = (
          <Tooltip title={t('audit.chain.intactHint', { checked: v.checked, seq: v.lastSeq ?? 0 })}>
            <Tag color="green" icon={<SafetyCertificateOutlined />}>
              {t('audit.chain.intact')}
            </Tag>
          </Tooltip>
        );
        break;
      case 'broken':
        tag = (
          <Tooltip title={t('audit.chain.brokenHint')}>
            <Tag color="red">{t('audit.chain.broken', { seq: v.seq })}</Tag>
          </Tooltip>
        );
        break;
      case 'headMismatch':
        tag = (
          <Tooltip title={t('audit.chain.headMismatchHint')}>
            <Tag color="red">{t('audit.chain.headMismatch', { seq: v.seq })}</Tag>
          </Tooltip>
        );
        break;
      case 'headsUnreadable':
        tag = <Tag color="red">{t('audit.chain.headsUnreadable')}</Tag>;
        break;
    }
  }
  return (
    <Space size="small" className="audit-chain" data-testid="audit-chain">
      <Typography.Text strong>{t('audit.chain.label')}</Typography.Text>
      {tag}
      <Button
        size="small"
        type="text"
        icon={<ReloadOutlined />}
        aria-label={t('audit.chain.recheck')}
        title={t('audit.chain.recheck')}
        disabled={status.loading}
        onClick={() => setVersion((n) => n + 1)}
      />
    </Space>
  );
}

/** The rows loaded so far for one filter set; `more` fetches the next (older) page. */
function useAuditRows(filters: AuditFilters) {
  const [state, setState] = useState<{
    items: AuditEntry[];
    nextBefore: number | null;
    loading: boolean;
    error: unknown;
  }>({ items: [], nextBefore: null, loading: true, error: undefined });
  const controller = useRef<AbortController | null>(null);

  const load = useCallback(
    (before: number | undefined) => {
      controller.current?.abort();
      const c = new AbortController();
      controller.current = c;
      setState((s) => ({ ...s, loading: true, error: undefined }));
      auditApi.list(filters, before, c.signal).then(
        (page) => {
          if (!c.signal.aborted) {
            setState((s) => ({
              items: before === undefined ? page.items : [...s.items, ...page.items],
              nextBefore: page.nextBefore,
              loading: false,
              error: undefined,
            }));
          }
        },
        (error: unknown) => {
          if (!c.signal.aborted) {
            setState((s) => ({ ...s, loading: false, error }));
          }
        },
      );
    },
    [filters],
  );

  useEffect(() => {
    load(undefined);
    return () => controller.current?.abort();
  }, [load]);

  return { ...state, more: () => state.nextBefore !== null && load(state.nextBefore) };
}

/** Who acted: the stored name, and the username and role; a failed login names the attempt. */
function ActorCell({ e }: { e: AuditEntry }) {
  const { t } = useTranslation();
  const attempted = e.actorUserId === null ? e.detail?.username : undefined;
  const label =
    typeof attempted === 'string'
      ? t('audit.attempt', { username: attempted })
      : e.actorUserId === null && e.actorLabel === '系统'
        ? t('audit.system')
        : e.actorLabel;
  return (
    <Flex vertical>
      <Typography.Text>{label}</Typography.Text>
      {e.actorUsername !== null && (
        <Typography.Text type="secondary" className="audit-actor-sub">
          {e.actorUsername}
          {e.actorRole !== null && ` · ${t(`roles.${e.actorRole}`)}`}
        </Typography.Text>
      )}
    </Flex>
  );
}

function ActionCell({ action }: { action: string }) {
  const { t } = useTranslation();
  const name = actionName(action);
  return (
    <Flex vertical>
      {name !== null && <Typography.Text>{t(`audit.actions.${name}`)}</Typography.Text>}
      <Typography.Text code className="audit-action-code">
        {action}
      </Typography.Text>
    </Flex>
  );
}

/**
 * 审计日志 (auditors only): the tamper-evident trail with filters, newest first, "load more"
 * by keyset, the chain's verdict and a CSV export of the current filters. Read-only: the page
 * offers nothing that changes a record.
 */
export function AuditPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<FilterForm>();
  const [filters, setFilters] = useState<AuditFilters>({});
  const rows = useAuditRows(filters);

  return (
    <Card className="work-page audit-page">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} className="page-title">
          {t('audit.title')}
        </Typography.Title>
        <ChainBadge />
      </Flex>
      <Typography.Paragraph type="secondary">{t('audit.subtitle')}</Typography.Paragraph>
      <Form<FilterForm>
        form={form}
        layout="inline"
        name="audit-filters"
        className="audit-filters"
        onFinish={(v) => setFilters(toFilters(v))}
      >
        <Form.Item name="period" label={t('audit.filters.period')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item name="actor" label={t('audit.filters.actor')}>
          <Input allowClear maxLength={64} placeholder={t('audit.filters.actorPlaceholder')} />
        </Form.Item>
        <Form.Item name="action" label={t('audit.filters.action')}>
          <AutoComplete
            allowClear
            className="audit-action-filter"
            placeholder={t('audit.filters.actionPlaceholder')}
            options={ACTION_PREFIXES.map((p) => ({ value: p }))}
            filterOption={(input, option) => String(option?.value ?? '').startsWith(input)}
          />
        </Form.Item>
        <Form.Item name="outcome" label={t('audit.filters.outcome')}>
          <Select
            allowClear
            className="audit-outcome-filter"
            placeholder={t('audit.filters.anyOutcome')}
            options={(['success', 'failure'] as const).map((o) => ({
              value: o,
              label: t(`audit.outcome.${o}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="fullIp" valuePropName="checked">
          <Checkbox>
            <Tooltip title={t('audit.filters.fullIpHint')}>{t('audit.filters.fullIp')}</Tooltip>
          </Checkbox>
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              {t('audit.filters.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setFilters({});
              }}
            >
              {t('audit.filters.reset')}
            </Button>
            <Button icon={<DownloadOutlined />} href={auditExportUrl(filters)} download>
              {t('audit.export')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
      {rows.error !== undefined && (
        <Alert className="form-alert" type="error" showIcon title={describeError(rows.error, t)} />
      )}
      <Table<AuditEntry>
        size="small"
        rowKey="seq"
        className="audit-table"
        loading={rows.loading && rows.items.length === 0}
        dataSource={rows.items}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: t('audit.empty') }}
        expandable={{
          expandedRowRender: (e) => (
            <Flex vertical gap={4}>
              {e.detail !== null && (
                <pre className="audit-detail-full">{JSON.stringify(e.detail, null, 2)}</pre>
              )}
              <Typography.Text type="secondary" className="audit-hash">
                {t('audit.hash')}: {e.hash}
              </Typography.Text>
            </Flex>
          ),
        }}
        columns={[
          {
            title: t('audit.columns.seq'),
            dataIndex: 'seq',
            width: 80,
            render: (seq: number) => `#${seq}`,
          },
          { title: t('audit.columns.at'), dataIndex: 'at', width: 170, render: time },
          {
            title: t('audit.columns.actor'),
            key: 'actor',
            width: 180,
            render: (_, e) => <ActorCell e={e} />,
          },
          {
            title: t('audit.columns.action'),
            dataIndex: 'action',
            width: 200,
            render: (a: string) => <ActionCell action={a} />,
          },
          {
            title: t('audit.columns.target'),
            key: 'target',
            width: 180,
            render: (_, e) =>
              e.targetType === null ? '—' : `${e.targetType}${e.targetId ? ` ${e.targetId}` : ''}`,
          },
          {
            title: t('audit.columns.ip'),
            dataIndex: 'ip',
            width: 150,
            render: (ip: string | null) => ip ?? '—',
          },
          {
            title: t('audit.columns.outcome'),
            dataIndex: 'outcome',
            width: 80,
            render: (o: AuditEntry['outcome']) => (
              <Tag color={o === 'success' ? 'green' : 'red'}>{t(`audit.outcome.${o}`)}</Tag>
            ),
          },
          {
            title: t('audit.columns.detail'),
            dataIndex: 'detail',
            ellipsis: true,
            render: (d: AuditEntry['detail']) =>
              d === null ? (
                ''
              ) : (
                <Typography.Text type="secondary">{JSON.stringify(d)}</Typography.Text>
              ),
          },
        ]}
      />
      <Flex justify="center" className="audit-more">
        {rows.nextBefore !== null ? (
          <Button loading={rows.loading} onClick={() => rows.more()}>
            {t('audit.loadMore')}
          </Button>
        ) : (
          rows.items.length > 0 && (
            <Typography.Text type="secondary">{t('audit.end')}</Typography.Text>
          )
        )}
      </Flex>
    </Card>
  );
}
