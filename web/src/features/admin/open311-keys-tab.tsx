import { Alert, App, Button, Flex, Form, Input, Modal, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { describeError } from '../../shared/error-message';
import { useApiData } from '../../shared/use-api-data';
import { dataApi, type Open311Key } from '../data-pages/data-api';
import { FormModal, useReload } from './admin-parts';
import { CommunitySelect } from './community-select';
import { useSubmit } from './use-submit';

const time = (ms: number) => dayjs(ms).format('YYYY-MM-DD HH:mm');

/** Open311 API keys (per community, hashed at rest): create (the key is shown once), revoke. */
export function Open311KeysTab() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [version, reload] = useReload();
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const [form] = Form.useForm<{ communityId: string; label: string }>();
  const { run } = useSubmit();
  const newKey = useRef('');
  const list = useApiData(`open311:${version}`, (signal) => dataApi.open311Keys(signal));
  return (
    <Flex vertical gap={12}>
      <Flex justify="end">
        <Button type="primary" onClick={() => setOpen(true)}>
          {t('data.keys.create')}
        </Button>
      </Flex>
      {list.error !== undefined && (
        <Alert type="error" showIcon title={describeError(list.error, t)} />
      )}
      <Table<Open311Key>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data ?? []}
        locale={{ emptyText: t('data.keys.empty') }}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        scroll={{ x: 720 }}
        columns={[
          { title: t('data.keys.label'), dataIndex: 'label' },
          {
            title: t('data.keys.prefix'),
            dataIndex: 'keyPrefix',
            width: 140,
            render: (p: string) => <Typography.Text code>{p}…</Typography.Text>,
          },
          { title: t('data.keys.createdAt'), dataIndex: 'createdAt', width: 150, render: time },
          {
            title: t('data.keys.lastUsedAt'),
            dataIndex: 'lastUsedAt',
            width: 150,
            render: (ms: number | null) => (ms === null ? t('data.keys.never') : time(ms)),
          },
          {
            key: 'revoke',
            width: 120,
            render: (_, k) =>
              k.revokedAt !== null ? (
                <Tag>{t('data.keys.revokedAt')}</Tag>
              ) : (
                <Button
                  type="link"
                  danger
                  onClick={() =>
                    void modal.confirm({
                      title: t('data.keys.revokeConfirm', { label: k.label }),
                      okText: t('data.keys.revoke'),
                      okButtonProps: { danger: true },
                      cancelText: t('work.cancel'),
                      onOk: () =>
                        run(() => dataApi.revokeOpen311Key(k.id), t('data.keys.revoked')).then(
                          reload,
                        ),
                    })
                  }
                >
                  {t('data.keys.revoke')}
                </Button>
              ),
          },
        ]}
      />
      <FormModal
        open={open}
        title={t('data.keys.create')}
        form={form}
        submit={async (v) => {
          newKey.current = (await dataApi.createOpen311Key(v.communityId, v.label.trim())).key;
        }}
        onSaved={() => {
          setOpen(false);
          setCreated(newKey.current);
          reload();
        }}
        onClose={() => setOpen(false)}
      >
        <Form.Item name="communityId" label={t('admin.community')} rules={[{ required: true }]}>
          <CommunitySelect />
        </Form.Item>
        <Form.Item
          name="label"
          label={t('data.keys.label')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={60} />
        </Form.Item>
      </FormModal>
      <Modal
        open={created !== null}
        title={t('data.keys.newKey')}
        onOk={() => setCreated(null)}
        onCancel={() => setCreated(null)}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        <Alert type="warning" showIcon title={t('data.keys.newKeyHint')} className="form-alert" />
        <Typography.Paragraph copyable code className="new-key" data-testid="new-key">
          {created}
        </Typography.Paragraph>
      </Modal>
    </Flex>
  );
}
