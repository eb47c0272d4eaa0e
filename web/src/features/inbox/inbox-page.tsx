import { Alert, Card, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { describeError } from '../../shared/error-message';
import { useApiData } from '../../shared/use-api-data';
import { useCurrentUser } from '../auth/use-current-user';
import { overdueFirst } from '../problems/deadline';
import { ProblemDrawer } from '../problems/problem-drawer';
import { ProblemQueueTable } from '../problems/problem-queue-table';
import { problemsApi } from '../problems/problems-api';
import { useDrawerParams } from '../problems/use-drawer-params';
import { INBOX_TABS, inboxStatuses, type InboxTab, isInboxTab } from './inbox-tabs';

/** 部门收件箱: problems dispatched to the user's department, overdue first. */
export function InboxPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const view = useDrawerParams<InboxTab>(isInboxTab, 'todo');
  const [version, setVersion] = useState(0);
  const queue = useApiData(`inbox:${view.tab}:${version}`, (signal) =>
    problemsApi
      .queue(
        {
          status: inboxStatuses(view.tab),
          departmentId: user.departmentId ?? undefined,
          limit: 200,
        },
        signal,
      )
      .then(overdueFirst),
  );
  return (
    <Card className="work-page">
      <Typography.Title level={3} className="page-title">
        {t('inbox.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('inbox.subtitle')}</Typography.Paragraph>
      <Segmented<InboxTab>
        className="inbox-tabs"
        value={view.tab}
        onChange={view.setTab}
        options={INBOX_TABS.map((tab) => ({ value: tab, label: t(`inbox.tabs.${tab}`) }))}
      />
      {queue.error !== undefined && (
        <Alert type="error" showIcon title={describeError(queue.error, t)} className="form-alert" />
      )}
      <ProblemQueueTable
        items={queue.data ?? []}
        loading={queue.loading}
        onOpen={view.openProblem}
      />
      <ProblemDrawer
        problemId={view.problemId}
        onClose={view.closeDrawer}
        onChanged={() => setVersion((v) => v + 1)}
      />
    </Card>
  );
}
