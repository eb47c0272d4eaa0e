import { Alert, Empty, Skeleton, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

import { describeError } from '../../shared/error-message';
import { useApiData } from '../../shared/use-api-data';
import type { TimelineEvent } from './problem-types';
import { problemsApi } from './problems-api';
import { isTimelineAction, statusChange } from './timeline-labels';

const PROBLEM_STATUSES = new Set([
  'open',
  'dispatched',
  'in_progress',
  'resolved',
  'replied',
  'closed',
  'merged',
]);

function EventLine({ event }: { event: TimelineEvent }) {
  const { t } = useTranslation();
  const label = isTimelineAction(event.action)
    ? t(`work.timeline.actions.${event.action}`)
    : event.action;
  const [from, to] = statusChange(event.before, event.after);
  const status = (s: string | null) =>
    s !== null && PROBLEM_STATUSES.has(s) ? t(`enums.problemStatus.${s as 'open'}`) : (s ?? '');
  return (
    <div className="timeline-event">
      <Typography.Text strong>{label}</Typography.Text>
      <Typography.Text type="secondary">
        {' · '}
        {event.actor} · {dayjs(event.at).format('YYYY-MM-DD HH:mm')}
      </Typography.Text>
      {to !== null && from !== to && event.entityType === 'problem' && (
        <div className="timeline-status">
          {from === null
            ? status(to)
            : t('work.timeline.statusChange', { from: status(from), to: status(to) })}
        </div>
      )}
      {event.note && (
        <Typography.Paragraph className="timeline-note">{event.note}</Typography.Paragraph>
      )}
    </div>
  );
}

/** The append-only timeline of a problem or a trouble, oldest first. */
export function EventTimeline({
  entity,
  id,
  version,
}: {
  entity: 'problem' | 'trouble';
  id: string;
  /** Changes after every action so that the timeline reloads. */
  version: number;
}) {
  const { t } = useTranslation();
  const { data, error, loading } = useApiData(`${entity}:${id}:${version}`, (signal) =>
    entity === 'problem'
      ? problemsApi.timeline(id, signal)
      : problemsApi.troubleTimeline(id, signal),
  );
  if (error !== undefined) {
    return <Alert type="error" showIcon title={describeError(error, t)} />;
  }
  if (data === undefined) {
    return loading ? <Skeleton active /> : null;
  }
  if (data.length === 0) {
    return <Empty description={t('work.timeline.empty')} />;
  }
  return (
    <Timeline
      className="event-timeline"
      items={data.map((event) => ({
        key: event.id,
        content: <EventLine event={event} />,
      }))}
    />
  );
}
