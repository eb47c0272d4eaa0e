import { Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

import type { OverdueKind, Priority, ProblemStatus, TroubleStatus } from '../../../../common/enums';
import { dueState } from './deadline';

const PRIORITY_COLORS: Record<Priority, string> = {
  P1: 'red',
  P2: 'volcano',
  P3: 'gold',
  P4: 'default',
};

/** P1–P4 with its 轻重缓急 name. */
export function PriorityTag({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  return (
    <Tag color={PRIORITY_COLORS[priority]} className="priority-tag">
      {priority} {t(`enums.priority.${priority}`)}
    </Tag>
  );
}

const STATUS_COLORS: Record<ProblemStatus, string> = {
  open: 'orange',
  dispatched: 'blue',
  in_progress: 'processing',
  resolved: 'green',
  replied: 'cyan',
  closed: 'default',
  merged: 'default',
};

export function ProblemStatusTag({ status }: { status: ProblemStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]}>{t(`enums.problemStatus.${status}`)}</Tag>;
}

export function TroubleStatusTag({ status }: { status: TroubleStatus }) {
  const { t } = useTranslation();
  return <Tag>{t(`enums.troubleStatus.${status}`)}</Tag>;
}

/** The next deadline, red when overdue and orange within 4 hours. */
export function DueText({
  item,
  now,
}: {
  item: { status: ProblemStatus; nextDueAt: number; overdueKind: OverdueKind | null };
  now: number;
}) {
  const { t } = useTranslation();
  const state = dueState(item, now);
  const time = dayjs(item.nextDueAt).format('MM-DD HH:mm');
  if (state === 'none') {
    return <span className="due-none">{time}</span>;
  }
  return (
    <Tooltip title={dayjs(item.nextDueAt).format('YYYY-MM-DD HH:mm')}>
      <span className={`due-${state}`}>
        {time}
        {state === 'overdue' && (
          <Tag color="red" className="due-tag">
            {item.overdueKind ? t(`enums.overdueKind.${item.overdueKind}`) : t('work.overdue')}
          </Tag>
        )}
        {state === 'soon' && (
          <Tag color="orange" className="due-tag">
            {t('work.dueSoon')}
          </Tag>
        )}
      </span>
    </Tooltip>
  );
}
