import { Button, Flex, Form, Input, InputNumber, Select, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ENTERPRISE_SIZES } from '../../../../common/enums';
import { useApiData } from '../../shared/use-api-data';
import { ExportLinks } from '../data-pages/export-links';
import { adminApi, compact, type Enterprise } from './admin-api';
import {
  FormModal,
  RequiredText,
  useActiveColumn,
  useCreateDialog,
  useReload,
} from './admin-parts';
import { CommunitySelect } from './community-select';

/** 企业: the enterprises of a community; create, search, deactivate. */
export function EnterprisesTab() {
  const { t } = useTranslation();
  const [communityId, setCommunityId] = useState<string>();
  const [q, setQ] = useState('');
  const [version, reload] = useReload();
  const dialog = useCreateDialog(reload);
  const [form] = Form.useForm<Record<string, unknown>>();
  const list = useApiData(communityId ? `ent:${communityId}:${q}:${version}` : null, (signal) =>
    adminApi.enterprises(communityId!, q, signal),
  );
  const active = useActiveColumn<Enterprise>({
    save: (e, on) => adminApi.updateEnterprise(e.id, { active: on }),
    onSaved: reload,
  });
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" wrap gap={8}>
        <Flex gap={8} wrap>
          <CommunitySelect value={communityId} onChange={setCommunityId} />
          <Input.Search
            allowClear
            className="queue-search"
            placeholder={t('admin.enterprises.search')}
            aria-label={t('admin.enterprises.search')}
            onSearch={setQ}
          />
        </Flex>
        <Flex gap={8} wrap align="center">
          <ExportLinks list="enterprises" params={{ communityId, q }} />
          <Button type="primary" onClick={dialog.show} disabled={!communityId}>
            {t('admin.enterprises.create')}
          </Button>
        </Flex>
      </Flex>
      <Table<Enterprise>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        scroll={{ x: 760 }}
        columns={[
          { title: t('admin.enterprises.name'), dataIndex: 'name' },
          { title: t('admin.enterprises.industry'), dataIndex: 'industry', width: 140 },
          {
            title: t('admin.enterprises.size'),
            dataIndex: 'size',
            width: 90,
            render: (s: Enterprise['size']) => t(`admin.enterprises.sizes.${s}`),
          },
          {
            title: t('admin.enterprises.employees'),
            dataIndex: 'employeeCount',
            width: 90,
            align: 'right',
          },
          {
            title: t('admin.enterprises.contact'),
            key: 'contact',
            width: 160,
            render: (_, e) =>
              [e.contactName, e.contactPhoneMasked].filter(Boolean).join(' ') || '—',
          },
          active,
        ]}
      />
      <FormModal
        {...dialog.props}
        title={t('admin.enterprises.create')}
        form={form}
        initialValues={{ size: 'small', employeeCount: 50 }}
        submit={(v) => adminApi.createEnterprise({ ...compact(v), communityId })}
      >
        <RequiredText name="name" label={t('admin.enterprises.name')} maxLength={100} />
        <RequiredText name="industry" label={t('admin.enterprises.industry')} maxLength={50} />
        <Flex gap={16}>
          <Form.Item name="size" label={t('admin.enterprises.size')}>
            <Select
              options={ENTERPRISE_SIZES.map((s) => ({
                value: s,
                label: t(`admin.enterprises.sizes.${s}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="employeeCount" label={t('admin.enterprises.employees')}>
            <InputNumber min={0} max={1000000} precision={0} />
          </Form.Item>
        </Flex>
        <Form.Item name="contactName" label={t('admin.enterprises.contactName')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('admin.enterprises.contactPhone')}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="address" label={t('admin.enterprises.address')}>
          <Input maxLength={200} />
        </Form.Item>
      </FormModal>
    </Flex>
  );
}
