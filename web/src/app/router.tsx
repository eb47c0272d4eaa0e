import { createBrowserRouter } from 'react-router';

import { HomePage } from '../pages/home-page';
import { SECTION_ROLES } from '../pages/home-sections';
import { LoginPage } from '../pages/login-page';
import { NotFoundPage } from '../pages/not-found-page';
import { FullPageSpinner } from './components/full-page-spinner';
import { AuthenticatedLayout } from './layouts/authenticated-layout';
import { PublicLayout } from './layouts/public-layout';
import { paths } from './paths';
import { RequireAuth } from './require-auth';
import { RequireRole } from './require-role';
import { RouteErrorPage } from './route-error-page';
import type { RouteHandle } from './route-handle';

const wide: RouteHandle = { wide: true };

export const router = createBrowserRouter([
  {
    errorElement: <RouteErrorPage />,
    hydrateFallbackElement: <FullPageSpinner />,
    children: [
      {
        // Logged-in area: add staff/department/supervisor/admin sections here.
        element: <RequireAuth />,
        children: [
          {
            element: <AuthenticatedLayout />,
            children: [
              { index: true, element: <HomePage /> },
              {
                // Lazy: the dashboard brings ECharts, which the other pages never load.
                path: paths.indices,
                handle: wide,
                lazy: async () => ({
                  Component: (await import('../features/indices/pages/indices-dashboard-page'))
                    .IndicesDashboardPage,
                }),
              },
              {
                path: paths.reports,
                lazy: async () => ({
                  Component: (await import('../features/reports/reports-page')).ReportsPage,
                }),
              },
              {
                element: <RequireRole roles={SECTION_ROLES.workbench} />,
                children: [
                  {
                    path: paths.workbench,
                    handle: wide,
                    lazy: async () => ({
                      Component: (await import('../features/workbench/workbench-page'))
                        .WorkbenchPage,
                    }),
                  },
                ],
              },
              {
                element: <RequireRole roles={SECTION_ROLES.departmentInbox} />,
                children: [
                  {
                    path: paths.inbox,
                    handle: wide,
                    lazy: async () => ({
                      Component: (await import('../features/inbox/inbox-page')).InboxPage,
                    }),
                  },
                ],
              },
              {
                element: <RequireRole roles={SECTION_ROLES.supervision} />,
                children: [
                  {
                    path: paths.supervision,
                    handle: wide,
                    lazy: async () => ({
                      Component: (await import('../features/supervisor/supervision-page'))
                        .SupervisionPage,
                    }),
                  },
                ],
              },
              {
                element: <RequireRole roles={SECTION_ROLES.imports} />,
                children: [
                  {
                    path: paths.imports,
                    handle: wide,
                    lazy: async () => ({
                      Component: (await import('../features/data-pages/import-page')).ImportPage,
                    }),
                  },
                  {
                    path: paths.clusters,
                    handle: wide,
                    lazy: async () => ({
                      Component: (await import('../features/data-pages/clusters-page'))
                        .ClustersPage,
                    }),
                  },
                ],
              },
              {
                element: <RequireRole roles={SECTION_ROLES.systemAdmin} />,
                children: [
                  {
                    path: paths.admin,
                    handle: wide,
                    lazy: async () => ({
                      Component: (await import('../features/admin/admin-page')).AdminPage,
                    }),
                  },
                ],
              },
              {
                element: <RequireRole roles={SECTION_ROLES.audit} />,
                children: [
                  {
                    path: paths.audit,
                    handle: wide,
                    lazy: async () => ({
                      Component: (await import('../features/audit/audit-page')).AuditPage,
                    }),
                  },
                ],
              },
            ],
          },
        ],
      },
      {
        // The big screen (大屏): its own full-window layout, no login (display token in the URL).
        path: paths.screen,
        lazy: async () => ({
          Component: (await import('../features/screen/screen-page')).ScreenPage,
        }),
      },
      {
        // Public area: login (no session needed). The worker pages (/report, /track) are the separate
        // worker.html entry, which the server serves for those paths.
        element: <PublicLayout />,
        children: [
          { path: paths.login, element: <LoginPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
