import type { Kysely } from 'kysely';

import type { DB } from '../../db/schema';
import { newId } from '../../shared/ids';
import { DEFAULT_TAXONOMY } from './default-taxonomy';

export function createTaxonomyRepository(db: Kysely<DB>) {
  return {
    async list(includeInactive: boolean) {
      return db
        .selectFrom('categories')
        .selectAll()
        .$if(!includeInactive, (qb) => qb.where('active', '=', 1))
        .orderBy('sort')
        .orderBy('code')
        .execute();
    },
    async find(id: string) {
      return db.selectFrom('categories').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async findByCode(code: string) {
      return db.selectFrom('categories').selectAll().where('code', '=', code).executeTakeFirst();
    },
    async insert(row: {
      parentId: string | null;
      code: string;
      name: string;
      nameEn: string;
      keywords: string[];
      examples: string[];
      sort: number;
      now: number;
    }) {
      const id = newId();
      await db
        .insertInto('categories')
        .values({
          id,
          parent_id: row.parentId,
          code: row.code,
          name: row.name,
          name_en: row.nameEn,
          keywords: JSON.stringify(row.keywords),
          examples: JSON.stringify(row.examples),
          sort: row.sort,
          active: 1,
          created_at: row.now,
          updated_at: row.now,
        })
        .execute();
      return id;
    },
    async update(
      id: string,
      patch: Partial<{
        name: string;
        name_en: string;
        keywords: string;
        examples: string;
        sort: number;
        active: 0 | 1;
      }>,
      now: number,
    ) {
      await db
        .updateTable('categories')
        .set({ ...patch, updated_at: now })
        .where('id', '=', id)
        .execute();
    },
    /** Loads the default tree when the deployment has no categories yet. */
    async ensureDefault(now: number): Promise<boolean> {
      const any = await db.selectFrom('categories').select('id').limit(1).executeTakeFirst();
      if (any) {
        return false;
      }
      let sort = 0;
      for (const top of DEFAULT_TAXONOMY) {
        const parentId = await this.insert({
          parentId: null,
          code: top.code,
          name: top.name,
          nameEn: top.nameEn,
          keywords: top.keywords,
          examples: [],
          sort: (sort += 10),
          now,
        });
        let childSort = 0;
        for (const child of top.children) {
          await this.insert({
            parentId,
            code: child.code,
            name: child.name,
            nameEn: child.nameEn,
            keywords: child.keywords,
            examples: child.examples ?? [],
            sort: (childSort += 10),
            now,
          });
        }
      }
      return true;
    },
  };
}
