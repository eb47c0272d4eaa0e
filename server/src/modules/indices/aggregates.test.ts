import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { aggregateSnapshot as snapshot } from '../../../test/aggregate-snapshot';
import { useServiceWorld } from '../../../test/service-world';
import { AppError } from '../../shared/errors';
import { sweepOverdue } from '../promise';
import { rebuildAggregates } from './aggregate-rebuild';

const ctx = useServiceWorld('2023-05-02T02:00:00Z');
const HOUR = 3_600_000;

type Op =
  | {
      kind: 'report';
      category: number;
      severity: 'minor' | 'major';
      urgency: 'normal' | 'urgent';
      workers: number;
      hoursAgo: number;
    }
  | { kind: 'triage'; pick: number; category: number; workers: number }
  | { kind: 'problem'; pick: number }
  | { kind: 'link'; pick: number; target: number }
  | { kind: 'advance'; hours: number }
  | {
      kind: 'dispatch' | 'answer' | 'close' | 'rateBad' | 'merge' | 'split';
      pick: number;
      target: number;
    };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('report' as const),
    category: fc.nat(40),
    severity: fc.constantFrom('minor' as const, 'major' as const),
    urgency: fc.constantFrom('normal' as const, 'urgent' as const),
    workers: fc.integer({ min: 1, max: 40 }),
    hoursAgo: fc.nat(24 * 60),
  }),
  fc.record({
    kind: fc.constant('triage' as const),
    pick: fc.nat(),
    category: fc.nat(40),
    workers: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({ kind: fc.constant('problem' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('link' as const), pick: fc.nat(), target: fc.nat() }),
  fc.record({ kind: fc.constant('advance' as const), hours: fc.integer({ min: 1, max: 200 }) }),
  fc.record({
    kind: fc.constantFrom(
      'dispatch' as const,
      'answer' as const,
      'close' as const,
      'rateBad' as const,
      'merge' as const,
      'split' as const,
    ),
    pick: fc.nat(),
    target: fc.nat(),
  }),
);

describe('index aggregates', () => {
  it('equal a rebuild from raw records after any sequence of operations', async () => {
    const { sut, users, world, database, clock } = ctx;
    const leaves = await database.db
      .selectFrom('categories')
      .select('id')
      .where('parent_id', 'is not', null)
      .orderBy('code')
      .execute();
    const staff = users.staff.actor;
    const swallow = async (p: Promise<unknown>) => {
      try {
        await p;
      } catch (e) {
        if (!(e instanceof AppError)) {
          throw e;
        }
      }
    };
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 40 }), async (ops) => {
        for (const op of ops) {
          const troubles = await database.db
            .selectFrom('troubles')
            .select(['id', 'code', 'status'])
            .orderBy('id')
            .execute();
          const problems = await database.db
            .selectFrom('problems')
            .select(['id', 'status'])
            .orderBy('id')
            .execute();
          const pickT = (n: number) => troubles[n % Math.max(1, troubles.length)];
          const pickP = (n: number) => problems[n % Math.max(1, problems.length)];
          switch (op.kind) {
            case 'report':
              await sut.intake({
                actor: staff,
                body: {
                  enterpriseId: world.enterprise.id,
                  body: '随机烦恼',
                  channel: 'visit',
                  severity: op.severity,
                  urgency: op.urgency,
                  workersAffected: op.workers,
                  anonymous: true,
                  attachmentIds: [],
                  categoryId: leaves[op.category % leaves.length]!.id,
                  receivedAt: clock.now() - op.hoursAgo * HOUR,
                },
              });
              break;
            case 'triage': {
              const t = pickT(op.pick);
              if (t) {
                await swallow(
                  sut.troubles.triage(staff, t.id, {
                    categoryId: leaves[op.category % leaves.length]!.id,
                    workersAffected: op.workers,
                  }),
                );
              }
              break;
            }
            case 'problem': {
              const t = pickT(op.pick);
              if (t) {
                await swallow(
                  sut.problems.createFromTroubles({
                    actor: staff,
                    troubleIds: [t.id],
                    title: '随机类问题',
                  }),
                );
              }
              break;
            }
            case 'link': {
              const t = pickT(op.pick);
              const p = pickP(op.target);
              if (t && p) {
                await swallow(
                  sut.problems.linkTrouble({ actor: staff, troubleId: t.id, problemId: p.id }),
                );
              }
              break;
            }
            case 'advance':
              clock.advance(op.hours * HOUR);
              await sweepOverdue(database.db, clock.now());
              break;
            case 'dispatch':
            case 'answer':
            case 'close':
            case 'merge':
            case 'split':
            case 'rateBad': {
              const p = pickP(op.pick);
              if (!p) {
                break;
              }
              if (op.kind === 'dispatch') {
                await swallow(
                  sut.problems.dispatch({
                    actor: staff,
                    problemId: p.id,
                    leadDepartmentId: world.department.id,
                    cooperatingDepartmentIds: [],
                  }),
                );
              } else if (op.kind === 'answer') {
                await swallow(
                  sut.problems.answer({
                    actor: staff,
                    problemId: p.id,
                    kind: op.target % 2 === 0 ? 'resolve' : 'reply',
                    text: '已处理',
                  }),
                );
              } else if (op.kind === 'close') {
                await swallow(sut.problems.close({ actor: staff, problemId: p.id }));
              } else if (op.kind === 'merge') {
                const q = pickP(op.target);
                if (q) {
                  await swallow(
                    sut.problems.merge({ actor: staff, sourceId: p.id, targetId: q.id }),
                  );
                }
              } else if (op.kind === 'split') {
                const inP = troubles.filter((x) => x.status !== 'received');
                const t = inP[op.target % Math.max(1, inP.length)];
                if (t) {
                  await swallow(
                    sut.problems.split({
                      actor: staff,
                      problemId: p.id,
                      troubleIds: [t.id],
                      title: '拆分出的问题',
                    }),
                  );
                }
              } else {
                const linked = await database.db
                  .selectFrom('troubles')
                  .select('code')
                  .where('problem_id', '=', p.id)
                  .executeTakeFirst();
                if (linked) {
                  await swallow(
                    sut.satisfaction.rateByCode(linked.code, {
                      rating: 'dissatisfied',
                      comment: null,
                    }),
                  );
                }
              }
              break;
            }
          }
        }
        const incremental = await snapshot(database);
        await database.db.transaction().execute((trx) => rebuildAggregates(trx));
        const rebuilt = await snapshot(database);
        expect(incremental).toEqual(rebuilt);
      }),
      { numRuns: 15, seed: 20231001 },
    );
  }, 120_000);
});
