export { notifyUsers, usersWithRole } from './notification-repository';
export { notificationRoutes } from './notification-routes';
