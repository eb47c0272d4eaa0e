export { open311DiscoveryRoutes } from './open311-discovery';
export { open311KeyRoutes } from './open311-key-routes';
export { open311Routes } from './open311-routes';
export { createOpen311Service, type Open311Service } from './open311-service';
