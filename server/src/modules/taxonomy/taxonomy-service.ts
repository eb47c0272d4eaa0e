import type { Category } from '../../db/schema';
import type { Deps } from '../../deps';
import type { Actor } from '../../shared/actor';
import { appendAudit } from '../../shared/audit';
import { conflict, notFound, ruleViolation } from '../../shared/errors';
import { createTaxonomyRepository } from './taxonomy-repository';

export interface CategoryView {
  id: string;
  parentId: string | null;
  code: string;
  name: string;
  nameEn: string;
  keywords: string[];
  examples: string[];
  sort: number;
  active: boolean;
}

function present(c: Category): CategoryView {
  return {
    id: c.id,
    parentId: c.parent_id,
    code: c.code,
    name: c.name,
    nameEn: c.name_en,
    keywords: JSON.parse(c.keywords) as string[],
    examples: JSON.parse(c.examples) as string[],
    sort: c.sort,
    active: c.active === 1,
  };
}

/** The two-level category tree (SPEC §3), editable by admins; inactive categories are kept. */
export function createTaxonomyService(deps: Pick<Deps, 'db' | 'dialect' | 'clock'>) {
  const { db, dialect, clock } = deps;
  const repo = createTaxonomyRepository(db);

  return {
    async tree(includeInactive: boolean) {
      const all = (await repo.list(includeInactive)).map(present);
      return all
        .filter((c) => c.parentId === null)
        .map((top) => ({ ...top, children: all.filter((c) => c.parentId === top.id) }));
    },

    async create(
      actor: Actor,
      input: {
        parentId: string | null;
        code: string;
        name: string;
        nameEn: string;
        keywords: string[];
        examples: string[];
        sort: number;
      },
    ) {
      if (input.parentId) {
        const parent = await repo.find(input.parentId);
        if (!parent) {
          throw notFound('category', input.parentId);
        }
        if (parent.parent_id !== null) {
          throw ruleViolation('categoryDepth');
        }
      }
      if (await repo.findByCode(input.code)) {
        throw conflict(`code ${input.code} exists`);
      }
      const id = await db.transaction().execute(async (trx) => {
        const newId = await createTaxonomyRepository(trx).insert({ ...input, now: clock.now() });
        await appendAudit(trx, dialect, {
          actor,
          action: 'taxonomy.create',
          targetType: 'category',
          targetId: newId,
          outcome: 'success',
          detail: input,
          at: clock.now(),
        });
        return newId;
      });
      return present((await repo.find(id))!);
    },

    async update(
      actor: Actor,
      id: string,
      patch: {
        name?: string;
        nameEn?: string;
        keywords?: string[];
        examples?: string[];
        sort?: number;
        active?: boolean;
      },
    ) {
      const before = await repo.find(id);
      if (!before) {
        throw notFound('category', id);
      }
      await db.transaction().execute(async (trx) => {
        await createTaxonomyRepository(trx).update(
          id,
          {
            ...(patch.name !== undefined ? { name: patch.name } : {}),
            ...(patch.nameEn !== undefined ? { name_en: patch.nameEn } : {}),
            ...(patch.keywords !== undefined ? { keywords: JSON.stringify(patch.keywords) } : {}),
            ...(patch.examples !== undefined ? { examples: JSON.stringify(patch.examples) } : {}),
            ...(patch.sort !== undefined ? { sort: patch.sort } : {}),
            ...(patch.active !== undefined
              ? { active: patch.active ? (1 as const) : (0 as const) }
              : {}),
          },
          clock.now(),
        );
        await appendAudit(trx, dialect, {
          actor,
          action: 'taxonomy.update',
          targetType: 'category',
          targetId: id,
          outcome: 'success',
          detail: { before: present(before), patch },
          at: clock.now(),
        });
      });
      return present((await repo.find(id))!);
    },

    /** An active category, else 404 (used when troubles are classified). */
    async requireActive(id: string) {
      const c = await repo.find(id);
      if (!c || c.active !== 1) {
        throw notFound('category', id);
      }
      return present(c);
    },
  };
}

export type TaxonomyService = ReturnType<typeof createTaxonomyService>;
