import {
  App,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Input,
  Result,
  Skeleton,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { describeError } from '../../shared/error-message';
import { useApiData } from '../../shared/use-api-data';
import { useCurrentUser } from '../auth/use-current-user';
import { ReplyQualityPanel } from '../data-pages/reply-quality-panel';
import { EventTimeline } from './event-timeline';
import { ProblemActionModal } from './problem-action-modal';
import { availableActions, type ProblemActionKind } from './problem-actions';
import { DueText, PriorityTag, ProblemStatusTag } from './problem-tags';
import type { ProblemDetail, ProblemSupervisionOrder } from './problem-types';
import { problemsApi } from './problems-api';

/** Who sees the reply-quality scores (beside the send-back action). */
const REPLY_QUALITY_ROLES = new Set(['staff', 'supervisor', 'admin']);

/** The step each role usually takes next gets the primary button. */
const PRIMARY_ACTIONS = new Set<ProblemActionKind>([
  'dispatch',
  'accept',
  'close',
  'issueSupervision',
]);

const time = (ms: number | null) => (ms === null ? '—' : dayjs(ms).format('YYYY-MM-DD HH:mm'));

function nextDue(p: ProblemDetail) {
  return p.coordinatedAt === null ? p.coordinationDueAt : p.resolutionDueAt;
}

function SupervisionOrders({
  problem,
  onChanged,
}: {
  problem: ProblemDetail;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const user = useCurrentUser();
  const canRespond = user.role === 'staff' || user.role === 'department';
  const canClose = user.role === 'supervisor' || user.role === 'admin';
  if (problem.supervisionOrders.length === 0) {
    return null;
  }
  const respond = (order: ProblemSupervisionOrder) => {
    let text = '';
    modal.confirm({
      title: t('work.supervision.respondTitle', { code: order.code }),
      content: (
        <Input.TextArea
          rows={3}
          maxLength={2000}
          aria-label={t('work.supervision.response')}
          onChange={(e) => {
            text = e.target.value;
          }}
        />
      ),
      okText: t('work.submit'),
      cancelText: t('work.cancel'),
      onOk: () =>
        problemsApi
          .respondSupervision(order.id, text)
          .then(() => {
            void message.success(t('work.supervision.responded'));
            onChanged();
          })
          .catch((error: unknown) => {
            void message.error(describeError(error, t));
            throw error;
          }),
    });
  };
  const close = (order: ProblemSupervisionOrder) =>
    problemsApi
      .closeSupervision(order.id, null)
      .then(() => {
        void message.success(t('work.supervision.closed'));
        onChanged();
      })
      .catch((error: unknown) => void message.error(describeError(error, t)));
  return (
    <>
      <Typography.Title level={5}>{t('work.supervision.title')}</Typography.Title>
      {problem.supervisionOrders.map((o) => (
        <div key={o.id} className="supervision-order">
          <Flex justify="space-between" align="center" wrap gap={8}>
            <span>
              <Typography.Text strong>{o.code}</Typography.Text>{' '}
              <Tag color={o.status === 'closed' ? 'default' : 'red'}>
                {t(`work.supervision.status.${o.status as 'issued'}`)}
              </Tag>
              <Typography.Text type="secondary">
                {t('work.supervision.dueAt', { time: time(o.dueAt) })}
              </Typography.Text>
            </span>
            <span>
              {canRespond && o.status === 'issued' && (
                <Button size="small" onClick={() => respond(o)}>
                  {t('work.supervision.respond')}
                </Button>
              )}
              {canClose && o.status !== 'closed' && (
                <Button size="small" onClick={() => void close(o)}>
                  {t('work.supervision.close')}
                </Button>
              )}
            </span>
          </Flex>
          <div>{t('work.supervision.reasonLine', { reason: o.reason })}</div>
          <div>{t('work.supervision.demandLine', { demand: o.demand })}</div>
          {o.response && <div>{t('work.supervision.responseLine', { response: o.response })}</div>}
        </div>
      ))}
    </>
  );
}

function ProblemBody({
  problem,
  onChanged,
  version,
}: {
  problem: ProblemDetail;
  onChanged: () => void;
  version: number;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const [action, setAction] = useState<ProblemActionKind | null>(null);
  const actions = availableActions(problem, user);
  const now = Date.now();

  const run = (kind: ProblemActionKind) => {
    if (kind !== 'accept') {
      setAction(kind);
      return;
    }
    problemsApi
      .act(problem.id, 'accept')
      .then(() => {
        void message.success(t('work.actionDone', { action: t('work.actions.accept') }));
        onChanged();
      })
      .catch((error: unknown) => void message.error(describeError(error, t)));
  };

  return (
    <Flex vertical gap={16}>
      <Flex wrap gap={8} className="problem-actions">
        {actions.map((kind) => (
          <Button
            key={kind}
            type={PRIMARY_ACTIONS.has(kind) ? 'primary' : 'default'}
            onClick={() => run(kind)}
          >
            {t(`work.actions.${kind}`)}
          </Button>
        ))}
      </Flex>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          {
            key: 'status',
            label: t('work.fields.status'),
            children: <ProblemStatusTag status={problem.status} />,
          },
          {
            key: 'priority',
            label: t('work.fields.priority'),
            children: <PriorityTag priority={problem.priority} />,
          },
          {
            key: 'category',
            label: t('work.fields.category'),
            children: problem.category?.name ?? '—',
          },
          {
            key: 'workers',
            label: t('work.fields.workersAffected'),
            children: problem.workersAffected,
          },
          {
            key: 'received',
            label: t('work.fields.receivedAt'),
            children: time(problem.receivedAt),
          },
          {
            key: 'due',
            label: t('work.fields.nextDue'),
            children: (
              <DueText
                item={{
                  status: problem.status,
                  nextDueAt: nextDue(problem),
                  overdueKind: problem.overdueKind,
                }}
                now={now}
              />
            ),
          },
          {
            key: 'coordination',
            label: t('work.fields.coordinationDue'),
            children: time(problem.coordinationDueAt),
          },
          {
            key: 'resolution',
            label: t('work.fields.resolutionDue'),
            children: time(problem.resolutionDueAt),
          },
          { key: 'reopens', label: t('work.fields.reopenCount'), children: problem.reopenCount },
          {
            key: 'departments',
            label: t('work.fields.departments'),
            span: 'filled',
            children:
              problem.departments.length === 0
                ? '—'
                : problem.departments.map((d) => (
                    <Tag key={d.id} color={d.role === 'lead' ? 'blue' : 'default'}>
                      {d.name} · {t(`work.departmentRole.${d.role as 'lead'}`)} ·{' '}
                      {t(`work.assignmentStatus.${d.status as 'assigned'}`)}
                    </Tag>
                  )),
          },
        ]}
      />
      {problem.summary && <Typography.Paragraph>{problem.summary}</Typography.Paragraph>}
      {problem.resolutionText && (
        <Typography.Paragraph className="resolution-text">
          <Typography.Text strong>
            {['resolved', 'replied', 'closed'].includes(problem.status)
              ? t('work.fields.answer')
              : t('work.fields.previousAnswer')}
            ：
          </Typography.Text>
          {problem.resolutionText}
        </Typography.Paragraph>
      )}
      {problem.resolutionText && REPLY_QUALITY_ROLES.has(user.role) && (
        <ReplyQualityPanel problemId={problem.id} version={version} />
      )}
      <Typography.Title level={5}>
        {t('work.fields.troubles', { count: problem.troubles.length })}
      </Typography.Title>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={problem.troubles}
        scroll={{ x: 480 }}
        columns={[
          { title: t('work.fields.code'), dataIndex: 'code', width: 150 },
          { title: t('work.fields.title'), dataIndex: 'title' },
          { title: t('work.fields.receivedAt'), dataIndex: 'receivedAt', width: 140, render: time },
        ]}
      />
      {problem.extensions.length > 0 && (
        <>
          <Typography.Title level={5}>{t('work.extensions.title')}</Typography.Title>
          {problem.extensions.map((e) => (
            <div key={e.id}>
              <Tag>{t(`work.extensions.status.${e.status as 'pending'}`)}</Tag>
              {t('work.extensions.line', {
                from: time(e.currentDueAt),
                to: time(e.requestedDueAt),
                reason: e.reason,
              })}
            </div>
          ))}
        </>
      )}
      <SupervisionOrders problem={problem} onChanged={onChanged} />
      <Typography.Title level={5}>{t('work.timeline.title')}</Typography.Title>
      <EventTimeline entity="problem" id={problem.id} version={version} />
      <ProblemActionModal
        kind={action}
        problem={problem}
        onClose={() => setAction(null)}
        onDone={() => {
          setAction(null);
          onChanged();
        }}
      />
    </Flex>
  );
}

/** One problem: facts, departments, troubles, extensions, 督办单, the actions and the timeline. */
export function ProblemDrawer({
  problemId,
  onClose,
  onChanged,
}: {
  problemId: string | null;
  onClose: () => void;
  /** Called after every successful action, so that queues reload. */
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [version, setVersion] = useState(0);
  const { data, error, loading } = useApiData(
    problemId === null ? null : `${problemId}:${version}`,
    (signal) => problemsApi.detail(problemId!, signal),
  );
  const changed = () => {
    setVersion((v) => v + 1);
    onChanged();
  };
  const problem = data?.id === problemId ? data : undefined;
  return (
    <Drawer
      open={problemId !== null}
      onClose={onClose}
      size={720}
      rootClassName="work-drawer"
      title={problem ? `${problem.code} ${problem.title}` : t('work.problem')}
      destroyOnHidden
    >
      {error !== undefined && <Result status="warning" subTitle={describeError(error, t)} />}
      {problem === undefined && error === undefined && (loading ? <Skeleton active /> : <Empty />)}
      {problem !== undefined && (
        <ProblemBody problem={problem} onChanged={changed} version={version} />
      )}
    </Drawer>
  );
}
