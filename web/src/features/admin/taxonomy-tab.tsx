import { Button, Flex, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useApiData } from '../../shared/use-api-data';
import type { CategoryNode, CategoryTreeNode } from '../problems/problem-types';
import { problemsApi } from '../problems/problems-api';
import { adminApi } from './admin-api';
import { useActiveColumn } from './admin-parts';
import { useSubmit } from './use-submit';

interface CategoryValues {
  code?: string;
  name: string;
  nameEn: string;
  keywords: string[];
  sort: number;
}

type Editing =
  { mode: 'create'; parent: CategoryTreeNode | null } | { mode: 'edit'; node: CategoryNode };

/** 分类: the two-level taxonomy (top categories and their sub-categories) with keywords. */
export function TaxonomyTab() {
  const { t } = useTranslation();
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [form] = Form.useForm<CategoryValues>();
  const { busy, run } = useSubmit();
  const tree = useApiData(`tax:${version}`, (signal) => problemsApi.categories(true, signal));
  const reload = () => setVersion((n) => n + 1);
  const active = useActiveColumn<CategoryNode & { children?: CategoryNode[] }>({
    save: (c, on) => adminApi.updateCategory(c.id, { active: on }),
    onSaved: reload,
  });

  const save = (v: CategoryValues) => {
    if (editing === null) {
      return;
    }
    const task =
      editing.mode === 'create'
        ? () =>
            adminApi.createCategory({
              ...v,
              code: v.code ?? '',
              parentId: editing.parent?.id ?? null,
            })
        : () =>
            adminApi.updateCategory(editing.node.id, {
              name: v.name,
              nameEn: v.nameEn,
              keywords: v.keywords,
              sort: v.sort,
            });
    void run(task, t('admin.saved')).then((ok) => {
      if (ok) {
        setEditing(null);
        reload();
      }
    });
  };

  const rows = (tree.data ?? []).map((c) => ({
    ...c,
    children: c.children.length > 0 ? c.children : undefined,
  }));
  const initial =
    editing?.mode === 'edit'
      ? { ...editing.node }
      : { keywords: [], sort: 100, code: editing?.parent ? `${editing.parent.code}.` : '' };

  return (
    <Flex vertical gap={12}>
      <Flex justify="end">
        <Button type="primary" onClick={() => setEditing({ mode: 'create', parent: null })}>
          {t('admin.taxonomy.createTop')}
        </Button>
      </Flex>
      <Table<CategoryNode & { children?: CategoryNode[] }>
        rowKey="id"
        loading={tree.loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 860 }}
        columns={[
          { title: t('admin.taxonomy.name'), dataIndex: 'name', width: 200 },
          { title: t('admin.taxonomy.nameEn'), dataIndex: 'nameEn', width: 200 },
          { title: t('admin.taxonomy.code'), dataIndex: 'code', width: 180 },
          {
            title: t('admin.taxonomy.keywords'),
            dataIndex: 'keywords',
            render: (k: string[]) => k.slice(0, 6).map((w) => <Tag key={w}>{w}</Tag>),
          },
          active,
          {
            title: '',
            key: 'actions',
            width: 170,
            render: (_, c) => (
              <Space>
                <Button size="small" onClick={() => setEditing({ mode: 'edit', node: c })}>
                  {t('admin.edit')}
                </Button>
                {c.parentId === null && (
                  <Button
                    size="small"
                    onClick={() =>
                      setEditing({
                        mode: 'create',
                        parent: (tree.data ?? []).find((x) => x.id === c.id) ?? null,
                      })
                    }
                  >
                    {t('admin.taxonomy.addChild')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={
          editing?.mode === 'edit'
            ? t('admin.taxonomy.editTitle', { name: editing.node.name })
            : editing?.parent
              ? t('admin.taxonomy.createChild', { name: editing.parent.name })
              : t('admin.taxonomy.createTop')
        }
        okText={t('work.submit')}
        cancelText={t('work.cancel')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        <Form<CategoryValues>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={initial}
          onFinish={save}
        >
          {editing?.mode === 'create' && (
            <Form.Item
              name="code"
              label={t('admin.taxonomy.code')}
              extra={t('admin.taxonomy.codeHint')}
              rules={[
                {
                  required: true,
                  pattern: /^[a-z][a-z0-9_.-]*$/,
                  message: t('admin.taxonomy.codeHint'),
                },
              ]}
            >
              <Input maxLength={60} />
            </Form.Item>
          )}
          <Form.Item
            name="name"
            label={t('admin.taxonomy.name')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item
            name="nameEn"
            label={t('admin.taxonomy.nameEn')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={80} />
          </Form.Item>
          <Form.Item
            name="keywords"
            label={t('admin.taxonomy.keywords')}
            extra={t('admin.taxonomy.keywordsHint')}
          >
            <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} />
          </Form.Item>
          <Form.Item name="sort" label={t('admin.taxonomy.sort')}>
            <InputNumber min={0} max={100000} precision={0} />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
