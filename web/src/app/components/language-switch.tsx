import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';

import type { Language } from '../../shared/i18n';
import { useLanguage } from '../../shared/use-language';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const { language, setLanguage } = useLanguage();
  return (
    <Segmented<Language>
      size="small"
      aria-label={t('language.label')}
      value={language}
      onChange={setLanguage}
      options={[
        { value: 'zh-CN', label: <span lang="zh-CN">{t('language.zhCN')}</span> },
        { value: 'en', label: <span lang="en">{t('language.en')}</span> },
      ]}
    />
  );
}
