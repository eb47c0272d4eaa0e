import { Col, Row, Table, type TableColumnsType, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import type { ApiData } from '../../../shared/use-api-data';
import { ratesTable } from '../dashboard-tables';
import { emptyTable } from '../export-table';
import { formatPercent } from '../format';
import type { RateRow, ThreeRates } from '../indices-types';
import type { DashboardContext } from './dashboard-context';
import { IndexCard } from './index-card';

/** 三率 (response, resolution, satisfaction), ranked, for departments and communities. */
export function ThreeRatesCard({
  rates,
  context,
}: {
  rates: ApiData<ThreeRates>;
  context: DashboardContext;
}) {
  const { t } = useTranslation();
  const data = rates.data;
  const headers = [
    t('indices.rates.rank'),
    t('indices.rates.name'),
    t('indices.rates.problems'),
    `${t('indices.rates.responseRate')} (%)`,
    `${t('indices.rates.resolutionRate')} (%)`,
    `${t('indices.rates.satisfactionRate')} (%)`,
    t('indices.rates.ratings'),
  ];
  const percent = (value: number | null) => formatPercent(value);
  const columns: TableColumnsType<RateRow> = [
    { title: t('indices.rates.rank'), dataIndex: 'rank', width: 56 },
    { title: t('indices.rates.name'), dataIndex: 'name', ellipsis: { showTitle: true } },
    { title: t('indices.rates.problems'), dataIndex: 'problems', align: 'right', width: 92 },
    {
      title: t('indices.rates.responseRate'),
      dataIndex: 'responseRate',
      align: 'right',
      width: 110,
      render: percent,
    },
    {
      title: t('indices.rates.resolutionRate'),
      dataIndex: 'resolutionRate',
      align: 'right',
      width: 110,
      render: percent,
    },
    {
      title: t('indices.rates.satisfactionRate'),
      dataIndex: 'satisfactionRate',
      align: 'right',
      width: 110,
      render: percent,
    },
    { title: t('indices.rates.ratings'), dataIndex: 'ratings', align: 'right', width: 76 },
  ];
  const title = t('indices.rates.title');
  const departmentsTitle = t('indices.rates.departments');
  const communitiesTitle = t('indices.rates.communities');
  const table = (rows: RateRow[], caption: string, id: string) => (
    <>
      <Typography.Title level={5}>{caption}</Typography.Title>
      <Table<RateRow>
        className={`rates-table rates-table-${id}`}
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 10 ? { pageSize: 10, size: 'small' } : false}
        locale={{ emptyText: t('indices.rates.empty') }}
        scroll={{ x: 640 }}
      />
    </>
  );
  return (
    <IndexCard
      id="rates"
      title={title}
      loading={rates.loading}
      error={rates.error}
      onRetry={rates.reload}
      hasData={data !== undefined}
      exports={{
        nameParts: context.nameParts,
        table: () => {
          if (data === undefined) {
            return emptyTable(title);
          }
          const departments = ratesTable(data.departments, title, headers);
          const communities = ratesTable(data.communities, title, headers);
          return {
            title,
            headers: ['', ...headers],
            rows: [
              ...departments.rows.map((row) => [departmentsTitle, ...row]),
              ...communities.rows.map((row) => [communitiesTitle, ...row]),
            ],
          };
        },
      }}
    >
      {data !== undefined && (
        <Row gutter={[24, 16]}>
          <Col xs={24} xxl={12}>
            {table(data.departments, departmentsTitle, 'departments')}
          </Col>
          <Col xs={24} xxl={12}>
            {table(data.communities, communitiesTitle, 'communities')}
          </Col>
        </Row>
      )}
    </IndexCard>
  );
}
