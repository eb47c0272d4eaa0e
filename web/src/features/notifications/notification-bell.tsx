import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Flex, Popover, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import { api } from '../../shared/api';
import { useCurrentUser } from '../auth/use-current-user';
import { type AppNotification, notificationTarget } from './notification-target';

const POLL_MS = 60_000;

interface NotificationPage {
  unread: number;
  items: AppNotification[];
}

const load = (signal?: AbortSignal) =>
  api.get<NotificationPage>('/api/v1/notifications', {
    query: { limit: 8 },
    ...(signal ? { signal } : {}),
  });

/** Header bell: the unread count (polled every minute) and the latest notifications. */
export function NotificationBell() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [page, setPage] = useState<NotificationPage>({ unread: 0, items: [] });
  const [open, setOpen] = useState(false);

  const refresh = useCallback((signal?: AbortSignal) => {
    load(signal)
      .then(setPage)
      .catch(() => undefined);
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    refresh(controller.signal);
    const timer = setInterval(() => refresh(), POLL_MS);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, [refresh]);

  const openItem = (n: AppNotification) => {
    const target = notificationTarget(user.role, n);
    setOpen(false);
    void (n.readAt === null ? api.post(`/api/v1/notifications/${n.id}/read`) : Promise.resolve())
      .catch(() => undefined)
      .then(() => refresh());
    if (target !== null) {
      void navigate(target);
    }
  };

  const readAll = () =>
    void api
      .post('/api/v1/notifications/read-all')
      .catch(() => undefined)
      .then(() => refresh());

  const content = (
    <div className="notification-panel">
      {page.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      ) : (
        page.items.map((n) => (
          <button
            type="button"
            key={n.id}
            className={n.readAt === null ? 'notification-item unread' : 'notification-item'}
            onClick={() => openItem(n)}
          >
            <Typography.Text strong={n.readAt === null}>{n.title}</Typography.Text>
            <Typography.Text type="secondary" className="notification-body">
              {n.body}
            </Typography.Text>
            <Typography.Text type="secondary" className="notification-time">
              {dayjs(n.createdAt).format('MM-DD HH:mm')}
            </Typography.Text>
          </button>
        ))
      )}
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          refresh();
        }
      }}
      title={
        <Flex justify="space-between" align="center">
          <span>{t('notifications.title')}</span>
          {page.unread > 0 && (
            <Button type="link" size="small" onClick={readAll}>
              {t('notifications.readAll')}
            </Button>
          )}
        </Flex>
      }
      content={content}
    >
      <Button
        type="text"
        className="notification-bell"
        aria-label={t('notifications.label', { count: page.unread })}
        icon={
          <Badge count={page.unread} size="small" overflowCount={99}>
            <BellOutlined className="bell-icon" />
          </Badge>
        }
      />
    </Popover>
  );
}
