import { Alert, Button, Card, Flex, Progress, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { ProblemStatusTag } from '../problems/problem-tags';
import type { TroubleSuggestions } from '../problems/problem-types';

const percent = (x: number) => Math.round(x * 100);

/**
 * What the classifier suggests (`GET /troubles/:id/suggestions`): a category with its
 * confidence and alternatives, and similar open problems to link to in one click. The caller
 * hides the panel when the endpoint is missing.
 */
export function SuggestionsPanel({
  suggestions,
  onUseCategory,
  onLink,
  canLink,
}: {
  suggestions: TroubleSuggestions;
  onUseCategory: (categoryId: string) => void;
  onLink: (problemId: string) => void;
  canLink: boolean;
}) {
  const { t } = useTranslation();
  const { category, similar } = suggestions;
  return (
    <Card size="small" title={t('workbench.suggestions.title')} className="suggestions-panel">
      <Flex vertical gap={12}>
        {category === null ? (
          <Typography.Text type="secondary">
            {t('workbench.suggestions.noCategory')}
          </Typography.Text>
        ) : (
          <div>
            <Flex align="center" gap={8} wrap>
              <Typography.Text>{t('workbench.suggestions.category')}</Typography.Text>
              <Tag color={category.choose ? 'green' : 'default'}>{category.categoryName}</Tag>
              <Progress
                percent={percent(category.confidence)}
                size="small"
                className="confidence"
                aria-label={t('workbench.suggestions.confidence')}
              />
              <Button size="small" onClick={() => onUseCategory(category.categoryId)}>
                {t('workbench.suggestions.use')}
              </Button>
            </Flex>
            {!category.choose && (
              <Alert
                type="info"
                showIcon
                title={t('workbench.suggestions.unsure')}
                className="suggestion-note"
              />
            )}
            {category.alternatives.length > 0 && (
              <Flex gap={4} wrap align="center" className="suggestion-alternatives">
                <Typography.Text type="secondary">
                  {t('workbench.suggestions.alternatives')}
                </Typography.Text>
                {category.alternatives.map((a) => (
                  <Tag.CheckableTag
                    key={a.categoryId}
                    checked={false}
                    onChange={() => onUseCategory(a.categoryId)}
                  >
                    {a.categoryName} {percent(a.confidence)}%
                  </Tag.CheckableTag>
                ))}
              </Flex>
            )}
          </div>
        )}
        <div>
          <Typography.Text>{t('workbench.suggestions.similar')}</Typography.Text>
          {similar.length === 0 ? (
            <div>
              <Typography.Text type="secondary">
                {t('workbench.suggestions.noSimilar')}
              </Typography.Text>
            </div>
          ) : (
            similar.map((s) => (
              <Flex
                key={s.problemId}
                align="center"
                justify="space-between"
                gap={8}
                className="similar-row"
              >
                <span>
                  {s.title} <ProblemStatusTag status={s.status} />
                  <Typography.Text type="secondary">
                    {t('workbench.suggestions.score', { score: percent(s.score) })}
                  </Typography.Text>
                </span>
                {canLink && (
                  <Button size="small" onClick={() => onLink(s.problemId)}>
                    {t('workbench.link.linkHere')}
                  </Button>
                )}
              </Flex>
            ))
          )}
        </div>
      </Flex>
    </Card>
  );
}
