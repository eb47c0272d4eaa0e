import { Card, Col, Flex, Row, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { Role } from '../../../shared/roles';
import { useLanguage } from '../../../shared/use-language';
import { categoryColors } from '../charts/palette';
import { canSeeCounty, type DashboardView } from '../dashboard-search';
import { categoryLabel, formatPeriodLabel } from '../format';
import type { CommunityOption } from '../indices-types';
import type { Period } from '../period';
import { useDashboardData } from '../use-dashboard-data';
import { CategoryDrawer } from './category-drawer';
import type { DashboardContext, SelectedCategory } from './dashboard-context';
import { EmptyPeriodNotice } from './empty-period-notice';
import { FiguresCard } from './figures-card';
import { HappinessCard } from './happiness-card';
import { HotProblemsCard } from './hot-problems-card';
import { IntensityCard } from './intensity-card';
import { PeriodPicker } from './period-picker';
import { RankingCard } from './ranking-card';
import { ScopePicker } from './scope-picker';
import { SharePieCard } from './share-pie-card';
import { ThreeRatesCard } from './three-rates-card';
import { TrendCard } from './trend-card';
import { WarningsCard } from './warnings-card';

const HALF = { xs: 24, xl: 12 } as const;

/** The dashboard for one resolved view: toolbar, the index cards and the drill-down drawer. */
export function DashboardBody({
  view,
  communities,
  role,
  now,
  onViewChange,
}: {
  view: DashboardView;
  communities: CommunityOption[];
  role: Role;
  now: number;
  onViewChange: (view: { community: CommunityOption | null; period: Period }) => void;
}) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const data = useDashboardData(view);
  const [selected, setSelected] = useState<SelectedCategory | null>(null);

  const index = data.index.data;
  const trend = data.trend.data;
  const colorOf = useMemo(
    () => categoryColors([...(index?.categories ?? []), ...(trend?.series ?? [])]),
    [index, trend],
  );
  const englishNames = useMemo(() => {
    const names = new Map<string, string>();
    for (const parent of index?.categories ?? []) {
      names.set(parent.id, parent.nameEn);
      for (const child of parent.children) {
        names.set(child.id, child.nameEn);
      }
    }
    return names;
  }, [index]);
  const seriesLabel = useCallback(
    (series: { id: string; name: string }) =>
      categoryLabel({ name: series.name, nameEn: englishNames.get(series.id) }, language),
    [englishNames, language],
  );

  const scopeName = view.community?.name ?? t('indices.scope.county');
  const periodLabel = formatPeriodLabel(view.period, language);
  const context: DashboardContext = {
    language,
    scope: view.scope,
    period: view.period,
    nameParts: [scopeName, periodLabel],
    colorOf,
    seriesLabel,
  };

  return (
    <div className="indices-dashboard">
      <Card className="indices-toolbar">
        <Flex justify="space-between" align="center" wrap gap="middle">
          <div>
            <Typography.Title level={3} className="indices-title">
              {t('indices.title')} · {scopeName}
            </Typography.Title>
            <Typography.Text type="secondary" className="indices-period-label">
              {periodLabel}
            </Typography.Text>
          </div>
          <Flex gap="small" wrap align="center">
            <ScopePicker
              communities={communities}
              value={view.community}
              allowCounty={canSeeCounty(role)}
              onChange={(community) => onViewChange({ community, period: view.period })}
            />
            <PeriodPicker
              value={view.period}
              now={now}
              onChange={(period) => onViewChange({ community: view.community, period })}
            />
          </Flex>
        </Flex>
      </Card>

      {index !== undefined && index.total === 0 && (
        <EmptyPeriodNotice
          view={view}
          onJump={(period) => onViewChange({ community: view.community, period })}
        />
      )}

      <Row gutter={[16, 16]}>
        <Col span={24}>
          <FiguresCard index={data.index} context={context} />
        </Col>
        <Col span={24}>
          <HotProblemsCard context={context} />
        </Col>
        <Col xs={24} xl={14}>
          <RankingCard index={data.index} context={context} onSelect={setSelected} />
        </Col>
        <Col xs={24} xl={10}>
          <SharePieCard index={data.index} context={context} onSelect={setSelected} />
        </Col>
        <Col {...HALF}>
          <TrendCard trend={data.trend} context={context} view="stacked" />
        </Col>
        <Col {...HALF}>
          <TrendCard trend={data.trend} context={context} view="heatmap" />
        </Col>
        <Col {...HALF}>
          <IntensityCard intensity={data.intensity} context={context} />
        </Col>
        <Col {...HALF}>
          <Flex vertical gap={16}>
            <HappinessCard happiness={data.happiness} context={context} />
            <WarningsCard warnings={data.warnings} context={context} />
          </Flex>
        </Col>
        <Col span={24}>
          <ThreeRatesCard rates={data.threeRates} context={context} />
        </Col>
      </Row>

      <CategoryDrawer category={selected} context={context} onClose={() => setSelected(null)} />
    </div>
  );
}
