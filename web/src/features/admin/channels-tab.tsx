import {
  Alert,
  App,
  Button,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import {
  CHANNEL_KINDS,
  NOTIFICATION_EVENT_LABELS,
  NOTIFICATION_EVENTS,
  type NotificationEvent,
} from '../../../../common/notifications';
import { describeError } from '../../shared/error-message';
import { useApiData } from '../../shared/use-api-data';
import { useLanguage } from '../../shared/use-language';
import { type Channel, type ChannelInput, dataApi } from '../data-pages/data-api';
import { problemsApi } from '../problems/problems-api';
import { useActiveColumn } from './admin-parts';
import { CommunitySelect } from './community-select';
import { useSubmit } from './use-submit';

/** 通知渠道: where each event type of a community is sent (e-mail, WeCom, DingTalk, Feishu, webhook). */
export function ChannelsTab() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { modal } = App.useApp();
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState<Channel | 'new' | null>(null);
  const { run } = useSubmit();
  const list = useApiData(`channels:${version}`, (signal) => dataApi.channels(signal));
  const communities = useApiData('communities', (signal) => problemsApi.communities(signal));
  const communityName = (id: string) => communities.data?.find((c) => c.id === id)?.name ?? id;
  const reload = () => setVersion((v) => v + 1);
  const active = useActiveColumn<Channel>({
    save: (c, on) => dataApi.updateChannel(c.id, { active: on }),
    onSaved: reload,
    title: t('data.channels.active'),
    width: 70,
  });
  const eventLabel = (e: NotificationEvent) => NOTIFICATION_EVENT_LABELS[e][language];
  return (
    <Flex vertical gap={12}>
      <Flex justify="end">
        <Button type="primary" onClick={() => setEditing('new')}>
          {t('data.channels.create')}
        </Button>
      </Flex>
      {list.error !== undefined && (
        <Alert type="error" showIcon title={describeError(list.error, t)} />
      )}
      <Table<Channel>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data ?? []}
        locale={{ emptyText: t('data.channels.empty') }}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        scroll={{ x: 960 }}
        columns={[
          { title: t('data.channels.name'), dataIndex: 'name' },
          {
            title: t('admin.community'),
            dataIndex: 'communityId',
            width: 120,
            render: communityName,
          },
          {
            title: t('data.channels.kind'),
            dataIndex: 'kind',
            width: 100,
            render: (k: Channel['kind']) => <Tag>{t(`data.channels.kinds.${k}`)}</Tag>,
          },
          {
            title: t('data.channels.events'),
            dataIndex: 'events',
            render: (events: NotificationEvent[]) => (
              <Flex gap={4} wrap>
                {events.map((e) => (
                  <Tag key={e} color="blue">
                    {eventLabel(e)}
                  </Tag>
                ))}
              </Flex>
            ),
          },
          { title: t('data.channels.target'), dataIndex: 'targetMasked', width: 200 },
          active,
          {
            key: 'actions',
            width: 220,
            render: (_, c) => (
              <Space size={0}>
                <Button
                  type="link"
                  onClick={() =>
                    void run(() => dataApi.testChannel(c.id), t('data.channels.tested'))
                  }
                >
                  {t('data.channels.test')}
                </Button>
                <Button type="link" onClick={() => setEditing(c)}>
                  {t('data.channels.editButton')}
                </Button>
                <Button
                  type="link"
                  danger
                  onClick={() =>
                    void modal.confirm({
                      title: t('data.channels.deleteConfirm', { name: c.name }),
                      okText: t('data.channels.delete'),
                      okButtonProps: { danger: true },
                      cancelText: t('work.cancel'),
                      onOk: () =>
                        run(() => dataApi.deleteChannel(c.id), t('data.channels.deleted')).then(
                          reload,
                        ),
                    })
                  }
                >
                  {t('data.channels.delete')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <ChannelModal
        channel={editing}
        eventLabel={eventLabel}
        onClose={() => setEditing(null)}
        onDone={() => {
          setEditing(null);
          reload();
        }}
      />
    </Flex>
  );
}

function ChannelModal({
  channel,
  eventLabel,
  onClose,
  onDone,
}: {
  channel: Channel | 'new' | null;
  eventLabel: (e: NotificationEvent) => string;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ChannelInput>();
  const { busy, run } = useSubmit();
  const isNew = channel === 'new';
  const existing = channel === 'new' ? null : channel;
  return (
    <Modal
      open={channel !== null}
      title={isNew ? t('data.channels.create') : t('data.channels.edit')}
      okText={t('work.submit')}
      cancelText={t('work.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<ChannelInput>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          existing
            ? { name: existing.name, events: existing.events, active: existing.active }
            : { kind: 'webhook', events: ['trouble.p1'], active: true }
        }
        onFinish={(v) => {
          const secret = v.secret?.trim() ? v.secret.trim() : undefined;
          const target = v.target?.trim() ? v.target.trim() : undefined;
          void run(
            () =>
              existing
                ? dataApi.updateChannel(existing.id, {
                    name: v.name,
                    events: v.events,
                    active: v.active,
                    ...(target === undefined ? {} : { target }),
                    ...(secret === undefined ? {} : { secret }),
                  })
                : dataApi.createChannel({
                    communityId: v.communityId,
                    name: v.name,
                    kind: v.kind,
                    events: v.events,
                    target,
                    active: v.active,
                    ...(secret === undefined ? {} : { secret }),
                  }),
            t('admin.saved'),
          ).then((ok) => ok && onDone());
        }}
      >
        {isNew && (
          <Form.Item name="communityId" label={t('admin.community')} rules={[{ required: true }]}>
            <CommunitySelect />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('data.channels.name')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={60} />
        </Form.Item>
        {isNew && (
          <Form.Item name="kind" label={t('data.channels.kind')} rules={[{ required: true }]}>
            <Select
              aria-label={t('data.channels.kind')}
              options={CHANNEL_KINDS.map((k) => ({
                value: k,
                label: t(`data.channels.kinds.${k}`),
              }))}
            />
          </Form.Item>
        )}
        <Form.Item name="events" label={t('data.channels.events')} rules={[{ required: true }]}>
          <Select
            mode="multiple"
            aria-label={t('data.channels.events')}
            options={NOTIFICATION_EVENTS.map((e) => ({ value: e, label: eventLabel(e) }))}
          />
        </Form.Item>
        <Form.Item
          name="target"
          label={t('data.channels.target')}
          extra={existing ? existing.targetMasked : t('data.channels.targetHint')}
          rules={isNew ? [{ required: true, whitespace: true }] : []}
        >
          <Input maxLength={1000} />
        </Form.Item>
        <Form.Item
          name="secret"
          label={t('data.channels.secret')}
          extra={
            existing?.secretSet
              ? `${t('data.channels.secretSet')} · ${t('data.channels.secretHint')}`
              : t('data.channels.secretHint')
          }
          rules={[{ min: 8 }]}
        >
          <Input.Password maxLength={200} autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="active" label={t('data.channels.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
