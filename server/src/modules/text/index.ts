export {
  type ClassifierModel,
  deserializeModel,
  predict,
  serializeModel,
  trainClassifier,
} from './classifier';
export { DEFAULT_DOMAIN_WORDS } from './dictionary';
export {
  type CategorySuggestion,
  CHOOSE_BELOW,
  createTextModelService,
  type TextModelService,
} from './model-service';
export { createSegmenter, type Segmenter } from './segmenter';
export { type SimilarSuggester, textRoutes } from './text-routes';
