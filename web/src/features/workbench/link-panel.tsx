import { App, Button, Flex, Form, Input, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { describeError } from '../../shared/error-message';
import { ProblemSearchSelect } from '../problems/problem-search-select';
import type { TroubleView } from '../problems/problem-types';
import { problemsApi } from '../problems/problems-api';

interface LinkValues {
  mode: 'new' | 'existing' | 'onSpot';
  title?: string;
  problemId?: string;
  answer?: string;
}

/** 归入类问题: link the trouble to an existing problem (search by text) or a new one. */
export function LinkPanel({
  trouble,
  onLinked,
}: {
  trouble: TroubleView;
  onLinked: (problemId: string | null) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<LinkValues>();
  const mode = Form.useWatch('mode', form) ?? 'new';
  const [busy, setBusy] = useState(false);

  const submit = async (v: LinkValues) => {
    setBusy(true);
    try {
      if (v.mode === 'existing' && v.problemId) {
        await problemsApi.link(trouble.id, { problemId: v.problemId });
        void message.success(t('workbench.link.linked'));
        onLinked(v.problemId);
      } else {
        const r = await problemsApi.link(trouble.id, {
          newProblem: { title: v.title ?? trouble.title, categoryId: trouble.category?.id ?? null },
        });
        void message.success(t('workbench.link.created'));
        onLinked(r.problemId);
      }
    } catch (error) {
      void message.error(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };

  const onSpot = async () => {
    const answer = (form.getFieldValue('answer') as string | undefined)?.trim() ?? '';
    if (answer === '') {
      void message.warning(t('workbench.link.answerRequired'));
      return;
    }
    setBusy(true);
    try {
      await problemsApi.resolveOnSpot(trouble.id, answer);
      void message.success(t('workbench.link.resolvedOnSpot'));
      onLinked(null);
    } catch (error) {
      void message.error(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<LinkValues>
      form={form}
      layout="vertical"
      className="link-panel"
      initialValues={{ mode: 'new', title: trouble.title }}
      onFinish={(v) => void submit(v)}
    >
      <Form.Item name="mode">
        <Radio.Group
          optionType="button"
          options={[
            { value: 'new', label: t('workbench.link.new') },
            { value: 'existing', label: t('workbench.link.existing') },
            { value: 'onSpot', label: t('workbench.link.onSpot') },
          ]}
        />
      </Form.Item>
      {mode === 'new' && (
        <Form.Item
          name="title"
          label={t('workbench.link.problemTitle')}
          rules={[{ required: true, whitespace: true, message: t('work.form.titleRequired') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
      )}
      {mode === 'existing' && (
        <Form.Item
          name="problemId"
          label={t('workbench.link.problem')}
          rules={[{ required: true, message: t('work.form.problemRequired') }]}
        >
          <ProblemSearchSelect />
        </Form.Item>
      )}
      {mode === 'onSpot' ? (
        <>
          <Form.Item name="answer" label={t('workbench.link.answer')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Button type="primary" loading={busy} onClick={() => void onSpot()}>
            {t('workbench.link.resolveOnSpot')}
          </Button>
        </>
      ) : (
        <Flex>
          <Button type="primary" htmlType="submit" loading={busy}>
            {mode === 'new' ? t('workbench.link.createAndLink') : t('workbench.link.linkHere')}
          </Button>
        </Flex>
      )}
    </Form>
  );
}
