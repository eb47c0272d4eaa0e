import { Button, Flex, Form, Input, Table } from 'antd';
import { useTranslation } from 'react-i18next';

import { useApiData } from '../../shared/use-api-data';
import type { Community } from '../problems/problem-types';
import { problemsApi } from '../problems/problems-api';
import { adminApi } from './admin-api';
import { FormModal, RequiredText, useCreateDialog, useReload } from './admin-parts';

/** 社区: the communities of the county; a new one gets the default promise settings. */
export function CommunitiesTab() {
  const { t } = useTranslation();
  const [version, reload] = useReload();
  const dialog = useCreateDialog(reload);
  const [form] = Form.useForm<{ slug: string; name: string; codePrefix: string }>();
  const list = useApiData(`communities:${version}`, (signal) => problemsApi.communities(signal));
  return (
    <Flex vertical gap={12}>
      <Flex justify="end">
        <Button type="primary" onClick={dialog.show}>
          {t('admin.communities.create')}
        </Button>
      </Flex>
      <Table<Community>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data ?? []}
        pagination={false}
        columns={[
          { title: t('admin.communities.name'), dataIndex: 'name' },
          { title: t('admin.communities.slug'), dataIndex: 'slug' },
          { title: t('admin.communities.codePrefix'), dataIndex: 'codePrefix' },
        ]}
      />
      <FormModal
        {...dialog.props}
        title={t('admin.communities.create')}
        form={form}
        submit={(v) => adminApi.createCommunity(v)}
      >
        <RequiredText name="name" label={t('admin.communities.name')} maxLength={100} />
        <Form.Item
          name="slug"
          label={t('admin.communities.slug')}
          extra={t('admin.communities.slugHint')}
          rules={[
            { required: true, pattern: /^[a-z0-9-]+$/, message: t('admin.communities.slugHint') },
          ]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          name="codePrefix"
          label={t('admin.communities.codePrefix')}
          extra={t('admin.communities.codePrefixHint')}
          rules={[
            {
              required: true,
              pattern: /^[A-Z]{2,4}$/,
              message: t('admin.communities.codePrefixHint'),
            },
          ]}
        >
          <Input maxLength={4} />
        </Form.Item>
      </FormModal>
    </Flex>
  );
}
