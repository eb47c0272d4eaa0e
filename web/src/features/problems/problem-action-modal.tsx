import { App, Checkbox, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { api } from '../../shared/api';
import { describeError } from '../../shared/error-message';
import { useApiData } from '../../shared/use-api-data';
import { actionRequest, type ActionValues, type ProblemActionKind } from './problem-actions';
import { ProblemSearchSelect } from './problem-search-select';
import type { ProblemDetail } from './problem-types';
import { problemsApi } from './problems-api';

type FormValues = Omit<ActionValues, 'dueAt'> & { due?: Dayjs };

const REASON_ACTIONS = new Set<ProblemActionKind>(['handBack', 'sendBack', 'reopen']);

function DepartmentFields() {
  const { t } = useTranslation();
  const { data } = useApiData('departments', (signal) => problemsApi.departments(signal));
  const options = (data ?? []).filter((d) => d.active).map((d) => ({ value: d.id, label: d.name }));
  return (
    <>
      <Form.Item
        name="leadDepartmentId"
        label={t('work.form.leadDepartment')}
        rules={[{ required: true, message: t('work.form.leadDepartmentRequired') }]}
      >
        <Select
          options={options}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('work.form.choose')}
        />
      </Form.Item>
      <Form.Item name="cooperatingDepartmentIds" label={t('work.form.cooperatingDepartments')}>
        <Select
          mode="multiple"
          options={options}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('work.form.optional')}
        />
      </Form.Item>
      <Form.Item name="note" label={t('work.form.dispatchNote')}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </>
  );
}

function ActionFields({ kind, problem }: { kind: ProblemActionKind; problem: ProblemDetail }) {
  const { t } = useTranslation();
  const required = (message: string) => [{ required: true, whitespace: true, message }];
  const pastDay = (d: Dayjs) => d.isBefore(dayjs(), 'day');
  if (kind === 'dispatch') {
    return <DepartmentFields />;
  }
  if (REASON_ACTIONS.has(kind) || kind === 'requestExtension' || kind === 'issueSupervision') {
    return (
      <>
        <Form.Item
          name="reason"
          label={t('work.form.reason')}
          rules={required(t('work.form.reasonRequired'))}
        >
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        {kind === 'issueSupervision' && (
          <Form.Item
            name="demand"
            label={t('work.form.demand')}
            rules={required(t('work.form.demandRequired'))}
          >
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        )}
        {(kind === 'requestExtension' || kind === 'issueSupervision') && (
          <Form.Item
            name="due"
            label={kind === 'requestExtension' ? t('work.form.requestedDue') : t('work.form.due')}
            rules={[{ required: true, message: t('work.form.dueRequired') }]}
          >
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              disabledDate={pastDay}
            />
          </Form.Item>
        )}
      </>
    );
  }
  switch (kind) {
    case 'resolve':
    case 'reply':
      return (
        <>
          <Form.Item
            name="text"
            label={kind === 'resolve' ? t('work.form.resolution') : t('work.form.replyText')}
            rules={required(t('work.form.textRequired'))}
          >
            <Input.TextArea rows={4} maxLength={4000} />
          </Form.Item>
          <Form.Item
            name="publicSummary"
            label={t('work.form.publicSummary')}
            extra={t('work.form.publicSummaryHint')}
          >
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </>
      );
    case 'close':
      return (
        <Form.Item name="note" label={t('work.form.note')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      );
    case 'note':
      return (
        <>
          <Form.Item
            name="text"
            label={t('work.form.progress')}
            rules={required(t('work.form.textRequired'))}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item name="isPublic" valuePropName="checked">
            <Checkbox>{t('work.form.isPublic')}</Checkbox>
          </Form.Item>
        </>
      );
    case 'merge':
      return (
        <>
          <Form.Item
            name="targetId"
            label={t('work.form.mergeTarget')}
            rules={[{ required: true, message: t('work.form.problemRequired') }]}
          >
            <ProblemSearchSelect excludeId={problem.id} />
          </Form.Item>
          <Form.Item name="note" label={t('work.form.note')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </>
      );
    case 'split':
      return (
        <>
          <Form.Item
            name="troubleIds"
            label={t('work.form.splitTroubles')}
            rules={[{ required: true, message: t('work.form.troublesRequired') }]}
          >
            <Checkbox.Group
              className="checkbox-column"
              options={problem.troubles.map((tr) => ({
                value: tr.id,
                label: `${tr.code} ${tr.title}`,
              }))}
            />
          </Form.Item>
          <Form.Item
            name="title"
            label={t('work.form.newProblemTitle')}
            rules={required(t('work.form.titleRequired'))}
          >
            <Input maxLength={100} />
          </Form.Item>
        </>
      );
    case 'accept':
    case 'handBack':
    case 'sendBack':
    case 'reopen':
      return null;
  }
}

/** The dialog of one lifecycle action; on success tells the drawer to reload. */
export function ProblemActionModal({
  kind,
  problem,
  onClose,
  onDone,
}: {
  kind: ProblemActionKind | null;
  problem: ProblemDetail;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);

  const submit = async (values: FormValues) => {
    if (kind === null) {
      return;
    }
    const { due, ...rest } = values;
    const request = actionRequest(kind, { ...rest, ...(due ? { dueAt: due.valueOf() } : {}) });
    setBusy(true);
    try {
      await api.post(`/api/v1/problems/${problem.id}/${request.path}`, request.body);
      void message.success(t('work.actionDone', { action: t(`work.actions.${kind}`) }));
      form.resetFields();
      onDone();
    } catch (error) {
      void message.error(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={kind !== null}
      title={kind === null ? '' : `${t(`work.actions.${kind}`)} · ${problem.code}`}
      okText={t('work.submit')}
      cancelText={t('work.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        preserve={false}
      >
        {kind !== null && <ActionFields kind={kind} problem={problem} />}
      </Form>
    </Modal>
  );
}
