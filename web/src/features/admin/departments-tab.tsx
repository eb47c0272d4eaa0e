import { Button, Flex, Form, Input, Modal, Switch, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useApiData } from '../../shared/use-api-data';
import { ExportLinks } from '../data-pages/export-links';
import type { Department } from '../problems/problem-types';
import { problemsApi } from '../problems/problems-api';
import { adminApi } from './admin-api';
import { useSubmit } from './use-submit';

/** 职能部门: create, rename, deactivate (a deactivated department receives no new dispatches). */
export function DepartmentsTab() {
  const { t } = useTranslation();
  const [version, setVersion] = useState(0);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ name: string; shortName: string }>();
  const { busy, run } = useSubmit();
  const list = useApiData(`departments:${version}`, (signal) => problemsApi.departments(signal));
  const reload = () => setVersion((n) => n + 1);
  return (
    <Flex vertical gap={12}>
      <Flex justify="end" gap={8} wrap align="center">
        <ExportLinks list="departments" />
        <Button type="primary" onClick={() => setOpen(true)}>
          {t('admin.departments.create')}
        </Button>
      </Flex>
      <Table<Department>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data ?? []}
        pagination={false}
        columns={[
          { title: t('admin.departments.name'), dataIndex: 'name' },
          { title: t('admin.departments.shortName'), dataIndex: 'shortName' },
          {
            title: t('admin.active'),
            dataIndex: 'active',
            width: 90,
            render: (_, d) => (
              <Switch
                checked={d.active}
                aria-label={t('admin.active')}
                onChange={(active) =>
                  void run(
                    () => adminApi.updateDepartment(d.id, { active }),
                    t('admin.saved'),
                  ).then(reload)
                }
              />
            ),
          },
        ]}
      />
      <Modal
        open={open}
        title={t('admin.departments.create')}
        okText={t('work.submit')}
        cancelText={t('work.cancel')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={(v) =>
            void run(() => adminApi.createDepartment(v), t('admin.saved')).then((ok) => {
              if (ok) {
                setOpen(false);
                reload();
              }
            })
          }
        >
          <Form.Item
            name="name"
            label={t('admin.departments.name')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="shortName"
            label={t('admin.departments.shortName')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={30} />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
