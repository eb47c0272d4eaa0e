import { useTranslation } from 'react-i18next';

import type { ScreenData } from '../screen-api';
import { ScreenPanel } from './screen-panel';

/** Job postings from the enterprises (shown only when there are some). */
export function ScreenJobs({ data }: { data: ScreenData }) {
  const { t } = useTranslation();
  return (
    <ScreenPanel title={t('screen.pages.jobs')} className="screen-jobs">
      <div className="screen-job-grid">
        {data.jobPostings.slice(0, 12).map((job, i) => (
          <article key={`${job.enterprise}-${job.title}-${i}`} className="screen-job">
            <h3>{job.title}</h3>
            <div className="screen-job-enterprise">{job.enterprise}</div>
            <div className="screen-job-facts">
              <span>{t('screen.headcount', { count: job.headcount })}</span>
              <span className="screen-job-pay">{job.pay}</span>
            </div>
          </article>
        ))}
      </div>
    </ScreenPanel>
  );
}
