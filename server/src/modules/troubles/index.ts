export { newTrackingCode, normalizeTrackingCode } from './tracking-code';
export { createTroubleIntake, type TroubleIntake } from './trouble-intake';
export {
  createTroubleRepository,
  type TroubleListConditions,
  troubleListFilter,
} from './trouble-repository';
export { troubleRoutes } from './trouble-routes';
export { type CategorizedHook, createTroubleService, type TroubleService } from './trouble-service';
export { titleFrom } from './trouble-title';
export { createTroubleTracking } from './trouble-tracking';
export { createUploadService, type UploadService } from './upload-service';
