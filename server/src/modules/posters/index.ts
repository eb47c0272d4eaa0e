export { posterRoutes } from './poster-routes';
export { createPosterService, type PosterService } from './poster-service';
