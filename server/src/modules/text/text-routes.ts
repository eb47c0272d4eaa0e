import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import type { Actor } from '../../shared/actor';
import { errorResponses, idParams, requiredText } from '../../shared/http/schemas';
import { DICTIONARY_MAX_WORDS, DICTIONARY_WORD_MAX } from './dictionary';
import type { TextModelService } from './model-service';

const alternative = z.object({
  categoryId: z.string(),
  categoryName: z.string(),
  confidence: z.number(),
});
const categorySuggestion = z.object({
  categoryId: z.string().nullable(),
  categoryName: z.string().nullable(),
  confidence: z.number(),
  choose: z.boolean().describe('true: confidence below the threshold, show 请选择分类'),
  alternatives: z.array(alternative),
});
const similarItem = z.object({
  problemId: z.string(),
  title: z.string(),
  status: z.string(),
  score: z.number(),
});
const classifyBody = z.object({ text: requiredText(5000) }).strict();
const dictionaryBody = z
  .object({ words: z.array(requiredText(DICTIONARY_WORD_MAX)).max(DICTIONARY_MAX_WORDS) })
  .strict();
const dictionaryView = z.object({ words: z.array(z.string()) });

/**
 * The seam to the similar-problems index (similar-service.ts): the open problems a trouble most
 * likely belongs to, and whether the community's index is still being built in the background
 * (then the list is empty). Without it, suggestions list no similar problems.
 */
export interface SimilarSuggester {
  suggest(
    actor: Actor,
    troubleId: string,
    limit: number,
  ): Promise<{
    items: { problemId: string; title: string; status: string; score: number }[];
    indexing: boolean;
  }>;
}

export const SIMILAR_LIMIT = 5;

/** Classification routes (issue 6): suggestions, classify, the public form's variant, dictionary. */
export function textRoutes(deps: {
  text: TextModelService;
  similar: SimilarSuggester | null;
  publicRatePerMinute: number;
}): FastifyPluginAsyncZod {
  const { text, similar } = deps;
  // eslint-disable-next-line @typescript-eslint/require-await
  return async (app) => {
    const tags = ['text'];
    app.get(
      '/troubles/:id/suggestions',
      {
        config: { access: 'text.classify' },
        schema: {
          tags,
          summary: '分拣建议 Suggested category and similar open problems for a trouble',
          params: idParams,
          response: {
            200: z.object({
              category: categorySuggestion,
              similar: z.array(similarItem),
              /** Present (true) while the similar-problems index is built: `similar` is empty. */
              similarIndexing: z.literal(true).optional(),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => {
        const category = await text.suggestForTrouble(req.actor, req.params.id);
        const found = similar
          ? await similar.suggest(req.actor, req.params.id, SIMILAR_LIMIT)
          : { items: [], indexing: false };
        return {
          category,
          similar: found.items.map((s) => ({
            problemId: s.problemId,
            title: s.title,
            status: s.status,
            score: s.score,
          })),
          ...(found.indexing ? { similarIndexing: true as const } : {}),
        };
      },
    );
    app.post(
      '/text/classify',
      {
        config: { access: 'text.classify' },
        schema: {
          tags,
          summary: '分类建议 Suggest a category for a text',
          body: classifyBody,
          response: { 200: categorySuggestion, ...errorResponses },
        },
      },
      (req) => text.classify(req.body.text),
    );
    app.post(
      '/public/classify',
      {
        config: {
          access: 'public',
          rateLimit: { max: deps.publicRatePerMinute, timeWindow: '1 minute' },
        },
        schema: {
          tags: ['public'],
          summary: '分类建议（反映页面）Top-3 categories for the report form',
          body: classifyBody,
          response: {
            200: z.object({ items: z.array(alternative).max(3) }),
            ...errorResponses,
          },
        },
      },
      async (req) => {
        const s = await text.classify(req.body.text);
        const items = s.categoryId
          ? [
              { categoryId: s.categoryId, categoryName: s.categoryName!, confidence: s.confidence },
              ...s.alternatives,
            ]
          : [];
        return { items: items.slice(0, 3) };
      },
    );
    app.get(
      '/text/dictionary',
      {
        config: { access: 'text.manage' },
        schema: {
          tags,
          summary: '分词词典 The deployment’s own dictionary words',
          response: { 200: dictionaryView, ...errorResponses },
        },
      },
      () => text.dictionary(),
    );
    app.put(
      '/text/dictionary',
      {
        config: { access: 'text.manage' },
        schema: {
          tags,
          summary: '修改分词词典 Replace the dictionary words (effective at once)',
          body: dictionaryBody,
          response: { 200: dictionaryView, ...errorResponses },
        },
      },
      (req) => text.putDictionary(req.actor, req.body.words),
    );
    app.post(
      '/text/retrain',
      {
        config: { access: 'text.manage' },
        schema: {
          tags,
          summary: '重新训练 Rebuild the classifier from all labelled troubles',
          response: {
            200: z.object({
              version: z.number(),
              labels: z.number(),
              classes: z.number(),
              temperature: z.number(),
              ms: z.number(),
            }),
            ...errorResponses,
          },
        },
      },
      (req) => text.retrain(req.actor),
    );
  };
}
