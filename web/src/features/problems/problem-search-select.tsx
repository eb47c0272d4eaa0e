import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { ProblemStatus } from '../../../../common/enums';
import type { QueueItem } from './problem-types';
import { problemsApi } from './problems-api';

const LINKABLE: ProblemStatus[] = ['open', 'dispatched', 'in_progress', 'resolved', 'replied'];

/** Finds problems by title text or code (`GET /problems?q=`), for linking and merging. */
export function ProblemSearchSelect({
  value,
  onChange,
  excludeId,
  id,
}: {
  value?: string;
  onChange?: (id: string) => void;
  excludeId?: string;
  id?: string;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [items, setItems] = useState<QueueItem[]>([]);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      problemsApi
        .queue({ q: text, status: LINKABLE, limit: 20 }, controller.signal)
        .then((found) => setItems(found.filter((p) => p.id !== excludeId)))
        .catch(() => setItems([]))
        .finally(() => setLoading(false));
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, excludeId]);

  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setText }}
      value={value}
      onChange={onChange}
      loading={loading}
      placeholder={t('work.searchProblems')}
      notFoundContent={t('work.noProblemsFound')}
      options={items.map((p) => ({ value: p.id, label: `${p.code} ${p.title}` }))}
      className="problem-search"
    />
  );
}
