import { Form, type FormInstance, Input, Modal, Switch } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useSubmit } from './use-submit';

/** A counter to put in a data key: `reload()` makes `useApiData` fetch the list again. */
export function useReload(): [number, () => void] {
  const [version, setVersion] = useState(0);
  return [version, () => setVersion((n) => n + 1)];
}

/** Open/closed state of a create dialog; a saved form closes it and reloads the list. */
export function useCreateDialog(reload: () => void) {
  const [open, setOpen] = useState(false);
  return {
    show: () => setOpen(true),
    props: {
      open,
      onClose: () => setOpen(false),
      onSaved: () => {
        setOpen(false);
        reload();
      },
    },
  };
}

/** A required one-line text field of a create dialog. */
export function RequiredText(props: { name: string; label: string; maxLength: number }) {
  return (
    <Form.Item name={props.name} label={props.label} rules={[{ required: true, whitespace: true }]}>
      <Input maxLength={props.maxLength} />
    </Form.Item>
  );
}

/**
 * A create dialog of the admin lists: an antd form in a modal, sent with the OK button. The
 * request runs with a busy button and the server's error text; `onSaved` follows a success
 * (close the dialog, reload the list).
 */
export function FormModal<T extends object>(props: {
  open: boolean;
  title: string;
  form: FormInstance<T>;
  initialValues?: Partial<T>;
  submit: (values: T) => Promise<unknown>;
  onSaved: () => void;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { busy, run } = useSubmit();
  return (
    <Modal
      open={props.open}
      title={props.title}
      okText={t('work.submit')}
      cancelText={t('work.cancel')}
      confirmLoading={busy}
      onOk={() => props.form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Form<T>
        form={props.form}
        layout="vertical"
        preserve={false}
        initialValues={props.initialValues}
        onFinish={(values) =>
          void run(() => props.submit(values), t('admin.saved')).then((ok) => {
            if (ok) {
              props.onSaved();
            }
          })
        }
      >
        {props.children}
      </Form>
    </Modal>
  );
}

/** The 启用 column of an admin list: a switch that saves at once, then reloads the list. */
export function useActiveColumn<R extends { id: string; active: boolean }>(input: {
  save: (row: R, active: boolean) => Promise<unknown>;
  onSaved: () => void;
  title?: string;
  width?: number;
}): ColumnType<R> {
  const { t } = useTranslation();
  const { run } = useSubmit();
  const title = input.title ?? t('admin.active');
  return {
    title,
    dataIndex: 'active',
    width: input.width ?? 80,
    render: (_, row) => (
      <Switch
        checked={row.active}
        aria-label={title}
        onChange={(active) =>
          void run(() => input.save(row, active), t('admin.saved')).then(input.onSaved)
        }
      />
    ),
  };
}
