import {
  ApiOutlined,
  AuditOutlined,
  CloudUploadOutlined,
  ClusterOutlined,
  DashboardOutlined,
  DesktopOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  InboxOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import { Card, Col, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';

import { paths } from '../app/paths';
import { useCurrentUser } from '../features/auth/use-current-user';
import { landingPath, type Section, sectionsFor } from './home-sections';

const SECTION_ICONS: Record<Section, ReactNode> = {
  workbench: <DesktopOutlined />,
  departmentInbox: <InboxOutlined />,
  supervision: <AuditOutlined />,
  indexDashboard: <DashboardOutlined />,
  reports: <FileTextOutlined />,
  imports: <CloudUploadOutlined />,
  clusters: <ClusterOutlined />,
  systemAdmin: <SettingOutlined />,
  audit: <FileSearchOutlined />,
};

const CARD_COLUMNS = { xs: 24, sm: 12, lg: 8 } as const;

export function HomePage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const landing = landingPath(user.role);
  if (landing !== paths.home) {
    // The auditor has one page: the audit trail is its home.
    return <Navigate to={landing} replace />;
  }

  return (
    <>
      <Typography.Title level={2}>
        {t('home.greeting', { name: user.displayName })}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('home.intro')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {sectionsFor(user.role).map((section) => (
          <Col key={section.id} {...CARD_COLUMNS}>
            <Card
              className="home-card"
              title={
                <Link to={section.path}>
                  {SECTION_ICONS[section.id]} {t(`home.sections.${section.id}.title`)}
                </Link>
              }
            >
              <Typography.Paragraph>
                {t(`home.sections.${section.id}.description`)}
              </Typography.Paragraph>
              <Link to={section.path}>{t(`home.sections.${section.id}.action`)}</Link>
            </Card>
          </Col>
        ))}
        <Col {...CARD_COLUMNS}>
          <Card
            className="home-card"
            title={
              <span>
                <ApiOutlined /> {t('home.sections.apiDocs.title')}
              </span>
            }
          >
            <Typography.Paragraph>{t('home.sections.apiDocs.description')}</Typography.Paragraph>
            <a href={paths.apiDocs}>{t('home.sections.apiDocs.action')}</a>
          </Card>
        </Col>
      </Row>
    </>
  );
}
