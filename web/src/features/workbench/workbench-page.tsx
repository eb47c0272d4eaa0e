import { Alert, Badge, Button, Card, Flex, Input, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { describeError } from '../../shared/error-message';
import { useApiData } from '../../shared/use-api-data';
import { ExportLinks } from '../data-pages/export-links';
import { ProblemDrawer } from '../problems/problem-drawer';
import { ProblemQueueTable } from '../problems/problem-queue-table';
import { problemsApi } from '../problems/problems-api';
import { useDrawerParams } from '../problems/use-drawer-params';
import { type BulkKind, BulkModal } from './bulk-modals';
import { TroubleDrawer } from './trouble-drawer';
import { TroubleQueueTable } from './trouble-queue-table';
import {
  isWorkbenchQueue,
  problemQueueFilter,
  TRIAGE_QUERY,
  WORKBENCH_QUEUES,
  type WorkbenchQueue,
} from './workbench-queues';

/** 工作台: the staff queues, the trouble and problem drawers and the bulk actions. */
export function WorkbenchPage() {
  const { t } = useTranslation();
  const view = useDrawerParams<WorkbenchQueue>(isWorkbenchQueue, 'triage');
  const [version, setVersion] = useState(0);
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [bulk, setBulk] = useState<BulkKind | null>(null);
  const reload = () => setVersion((v) => v + 1);

  const triage = useApiData(`triage:${version}`, (signal) =>
    problemsApi.troubles(TRIAGE_QUERY, signal),
  );
  const counts = useApiData(`counts:${version}`, async (signal) => {
    const [dueSoon, overdue] = await Promise.all([
      problemsApi.queue({ ...problemQueueFilter('dueSoon'), limit: 200 }, signal),
      problemsApi.queue({ ...problemQueueFilter('overdue'), limit: 200 }, signal),
    ]);
    return { dueSoon: dueSoon.length, overdue: overdue.length };
  });
  const queueKey = view.tab === 'triage' ? null : `${view.tab}:${search}:${version}`;
  const queue = useApiData(queueKey, (signal) =>
    problemsApi.queue(
      { ...problemQueueFilter(view.tab as Exclude<WorkbenchQueue, 'triage'>), q: search },
      signal,
    ),
  );
  const error = view.tab === 'triage' ? triage.error : queue.error;

  const badge = (queue: WorkbenchQueue) => {
    if (queue === 'triage') {
      return triage.data?.length;
    }
    if (queue === 'dueSoon' || queue === 'overdue') {
      return counts.data?.[queue];
    }
    return undefined;
  };
  const selection = {
    selectedRowKeys: selected,
    onChange: (keys: React.Key[]) => setSelected(keys.map(String)),
  };

  return (
    <Card className="work-page">
      <Flex justify="space-between" align="center" wrap gap={12}>
        <div>
          <Typography.Title level={3} className="page-title">
            {t('workbench.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('workbench.subtitle')}</Typography.Text>
        </div>
        <Flex gap={8} wrap align="center">
          {view.tab === 'triage' ? (
            <ExportLinks list="troubles" params={{ unlinked: 'true' }} />
          ) : (
            <ExportLinks list="problems" params={problemExportParams(view.tab, search)} />
          )}
          {view.tab !== 'triage' && (
            <Input.Search
              allowClear
              className="queue-search"
              placeholder={t('workbench.searchPlaceholder')}
              aria-label={t('workbench.searchPlaceholder')}
              onSearch={setSearch}
            />
          )}
        </Flex>
      </Flex>
      <Tabs
        activeKey={view.tab}
        onChange={(key) => {
          setSelected([]);
          view.setTab(key as WorkbenchQueue);
        }}
        items={WORKBENCH_QUEUES.map((q) => ({
          key: q,
          label: (
            <span>
              {t(`workbench.queues.${q}`)}{' '}
              {(badge(q) ?? 0) > 0 && (
                <Badge
                  count={badge(q)}
                  color={q === 'overdue' ? 'red' : q === 'dueSoon' ? 'orange' : 'blue'}
                />
              )}
            </span>
          ),
        }))}
      />
      {error !== undefined && (
        <Alert type="error" showIcon title={describeError(error, t)} className="form-alert" />
      )}
      {selected.length > 0 && (
        <Flex gap={8} wrap align="center" className="bulk-bar">
          <Typography.Text>
            {t('workbench.bulk.selected', { count: selected.length })}
          </Typography.Text>
          {view.tab === 'triage' ? (
            <>
              <Button onClick={() => setBulk('category')}>
                {t('workbench.bulk.categoryButton')}
              </Button>
              <Button onClick={() => setBulk('link')}>{t('workbench.bulk.linkButton')}</Button>
            </>
          ) : (
            <Button onClick={() => setBulk('dispatch')}>
              {t('workbench.bulk.dispatchButton')}
            </Button>
          )}
          <Button type="link" onClick={() => setSelected([])}>
            {t('workbench.bulk.clear')}
          </Button>
        </Flex>
      )}
      {view.tab === 'triage' ? (
        <TroubleQueueTable
          items={triage.data ?? []}
          loading={triage.loading}
          onOpen={view.openTrouble}
          rowSelection={selection}
        />
      ) : (
        <ProblemQueueTable
          items={queue.data ?? []}
          loading={queue.loading}
          onOpen={view.openProblem}
          rowSelection={{
            ...selection,
            getCheckboxProps: (row) => ({ disabled: row.status !== 'open' }),
          }}
        />
      )}
      <TroubleDrawer
        troubleId={view.troubleId}
        onClose={view.closeDrawer}
        onChanged={reload}
        onOpenProblem={view.openProblem}
      />
      <ProblemDrawer problemId={view.problemId} onClose={view.closeDrawer} onChanged={reload} />
      <BulkModal
        kind={bulk}
        ids={selected}
        onClose={() => setBulk(null)}
        onDone={() => {
          setBulk(null);
          setSelected([]);
          reload();
        }}
      />
    </Card>
  );
}

/** The export's filters for a problem queue (the export knows status, overdue and q). */
function problemExportParams(tab: WorkbenchQueue, search: string) {
  const filter = problemQueueFilter(tab as Exclude<WorkbenchQueue, 'triage'>);
  return {
    status: filter.status,
    overdue: filter.overdue,
    q: search.trim() === '' ? undefined : search.trim(),
  };
}
