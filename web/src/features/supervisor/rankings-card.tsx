import { Alert, Col, DatePicker, Flex, Row, Table, type TableColumnsType, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { RateRow } from '../../../../common/indices-types';
import { api } from '../../shared/api';
import { describeError } from '../../shared/error-message';
import { useApiData } from '../../shared/use-api-data';
import { formatPercent } from '../indices/format';
import { createIndicesApi } from '../indices/indices-api';

const indicesApi = createIndicesApi(api);

/** 三率 rankings of departments and communities for a year (`/indices/three-rates`). */
export function RankingsCard() {
  const { t } = useTranslation();
  const [year, setYear] = useState<Dayjs>(dayjs());
  const y = year.year();
  const rates = useApiData(`rates:${y}`, (signal) =>
    indicesApi.threeRates(
      { kind: 'county' },
      { kind: 'year', from: `${y}-01-01`, to: `${y + 1}-01-01` },
      signal,
    ),
  );
  const columns: TableColumnsType<RateRow> = [
    { title: t('indices.rates.rank'), dataIndex: 'rank', width: 56 },
    { title: t('indices.rates.name'), dataIndex: 'name' },
    { title: t('indices.rates.problems'), dataIndex: 'problems', align: 'right', width: 80 },
    {
      title: t('indices.rates.responseRate'),
      dataIndex: 'responseRate',
      align: 'right',
      render: formatPercent,
    },
    {
      title: t('indices.rates.resolutionRate'),
      dataIndex: 'resolutionRate',
      align: 'right',
      render: formatPercent,
    },
    {
      title: t('indices.rates.satisfactionRate'),
      dataIndex: 'satisfactionRate',
      align: 'right',
      render: formatPercent,
    },
  ];
  const table = (title: string, rows: RateRow[] | undefined) => (
    <>
      <Typography.Title level={5}>{title}</Typography.Title>
      <Table<RateRow>
        size="small"
        rowKey="id"
        loading={rates.loading}
        dataSource={rows ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: 560 }}
        locale={{ emptyText: t('indices.rates.empty') }}
      />
    </>
  );
  return (
    <Flex vertical gap={12}>
      <Flex align="center" gap={8}>
        <Typography.Text>{t('supervision.rankings.year')}</Typography.Text>
        <DatePicker
          picker="year"
          value={year}
          allowClear={false}
          aria-label={t('supervision.rankings.year')}
          onChange={(d) => d && setYear(d)}
        />
      </Flex>
      {rates.error !== undefined && (
        <Alert type="error" showIcon title={describeError(rates.error, t)} />
      )}
      <Row gutter={[24, 16]}>
        <Col xs={24} xl={12}>
          {table(t('indices.rates.departments'), rates.data?.departments)}
        </Col>
        <Col xs={24} xl={12}>
          {table(t('indices.rates.communities'), rates.data?.communities)}
        </Col>
      </Row>
    </Flex>
  );
}
