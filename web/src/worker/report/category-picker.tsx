import { useI18n } from '../i18n';
import type { CategoryNode, Suggestion } from '../worker-api';

interface Props {
  tree: CategoryNode[] | null;
  failed: boolean;
  value: string | null;
  onChange: (categoryId: string | null) => void;
  suggestions: Suggestion[];
  disabled: boolean;
}

/** The top-level category holding `id` (itself when it is top-level). */
function topOf(tree: CategoryNode[], id: string | null): CategoryNode | undefined {
  return id === null
    ? undefined
    : tree.find((node) => node.id === id || node.children.some((child) => child.id === id));
}

/**
 * Two-level category choice as chips (native radio buttons, so arrow keys and screen readers
 * work), with the classifier's suggestions one tap away above them.
 */
export function CategoryPicker({ tree, failed, value, onChange, suggestions, disabled }: Props) {
  const { t, language } = useI18n();
  const label = (node: { name: string; nameEn: string }) =>
    language === 'en' ? node.nameEn : node.name;
  const top = tree === null ? undefined : topOf(tree, value);
  const known = (id: string) => tree !== null && topOf(tree, id) !== undefined;
  const shown = suggestions.filter((s) => known(s.categoryId) && s.categoryId !== value);

  return (
    <fieldset className="field" data-testid="category-picker" disabled={disabled}>
      <legend className="label">
        {t('report.category')}
        <span className="optional">{t('common.optional')}</span>
      </legend>
      <p className="hint">{t('report.categoryHint')}</p>
      {shown.length > 0 && (
        <div className="suggestions" data-testid="category-suggestions" aria-live="polite">
          <span className="hint">{t('report.suggestions')}</span>
          {shown.map((s) => (
            <button
              key={s.categoryId}
              type="button"
              className="chip chip-suggestion"
              onClick={() => onChange(s.categoryId)}
            >
              {s.categoryName}
            </button>
          ))}
        </div>
      )}
      {failed && <p className="notice">{t('report.categoriesFailed')}</p>}
      {tree === null && !failed && <p className="hint">{t('common.loading')}</p>}
      {tree !== null && (
        <div className="chips" data-testid="category-chips">
          <label className="chip">
            <input
              type="radio"
              name="category-top"
              checked={value === null}
              onChange={() => onChange(null)}
            />
            <span>{t('report.categoryNone')}</span>
          </label>
          {tree.map((node) => (
            <label className="chip" key={node.id}>
              <input
                type="radio"
                name="category-top"
                value={node.id}
                checked={top?.id === node.id}
                onChange={() => onChange(node.id)}
              />
              <span>{label(node)}</span>
            </label>
          ))}
        </div>
      )}
      {top !== undefined && top.children.length > 0 && (
        <fieldset className="subfield" data-testid="category-sub">
          <legend className="label-small">{t('report.categorySub')}</legend>
          <div className="chips">
            {top.children.map((child) => (
              <label className="chip chip-small" key={child.id}>
                <input
                  type="radio"
                  name="category-sub"
                  value={child.id}
                  checked={value === child.id}
                  onChange={() => onChange(child.id)}
                />
                <span>{label(child)}</span>
              </label>
            ))}
          </div>
        </fieldset>
      )}
    </fieldset>
  );
}
