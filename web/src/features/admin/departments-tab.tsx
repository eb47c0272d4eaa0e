import { Button, Flex, Form, Table } from 'antd';
import { useTranslation } from 'react-i18next';

import { useApiData } from '../../shared/use-api-data';
import { ExportLinks } from '../data-pages/export-links';
import type { Department } from '../problems/problem-types';
import { problemsApi } from '../problems/problems-api';
import { adminApi } from './admin-api';
import {
  FormModal,
  RequiredText,
  useActiveColumn,
  useCreateDialog,
  useReload,
} from './admin-parts';

/** 职能部门: create, rename, deactivate (a deactivated department receives no new dispatches). */
export function DepartmentsTab() {
  const { t } = useTranslation();
  const [version, reload] = useReload();
  const dialog = useCreateDialog(reload);
  const [form] = Form.useForm<{ name: string; shortName: string }>();
  const list = useApiData(`departments:${version}`, (signal) => problemsApi.departments(signal));
  const active = useActiveColumn<Department>({
    save: (d, on) => adminApi.updateDepartment(d.id, { active: on }),
    onSaved: reload,
    width: 90,
  });
  return (
    <Flex vertical gap={12}>
      <Flex justify="end" gap={8} wrap align="center">
        <ExportLinks list="departments" />
        <Button type="primary" onClick={dialog.show}>
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
          active,
        ]}
      />
      <FormModal
        {...dialog.props}
        title={t('admin.departments.create')}
        form={form}
        submit={(v) => adminApi.createDepartment(v)}
      >
        <RequiredText name="name" label={t('admin.departments.name')} maxLength={100} />
        <RequiredText name="shortName" label={t('admin.departments.shortName')} maxLength={30} />
      </FormModal>
    </Flex>
  );
}
