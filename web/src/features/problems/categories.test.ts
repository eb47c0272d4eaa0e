import { describe, expect, it } from 'vitest';

import { categoryOptions, categoryPath, runBulk } from './categories';
import type { CategoryTreeNode } from './problem-types';

const leaf = (id: string, name: string, active = true) => ({
  id,
  parentId: 'top',
  code: id,
  name,
  nameEn: `${id}-en`,
  keywords: [],
  examples: [],
  sort: 1,
  active,
});
const tree: CategoryTreeNode[] = [
  {
    ...leaf('top', '招工用工'),
    parentId: null,
    children: [leaf('a', '招工难'), leaf('b', '停用', false)],
  },
  { ...leaf('other', '其他'), parentId: null, children: [] },
];

describe('category cascader', () => {
  it('lists active categories in the UI language', () => {
    expect(categoryOptions(tree, false)).toEqual([
      { value: 'top', label: '招工用工', children: [{ value: 'a', label: '招工难' }] },
      { value: 'other', label: '其他' },
    ]);
    expect(categoryOptions(tree, true)[0]?.label).toBe('top-en');
  });

  it('finds the path of a leaf or a top category', () => {
    expect(categoryPath(tree, 'a')).toEqual(['top', 'a']);
    expect(categoryPath(tree, 'other')).toEqual(['other']);
    expect(categoryPath(tree, 'nope')).toEqual([]);
    expect(categoryPath(tree, null)).toEqual([]);
  });
});

describe('bulk actions', () => {
  it('runs every item and reports the failures', async () => {
    const result = await runBulk(['1', '2', '3'], (id) =>
      id === '2' ? Promise.reject(new Error('no')) : Promise.resolve(id),
    );
    expect(result.done).toEqual(['1', '3']);
    expect(result.failed.map((f) => f.id)).toEqual(['2']);
  });
});
