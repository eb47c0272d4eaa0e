import { Alert, Button, Flex, Form, InputNumber, Radio, Skeleton } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { describeError } from '../../shared/error-message';
import { useApiData } from '../../shared/use-api-data';
import type { SlaSettings } from '../problems/problem-types';
import { problemsApi } from '../problems/problems-api';
import { adminApi } from './admin-api';
import { CommunitySelect } from './community-select';
import { useSubmit } from './use-submit';

type SlaValues = Omit<SlaSettings, 'communityId'>;

function SlaForm({ settings }: { settings: SlaSettings }) {
  const { t } = useTranslation();
  const { busy, run } = useSubmit();
  const { communityId, ...initial } = settings;
  const hours = (name: keyof SlaValues, max: number) => (
    <Form.Item name={name} label={t(`admin.sla.${name}`)} rules={[{ required: true }]}>
      <InputNumber min={name === 'maxReopens' ? 0 : 1} max={max} precision={0} />
    </Form.Item>
  );
  return (
    <Form<SlaValues>
      layout="vertical"
      initialValues={initial}
      onFinish={(v) => void run(() => adminApi.updateSla(communityId, v), t('admin.saved'))}
    >
      <Form.Item
        name="timeMode"
        label={t('admin.sla.timeMode')}
        extra={t('admin.sla.timeModeHint')}
      >
        <Radio.Group
          optionType="button"
          options={[
            { value: 'natural', label: t('admin.sla.natural') },
            { value: 'workdays', label: t('admin.sla.workdays') },
          ]}
        />
      </Form.Item>
      <Flex wrap gap={24}>
        {hours('coordinationHours', 720)}
        {hours('resolutionHours', 8760)}
        {hours('escalationIntervalHours', 720)}
        {hours('severityWorkersThreshold', 100000)}
        {hours('maxReopens', 10)}
      </Flex>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('admin.save')}
      </Button>
    </Form>
  );
}

/** 承诺时限: per community, natural time or working days, deadlines and thresholds. */
export function SlaTab() {
  const { t } = useTranslation();
  const [communityId, setCommunityId] = useState<string>();
  const sla = useApiData(communityId ? `sla:${communityId}` : null, (signal) =>
    problemsApi.sla(communityId!, signal),
  );
  return (
    <Flex vertical gap={16}>
      <CommunitySelect value={communityId} onChange={setCommunityId} />
      {sla.error !== undefined && (
        <Alert type="error" showIcon title={describeError(sla.error, t)} />
      )}
      {sla.loading && <Skeleton active />}
      {sla.data && sla.data.communityId === communityId && (
        <SlaForm key={communityId} settings={sla.data} />
      )}
    </Flex>
  );
}
