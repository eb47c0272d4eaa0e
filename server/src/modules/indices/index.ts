export { rebuildAggregates } from './aggregate-rebuild';
export { applyProblemChange, applyTroubleChange, applyTroubleInserts } from './aggregate-writer';
export type { ProblemFacts, TroubleFacts } from './contributions';
export { createDisplayToken } from './display-tokens';
export { createEarlyWarningJob } from './early-warning-job';
export { indexRoutes } from './index-routes';
export { createIndexService, type IndexQuery, type IndexService } from './index-service';
export { createScreenService } from './screen-service';
