import type { CategoryTreeNode } from './problem-types';

export interface CategoryOption {
  value: string;
  label: string;
  children?: CategoryOption[];
}

/** The two-level taxonomy as cascader options, named in the UI language. */
export function categoryOptions(tree: CategoryTreeNode[], english: boolean): CategoryOption[] {
  const name = (c: { name: string; nameEn: string }) => (english && c.nameEn ? c.nameEn : c.name);
  return tree
    .filter((c) => c.active)
    .map((c) => {
      const children = c.children.filter((k) => k.active);
      return {
        value: c.id,
        label: name(c),
        ...(children.length > 0
          ? { children: children.map((k) => ({ value: k.id, label: name(k) })) }
          : {}),
      };
    });
}

/** The cascader path `[top, leaf]` (or `[top]`) of a category id; empty when unknown. */
export function categoryPath(tree: CategoryTreeNode[], id: string | null | undefined): string[] {
  if (!id) {
    return [];
  }
  for (const top of tree) {
    if (top.id === id) {
      return [top.id];
    }
    if (top.children.some((c) => c.id === id)) {
      return [top.id, id];
    }
  }
  return [];
}

/** Runs `task` for each id one after another; collects what failed instead of stopping. */
export async function runBulk<T>(
  ids: readonly string[],
  task: (id: string) => Promise<T>,
): Promise<{ done: string[]; failed: { id: string; error: unknown }[] }> {
  const done: string[] = [];
  const failed: { id: string; error: unknown }[] = [];
  for (const id of ids) {
    try {
      await task(id);
      done.push(id);
    } catch (error) {
      failed.push({ id, error });
    }
  }
  return { done, failed };
}
