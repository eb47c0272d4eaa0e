import { Alert, Button, Card, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { describeError } from '../../../shared/error-message';
import { ExportButtons, type ExportSpec } from './export-buttons';

export interface IndexCardProps {
  /** Stable id, also the CSS hook `indices-card-<id>`. */
  id: string;
  title: ReactNode;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  /** Export buttons; disabled until there is data. */
  exports?: ExportSpec;
  hasData: boolean;
  children: ReactNode;
}

/** A dashboard block: title, export buttons, and loading / error states around its content. */
export function IndexCard({
  id,
  title,
  loading,
  error,
  onRetry,
  exports,
  hasData,
  children,
}: IndexCardProps) {
  const { t } = useTranslation();
  let body: ReactNode = children;
  if (error !== undefined) {
    body = (
      <Alert
        type="error"
        showIcon
        title={t('indices.loadFailed')}
        description={describeError(error, t)}
        action={
          <Button size="small" onClick={onRetry}>
            {t('errors.retry')}
          </Button>
        }
      />
    );
  } else if (!hasData) {
    body = <Skeleton active paragraph={{ rows: 5 }} />;
  }
  return (
    <Card
      className={`indices-card indices-card-${id}`}
      title={title}
      loading={false}
      extra={
        exports === undefined ? undefined : (
          <ExportButtons spec={exports} disabled={!hasData || error !== undefined} />
        )
      }
    >
      <div className={loading && hasData ? 'indices-card-body is-refreshing' : 'indices-card-body'}>
        {body}
      </div>
    </Card>
  );
}
