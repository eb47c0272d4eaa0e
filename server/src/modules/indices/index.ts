export { rebuildAggregates } from './aggregate-rebuild';
export { applyProblemChange, applyTroubleChange } from './aggregate-writer';
export type { ProblemFacts, TroubleFacts } from './contributions';
