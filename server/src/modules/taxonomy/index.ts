export { DEFAULT_TAXONOMY } from './default-taxonomy';
export { createTaxonomyRepository } from './taxonomy-repository';
export { taxonomyRoutes } from './taxonomy-routes';
export { type CategoryView, createTaxonomyService, type TaxonomyService } from './taxonomy-service';
