import { App, Form, Input, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { describeError } from '../../shared/error-message';
import { useApiData } from '../../shared/use-api-data';
import { runBulk } from '../problems/categories';
import { CategoryCascader } from '../problems/category-cascader';
import { ProblemSearchSelect } from '../problems/problem-search-select';
import { problemsApi } from '../problems/problems-api';

export type BulkKind = 'category' | 'link' | 'dispatch';

interface BulkValues {
  categoryId?: string | null;
  mode?: 'new' | 'existing';
  title?: string;
  problemId?: string;
  leadDepartmentId?: string;
  cooperatingDepartmentIds?: string[];
}

function DepartmentSelects() {
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
        <Select options={options} showSearch={{ optionFilterProp: 'label' }} />
      </Form.Item>
      <Form.Item name="cooperatingDepartmentIds" label={t('work.form.cooperatingDepartments')}>
        <Select mode="multiple" options={options} showSearch={{ optionFilterProp: 'label' }} />
      </Form.Item>
    </>
  );
}

/**
 * Bulk actions over the selected rows: set one category on many troubles, link many troubles to
 * one new or existing problem (one request for a new one), or dispatch many open problems.
 */
export function BulkModal({
  kind,
  ids,
  onClose,
  onDone,
}: {
  kind: BulkKind | null;
  ids: string[];
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<BulkValues>();
  const mode = Form.useWatch('mode', form) ?? 'new';
  const [busy, setBusy] = useState(false);

  const submit = async (v: BulkValues) => {
    setBusy(true);
    try {
      let result = { done: ids, failed: [] as { id: string; error: unknown }[] };
      if (kind === 'category') {
        result = await runBulk(ids, (id) =>
          problemsApi.triage(id, { categoryId: v.categoryId ?? null }),
        );
      } else if (kind === 'link' && v.mode === 'existing') {
        result = await runBulk(ids, (id) => problemsApi.link(id, { problemId: v.problemId! }));
      } else if (kind === 'link') {
        await problemsApi.createFromTroubles({ troubleIds: ids, title: v.title!.trim() });
      } else if (kind === 'dispatch') {
        const body = {
          leadDepartmentId: v.leadDepartmentId,
          cooperatingDepartmentIds: (v.cooperatingDepartmentIds ?? []).filter(
            (d) => d !== v.leadDepartmentId,
          ),
        };
        result = await runBulk(ids, (id) => problemsApi.act(id, 'dispatch', body));
      }
      if (result.failed.length === 0) {
        void message.success(t('workbench.bulk.done', { count: result.done.length }));
      } else {
        void message.warning(
          t('workbench.bulk.partly', {
            done: result.done.length,
            failed: result.failed.length,
            reason: describeError(result.failed[0]?.error, t),
          }),
        );
      }
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
      title={kind === null ? '' : t(`workbench.bulk.${kind}`, { count: ids.length })}
      okText={t('work.submit')}
      cancelText={t('work.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<BulkValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ mode: 'new' }}
        onFinish={(v) => void submit(v)}
      >
        {kind === 'category' && (
          <Form.Item
            name="categoryId"
            label={t('work.fields.category')}
            rules={[{ required: true, message: t('work.form.chooseCategory') }]}
          >
            <CategoryCascader />
          </Form.Item>
        )}
        {kind === 'link' && (
          <>
            <Form.Item name="mode">
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'new', label: t('workbench.link.new') },
                  { value: 'existing', label: t('workbench.link.existing') },
                ]}
              />
            </Form.Item>
            {mode === 'new' ? (
              <Form.Item
                name="title"
                label={t('workbench.link.problemTitle')}
                rules={[
                  { required: true, whitespace: true, message: t('work.form.titleRequired') },
                ]}
              >
                <Input maxLength={100} />
              </Form.Item>
            ) : (
              <Form.Item
                name="problemId"
                label={t('workbench.link.problem')}
                rules={[{ required: true, message: t('work.form.problemRequired') }]}
              >
                <ProblemSearchSelect />
              </Form.Item>
            )}
          </>
        )}
        {kind === 'dispatch' && <DepartmentSelects />}
      </Form>
    </Modal>
  );
}
