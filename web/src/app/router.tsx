import { createBrowserRouter } from 'react-router';

import { HomePage } from '../pages/home-page';
import { LoginPage } from '../pages/login-page';
import { NotFoundPage } from '../pages/not-found-page';
import { TrackDetailPage } from '../pages/track-detail-page';
import { TrackPage } from '../pages/track-page';
import { AuthenticatedLayout } from './layouts/authenticated-layout';
import { PublicLayout } from './layouts/public-layout';
import { paths } from './paths';
import { RequireAuth } from './require-auth';
import { RouteErrorPage } from './route-error-page';

export const router = createBrowserRouter([
  {
    errorElement: <RouteErrorPage />,
    children: [
      {
        // Logged-in area: add staff/department/supervisor/admin sections here.
        element: <RequireAuth />,
        children: [
          {
            element: <AuthenticatedLayout />,
            children: [{ index: true, element: <HomePage /> }],
          },
        ],
      },
      {
        // Public area: login and the worker-facing pages (no session needed).
        element: <PublicLayout />,
        children: [
          { path: paths.login, element: <LoginPage /> },
          { path: paths.track, element: <TrackPage /> },
          { path: `${paths.track}/:code`, element: <TrackDetailPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
