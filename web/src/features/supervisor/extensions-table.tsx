import { App, Button, Input, Space, Table } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

import { describeError } from '../../shared/error-message';
import type { PendingExtension } from '../problems/problem-types';
import { problemsApi } from '../problems/problems-api';

const time = (ms: number) => dayjs(ms).format('YYYY-MM-DD HH:mm');

/** 延期审批: approve (the deadline moves) or refuse, with an optional note. */
export function ExtensionsTable({
  items,
  loading,
  onOpen,
  onDecided,
}: {
  items: PendingExtension[];
  loading: boolean;
  onOpen: (problemId: string) => void;
  onDecided: () => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const decide = (e: PendingExtension, approve: boolean) => {
    let note = '';
    modal.confirm({
      title: approve
        ? t('supervision.extensions.approveTitle')
        : t('supervision.extensions.refuseTitle'),
      content: (
        <Input.TextArea
          rows={2}
          maxLength={1000}
          aria-label={t('supervision.extensions.note')}
          placeholder={t('supervision.extensions.note')}
          onChange={(ev) => {
            note = ev.target.value;
          }}
        />
      ),
      okText: t('work.submit'),
      cancelText: t('work.cancel'),
      onOk: () =>
        problemsApi
          .decideExtension(e.id, { approve, note: note.trim() === '' ? null : note.trim() })
          .then(() => {
            void message.success(
              approve ? t('supervision.extensions.approved') : t('supervision.extensions.refused'),
            );
            onDecided();
          })
          .catch((error: unknown) => {
            void message.error(describeError(error, t));
            throw error;
          }),
    });
  };
  return (
    <Table<PendingExtension>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={items}
      pagination={false}
      scroll={{ x: 860 }}
      locale={{ emptyText: t('supervision.extensions.empty') }}
      columns={[
        {
          title: t('work.problem'),
          dataIndex: 'problemTitle',
          render: (_, e) => (
            <Button type="link" className="inline-link" onClick={() => onOpen(e.problemId)}>
              {e.problemCode} {e.problemTitle}
            </Button>
          ),
        },
        { title: t('supervision.extensions.department'), dataIndex: 'departmentName', width: 140 },
        { title: t('work.form.reason'), dataIndex: 'reason' },
        {
          title: t('supervision.extensions.dueChange'),
          key: 'due',
          width: 190,
          render: (_, e) => `${time(e.currentDueAt)} → ${time(e.requestedDueAt)}`,
        },
        {
          title: t('supervision.extensions.decision'),
          key: 'actions',
          width: 150,
          render: (_, e) => (
            <Space>
              <Button size="small" type="primary" onClick={() => decide(e, true)}>
                {t('supervision.extensions.approve')}
              </Button>
              <Button size="small" danger onClick={() => decide(e, false)}>
                {t('supervision.extensions.refuse')}
              </Button>
            </Space>
          ),
        },
      ]}
    />
  );
}
