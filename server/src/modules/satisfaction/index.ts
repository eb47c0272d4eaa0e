export { createSatisfactionService, type SatisfactionService } from './satisfaction-service';
export { satisfactionRoutes } from './satisfaction-routes';
