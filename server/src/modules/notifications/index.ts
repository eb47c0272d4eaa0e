export { createDeliveryWorker, type DeliveryWorker } from './delivery-worker';
export { createNotificationAdmin, type NotificationAdmin } from './notification-admin';
export { notificationAdminRoutes } from './notification-admin-routes';
export { notifyUsers, usersWithRole } from './notification-repository';
export { notificationRoutes } from './notification-routes';
export { enqueueDeliveries, type OutboxMessage } from './outbox-repository';
