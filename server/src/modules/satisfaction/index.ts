export { satisfactionRoutes } from './satisfaction-routes';
export { createSatisfactionService, type SatisfactionService } from './satisfaction-service';
