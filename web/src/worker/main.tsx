import './worker.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { WorkerApp } from './worker-app';

/**
 * Entry of the worker phone pages (worker.html): plain React and a small stylesheet, none of
 * the staff app's libraries (antd, echarts, exceljs, i18next, react-router).
 */
const container = document.getElementById('root');
if (container === null) {
  throw new Error('Missing #root element in worker.html');
}
createRoot(container).render(
  <StrictMode>
    <WorkerApp />
  </StrictMode>,
);
