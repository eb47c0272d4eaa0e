import { SearchOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import { paths } from '../app/paths';

interface TrackFormValues {
  code: string;
}

/** Public: look up the handling progress of a reported trouble by its tracking code. */
export function TrackPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();

  const submit = ({ code }: TrackFormValues) => {
    void navigate(paths.trackDetail(code.trim()));
  };

  return (
    <Card>
      <Typography.Title level={3}>{t('track.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('track.description')}</Typography.Paragraph>
      <Form<TrackFormValues> layout="vertical" name="track" requiredMark={false} onFinish={submit}>
        <Form.Item
          name="code"
          label={t('track.codeLabel')}
          rules={[{ required: true, whitespace: true, message: t('track.codeRequired') }]}
        >
          <Input placeholder={t('track.codePlaceholder')} autoComplete="off" autoFocus />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
          {t('track.submit')}
        </Button>
      </Form>
    </Card>
  );
}
