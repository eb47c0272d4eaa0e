import { Cascader } from 'antd';
import { useTranslation } from 'react-i18next';

import { useApiData } from '../../shared/use-api-data';
import { useLanguage } from '../../shared/use-language';
import { categoryOptions, categoryPath } from './categories';
import { problemsApi } from './problems-api';

/** The category tree, loaded once per page. */
export function useCategoryTree() {
  return useApiData('categories', (signal) => problemsApi.categories(false, signal));
}

/** Picks a category of the two-level taxonomy; the value is the chosen category's id. */
export function CategoryCascader({
  value,
  onChange,
  id,
}: {
  value?: string | null;
  onChange?: (id: string | null) => void;
  id?: string;
}) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const tree = useCategoryTree().data ?? [];
  return (
    <Cascader
      id={id}
      className="category-cascader"
      options={categoryOptions(tree, language === 'en')}
      value={categoryPath(tree, value)}
      changeOnSelect
      showSearch
      placeholder={t('work.form.chooseCategory')}
      onChange={(path) =>
        onChange?.(path && path.length > 0 ? String(path[path.length - 1]) : null)
      }
    />
  );
}
