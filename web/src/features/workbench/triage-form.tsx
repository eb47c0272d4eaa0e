import { App, Button, Flex, Form, InputNumber, Radio, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { Severity, Urgency } from '../../../../common/enums';
import { computePriority } from '../../../../common/priority';
import { describeError } from '../../shared/error-message';
import { useApiData } from '../../shared/use-api-data';
import { CategoryCascader } from '../problems/category-cascader';
import { PriorityTag } from '../problems/problem-tags';
import type { TroubleView } from '../problems/problem-types';
import { problemsApi } from '../problems/problems-api';

interface TriageValues {
  categoryId: string | null;
  severity: Severity;
  urgency: Urgency;
  workersAffected: number;
}

/** The default when the community's settings cannot be read (SPEC §3 seed value). */
const DEFAULT_THRESHOLD = 30;

/** 分拣: category, 轻重缓急 and workers affected; shows the P1–P4 they give before saving. */
export function TriageForm({
  trouble,
  suggestedCategoryId,
  onSaved,
}: {
  trouble: TroubleView;
  suggestedCategoryId: string | null;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<TriageValues>();
  const [busy, setBusy] = useState(false);
  const sla = useApiData(`sla:${trouble.communityId}`, (signal) =>
    problemsApi.sla(trouble.communityId, signal),
  );
  const threshold = sla.data?.severityWorkersThreshold ?? DEFAULT_THRESHOLD;
  const severity = Form.useWatch('severity', form) ?? trouble.severity;
  const urgency = Form.useWatch('urgency', form) ?? trouble.urgency;
  const workers = Form.useWatch('workersAffected', form) ?? trouble.workersAffected;
  const computed = computePriority({ severity, urgency, workersAffected: workers, threshold });

  useEffect(() => {
    if (suggestedCategoryId !== null) {
      form.setFieldValue('categoryId', suggestedCategoryId);
    }
  }, [form, suggestedCategoryId]);

  const save = async (values: TriageValues) => {
    setBusy(true);
    try {
      await problemsApi.triage(trouble.id, values);
      void message.success(t('workbench.triage.saved'));
      onSaved();
    } catch (error) {
      void message.error(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<TriageValues>
      form={form}
      layout="vertical"
      className="triage-form"
      initialValues={{
        categoryId: trouble.category?.id ?? null,
        severity: trouble.severity,
        urgency: trouble.urgency,
        workersAffected: trouble.workersAffected,
      }}
      onFinish={(v) => void save(v)}
    >
      <Form.Item name="categoryId" label={t('work.fields.category')}>
        <CategoryCascader />
      </Form.Item>
      <Flex wrap gap={16}>
        <Form.Item name="severity" label={t('workbench.triage.severity')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'minor', label: t('workbench.triage.minor') },
              { value: 'major', label: t('workbench.triage.major') },
            ]}
          />
        </Form.Item>
        <Form.Item name="urgency" label={t('workbench.triage.urgency')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'normal', label: t('workbench.triage.normal') },
              { value: 'urgent', label: t('workbench.triage.urgent') },
            ]}
          />
        </Form.Item>
        <Form.Item name="workersAffected" label={t('work.fields.workersAffected')}>
          <InputNumber min={1} max={100000} precision={0} />
        </Form.Item>
      </Flex>
      <Flex align="center" gap={12} wrap>
        <Typography.Text>{t('workbench.triage.computed')}</Typography.Text>
        <span data-testid="computed-priority">
          <PriorityTag priority={computed.priority} />
        </span>
        {computed.severity !== severity && (
          <Typography.Text type="secondary">
            {t('workbench.triage.raisedByWorkers', { threshold })}
          </Typography.Text>
        )}
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('workbench.triage.save')}
        </Button>
      </Flex>
    </Form>
  );
}
