export { createDirectoryRepository } from './directory-repository';
export { directoryRoutes } from './directory-routes';
export { type CommunityScope, communityScopeOf } from './directory-scope';
export { createDirectoryService, type DirectoryService } from './directory-service';
