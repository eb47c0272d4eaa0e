import { FileExcelOutlined, FileImageOutlined, FileTextOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { type RefObject, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { ChartInstance } from '../../../shared/charts/echarts-core';
import { describeError } from '../../../shared/error-message';
import { exportCsv, exportPng, exportXlsx } from '../export-files';
import type { ExportTable } from '../export-table';

export interface ExportSpec {
  /** Builds the card's data table on demand. */
  table: () => ExportTable;
  /** The chart to save as PNG, when the card has one. */
  chartRef?: RefObject<ChartInstance | null>;
  /** Scope and period, appended to the file name. */
  nameParts: string[];
}

/** PNG / XLSX / CSV buttons of a dashboard card. */
export function ExportButtons({ spec, disabled }: { spec: ExportSpec; disabled: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  const run = async (action: () => void | Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } catch (error) {
      void message.error(`${t('indices.export.failed')}: ${describeError(error, t)}`);
    } finally {
      setBusy(false);
    }
  };
  const fileParts = () => [spec.table().title, ...spec.nameParts];

  return (
    <Space.Compact size="small">
      {spec.chartRef !== undefined && (
        <Button
          icon={<FileImageOutlined />}
          title={t('indices.export.pngTitle')}
          disabled={disabled || busy}
          onClick={() =>
            void run(() => {
              const chart = spec.chartRef?.current;
              if (chart) {
                exportPng(chart, fileParts());
              }
            })
          }
        >
          <span className="export-label">{t('indices.export.png')}</span>
        </Button>
      )}
      <Button
        icon={<FileExcelOutlined />}
        title={t('indices.export.xlsxTitle')}
        disabled={disabled || busy}
        loading={busy}
        onClick={() => void run(() => exportXlsx(spec.table(), spec.nameParts))}
      >
        <span className="export-label">{t('indices.export.xlsx')}</span>
      </Button>
      <Button
        icon={<FileTextOutlined />}
        title={t('indices.export.csvTitle')}
        disabled={disabled || busy}
        onClick={() => void run(() => exportCsv(spec.table(), spec.nameParts))}
      >
        <span className="export-label">{t('indices.export.csv')}</span>
      </Button>
    </Space.Compact>
  );
}
