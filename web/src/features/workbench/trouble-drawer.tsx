import { Button, Descriptions, Drawer, Empty, Flex, Result, Skeleton, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { describeError } from '../../shared/error-message';
import { useApiData } from '../../shared/use-api-data';
import { EventTimeline } from '../problems/event-timeline';
import { PriorityTag, ProblemStatusTag, TroubleStatusTag } from '../problems/problem-tags';
import type { TroubleView } from '../problems/problem-types';
import { problemsApi } from '../problems/problems-api';
import { CallbackForm } from './callback-form';
import { LinkPanel } from './link-panel';
import { SuggestionsPanel } from './suggestions-panel';
import { TriageForm } from './triage-form';

const time = (ms: number | null) => (ms === null ? '—' : dayjs(ms).format('YYYY-MM-DD HH:mm'));

/** Changes whenever the drawer's forms must start again from the stored values. */
function troubleKey(t: TroubleView): string {
  return [
    t.id,
    t.status,
    t.category?.id,
    t.severity,
    t.urgency,
    t.workersAffected,
    t.problem?.status,
    t.ratings.length,
  ].join(':');
}

/** True once the trouble has an answer its reporter can rate (on the spot or via its problem). */
function rateable(t: TroubleView): boolean {
  return (
    t.status === 'resolved_on_spot' ||
    (t.problem !== null && ['resolved', 'replied', 'closed'].includes(t.problem.status))
  );
}

function TroubleBody({
  trouble,
  version,
  onChanged,
  onOpenProblem,
}: {
  trouble: TroubleView;
  version: number;
  onChanged: () => void;
  onOpenProblem: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<string | null>(null);
  const suggestions = useApiData(`suggestions:${trouble.id}`, (signal) =>
    problemsApi.suggestions(trouble.id, signal),
  );
  const unlinked = trouble.status === 'received' && trouble.problem === null;
  const linkTo = (problemId: string) =>
    problemsApi
      .link(trouble.id, { problemId })
      .then(() => {
        onChanged();
        onOpenProblem(problemId);
      })
      .catch(() => onChanged());

  return (
    <Flex vertical gap={16}>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          {
            key: 'status',
            label: t('work.fields.status'),
            children: <TroubleStatusTag status={trouble.status} />,
          },
          {
            key: 'priority',
            label: t('work.fields.priority'),
            children: <PriorityTag priority={trouble.priority} />,
          },
          {
            key: 'channel',
            label: t('work.fields.channel'),
            children: t(`enums.channel.${trouble.channel}`),
          },
          {
            key: 'received',
            label: t('work.fields.receivedAt'),
            children: time(trouble.receivedAt),
          },
          {
            key: 'enterprise',
            label: t('work.fields.enterprise'),
            children: trouble.enterprise?.name ?? '—',
          },
          {
            key: 'reporter',
            label: t('work.fields.reporter'),
            children: [
              trouble.reporterName ?? t(`work.reporterType.${trouble.reporterType}`),
              trouble.reporterPhoneMasked,
            ]
              .filter(Boolean)
              .join(' · '),
          },
          {
            key: 'problem',
            label: t('work.problem'),
            span: 'filled',
            children: trouble.problem ? (
              <Button
                type="link"
                className="inline-link"
                onClick={() => onOpenProblem(trouble.problem!.id)}
              >
                {trouble.problem.code} {trouble.problem.title}{' '}
                <ProblemStatusTag status={trouble.problem.status} />
              </Button>
            ) : (
              '—'
            ),
          },
        ]}
      />
      <Typography.Paragraph className="trouble-body">{trouble.body}</Typography.Paragraph>
      {trouble.attachments.length > 0 && (
        <Flex gap={8} wrap>
          {trouble.attachments.map((a) => (
            <a
              key={a.id}
              href={`/api/v1/troubles/${trouble.id}/attachments/${a.id}`}
              target="_blank"
              rel="noreferrer"
            >
              <img
                src={`/api/v1/troubles/${trouble.id}/attachments/${a.id}`}
                alt={t('workbench.photo')}
                className="attachment-thumb"
              />
            </a>
          ))}
        </Flex>
      )}
      {trouble.onSpotAnswer && (
        <Typography.Paragraph>
          <Typography.Text strong>{t('work.fields.answer')}：</Typography.Text>
          {trouble.onSpotAnswer}
        </Typography.Paragraph>
      )}
      {suggestions.data && (
        <SuggestionsPanel
          suggestions={suggestions.data}
          onUseCategory={setPicked}
          onLink={(id) => void linkTo(id)}
          canLink={unlinked}
        />
      )}
      <Typography.Title level={5}>{t('workbench.triage.title')}</Typography.Title>
      <TriageForm trouble={trouble} suggestedCategoryId={picked} onSaved={onChanged} />
      {unlinked && (
        <>
          <Typography.Title level={5}>{t('workbench.link.title')}</Typography.Title>
          <LinkPanel
            trouble={trouble}
            onLinked={(problemId) => {
              onChanged();
              if (problemId !== null) {
                onOpenProblem(problemId);
              }
            }}
          />
        </>
      )}
      {trouble.ratings.length > 0 && (
        <>
          <Typography.Title level={5}>{t('workbench.callback.ratings')}</Typography.Title>
          {trouble.ratings.map((r) => (
            <div key={`${r.round}-${r.createdAt}`}>
              <Tag color={r.rating === 'dissatisfied' ? 'red' : 'green'}>
                {t(`work.ratings.${r.rating}`)}
              </Tag>
              {t('workbench.callback.ratingLine', {
                round: r.round + 1,
                source: t(
                  `workbench.callback.source.${r.source === 'callback' ? 'callback' : 'self'}`,
                ),
                time: time(r.createdAt),
              })}
              {r.comment ? ` · ${r.comment}` : ''}
            </div>
          ))}
        </>
      )}
      {rateable(trouble) && (
        <>
          <Typography.Title level={5}>{t('workbench.callback.title')}</Typography.Title>
          <CallbackForm troubleId={trouble.id} onSaved={onChanged} />
        </>
      )}
      <Typography.Title level={5}>{t('work.timeline.title')}</Typography.Title>
      <EventTimeline entity="trouble" id={trouble.id} version={version} />
    </Flex>
  );
}

/** One trouble: what was reported, suggestions, triage, linking, call-back and its timeline. */
export function TroubleDrawer({
  troubleId,
  onClose,
  onChanged,
  onOpenProblem,
}: {
  troubleId: string | null;
  onClose: () => void;
  onChanged: () => void;
  onOpenProblem: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [version, setVersion] = useState(0);
  const { data, error, loading } = useApiData(
    troubleId === null ? null : `${troubleId}:${version}`,
    (signal) => problemsApi.trouble(troubleId!, signal),
  );
  const trouble = data?.id === troubleId ? data : undefined;
  const changed = () => {
    setVersion((v) => v + 1);
    onChanged();
  };
  return (
    <Drawer
      open={troubleId !== null}
      onClose={onClose}
      size={720}
      rootClassName="work-drawer"
      title={trouble ? `${trouble.code} ${trouble.title}` : t('work.trouble')}
      destroyOnHidden
    >
      {error !== undefined && <Result status="warning" subTitle={describeError(error, t)} />}
      {trouble === undefined && error === undefined && (loading ? <Skeleton active /> : <Empty />)}
      {trouble !== undefined && (
        <TroubleBody
          key={troubleKey(trouble)}
          trouble={trouble}
          version={version}
          onChanged={changed}
          onOpenProblem={onOpenProblem}
        />
      )}
    </Drawer>
  );
}
