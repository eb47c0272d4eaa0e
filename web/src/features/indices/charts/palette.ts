/** Category colours, assigned in code order so a category keeps its colour across charts. */
export const CATEGORY_COLORS = [
  '#1677ff',
  '#fa8c16',
  '#52c41a',
  '#eb2f96',
  '#13c2c2',
  '#722ed1',
  '#faad14',
  '#2f54eb',
  '#a0d911',
  '#f5222d',
  '#8c8c8c',
  '#08979c',
];

export type ColorOf = (categoryId: string) => string;

/** A colour for each category id, stable for the same set of category codes. */
export function categoryColors(categories: { id: string; code: string }[]): ColorOf {
  const codes = new Map(categories.map((c) => [c.id, c.code]));
  const byId = new Map<string, string>();
  [...codes.entries()]
    .sort(([, a], [, b]) => a.localeCompare(b))
    .forEach(([id], index) => {
      byId.set(id, CATEGORY_COLORS[index % CATEGORY_COLORS.length] ?? '#1677ff');
    });
  return (id) => byId.get(id) ?? '#8c8c8c';
}
