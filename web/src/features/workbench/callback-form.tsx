import { App, Button, Form, Input, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { type Rating, RATINGS } from '../../../../common/enums';
import { describeError } from '../../shared/error-message';
import { problemsApi } from '../problems/problems-api';

/** 电话回访: staff record the reporter's rating after a phone call. */
export function CallbackForm({ troubleId, onSaved }: { troubleId: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  const save = async (v: { rating: Rating; comment?: string }) => {
    setBusy(true);
    try {
      const r = await problemsApi.callback(troubleId, {
        rating: v.rating,
        comment: v.comment?.trim() ? v.comment.trim() : null,
      });
      void message.success(
        r.reopened ? t('workbench.callback.reopened') : t('workbench.callback.saved'),
      );
      onSaved();
    } catch (error) {
      void message.error(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form layout="vertical" onFinish={(v: { rating: Rating; comment?: string }) => void save(v)}>
      <Form.Item
        name="rating"
        label={t('workbench.callback.rating')}
        rules={[{ required: true, message: t('workbench.callback.ratingRequired') }]}
      >
        <Radio.Group
          optionType="button"
          options={RATINGS.map((r) => ({ value: r, label: t(`work.ratings.${r}`) }))}
        />
      </Form.Item>
      <Form.Item name="comment" label={t('workbench.callback.comment')}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Button htmlType="submit" loading={busy}>
        {t('workbench.callback.save')}
      </Button>
    </Form>
  );
}
