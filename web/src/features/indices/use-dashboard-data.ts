import { useApiData } from '../../shared/use-api-data';
import type { DashboardView } from './dashboard-search';
import { indicesApi } from './indices-api';

/** Everything the dashboard shows for one view; each block loads (and fails) on its own. */
export function useDashboardData(view: DashboardView) {
  const { scope, period } = view;
  const scopeKey = scope.kind === 'county' ? 'county' : scope.communityId;
  const key = `${scopeKey}|${period.from}|${period.to}`;
  return {
    index: useApiData(`index|${key}`, (signal) => indicesApi.troubleIndex(scope, period, signal)),
    trend: useApiData(`trend|${key}`, (signal) => indicesApi.trend(scope, period, signal)),
    intensity: useApiData(`intensity|${key}`, (signal) =>
      indicesApi.intensity(scope, period, signal),
    ),
    threeRates: useApiData(`rates|${key}`, (signal) =>
      indicesApi.threeRates(scope, period, signal),
    ),
    happiness: useApiData(`happiness|${key}`, (signal) =>
      indicesApi.happiness(scope, period, signal),
    ),
    warnings: useApiData(`warnings|${key}`, (signal) => indicesApi.warnings(scope, period, signal)),
  };
}
