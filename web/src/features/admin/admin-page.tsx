import { Card, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

import { CalendarTab } from './calendar-tab';
import { ChannelsTab } from './channels-tab';
import { CommunitiesTab } from './communities-tab';
import { DeliveriesTab } from './deliveries-tab';
import { DepartmentsTab } from './departments-tab';
import { EnterprisesTab } from './enterprises-tab';
import { Open311KeysTab } from './open311-keys-tab';
import { SlaTab } from './sla-tab';
import { TaxonomyTab } from './taxonomy-tab';
import { UsersTab } from './users-tab';

const TABS = {
  users: UsersTab,
  communities: CommunitiesTab,
  enterprises: EnterprisesTab,
  departments: DepartmentsTab,
  taxonomy: TaxonomyTab,
  sla: SlaTab,
  calendar: CalendarTab,
  channels: ChannelsTab,
  deliveries: DeliveriesTab,
  open311: Open311KeysTab,
} as const;
type AdminTab = keyof typeof TABS;
const isAdminTab = (v: string | null): v is AdminTab => v !== null && v in TABS;

/**
 * 系统管理: directory, users and roles, taxonomy, the promise settings, the calendar, notification
 * channels and failed deliveries, and Open311 API keys.
 */
export function AdminPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: AdminTab = isAdminTab(raw) ? raw : 'users';
  const Body = TABS[tab];
  return (
    <Card className="work-page">
      <Typography.Title level={3} className="page-title">
        {t('admin.title')}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key })}
        items={(Object.keys(TABS) as AdminTab[]).map((key) => ({
          key,
          label: t(`admin.tabs.${key}`),
        }))}
      />
      <Body />
    </Card>
  );
}
