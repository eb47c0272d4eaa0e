import type { Channel } from '../../../../common/enums';
import { at, DEMO_END } from './demo-calendar';
import type { CommunityProfile, DraftTrouble, PlanContext } from './demo-context';
import type { ProblemSpec } from './demo-types';

/** Channels where an answer on the spot is most likely (forum: departments sit at the table). */
const ON_SPOT_WEIGHT: Record<Channel, number> = {
  forum: 6,
  hotline: 4,
  visit: 3,
  grid: 3,
  council: 3,
  online: 1,
  qr: 1,
  survey: 0.5,
  import: 1,
  open311: 1,
};

const dayStart = (day: string) => at(day, 0);
const dayEnd = (day: string) => at(day, 24) - 1;

/**
 * Decides, per second-level category, which troubles were solved on the spot and which problem
 * each other trouble belongs to. Every problem gets a first trouble inside its window; a trouble
 * only joins a problem that already exists when it arrives, so a problem's received time is its
 * earliest trouble. Returns the number of troubles that found no problem (answered on the spot).
 */
export function linkTroubles(ctx: PlanContext, profile: CommunityProfile, drafts: DraftTrouble[]) {
  const rng = ctx.rng.fork(`linking:${profile.key}`);
  let unplaced = 0;
  for (const sub of profile.subcategories) {
    const list = drafts.filter((d) => d.category === sub.code);
    const specs = profile.problems.filter((p) => p.category === sub.code);
    const taken = new Set<DraftTrouble>(list.filter((d) => d.anchorProblem !== null));
    for (const d of taken) {
      d.problemKey = d.anchorProblem;
    }
    const seeds = new Map<string, DraftTrouble>();
    const within = (spec: ProblemSpec, d: DraftTrouble) =>
      d.receivedAt >= dayStart(spec.from ?? '2023-05-01') &&
      d.receivedAt <= (spec.to ? dayEnd(spec.to) : DEMO_END);

    for (const spec of specs.filter((s) => s.latestFirst)) {
      const seed = list.find(
        (d) => !taken.has(d) && within(spec, d) && d.receivedAt <= dayEnd(spec.latestFirst!),
      );
      if (!seed) {
        throw new Error(`no first trouble for ${spec.key} (${spec.category})`);
      }
      seed.problemKey = spec.key;
      taken.add(seed);
      seeds.set(spec.key, seed);
    }

    let candidates = list.filter((d) => !taken.has(d));
    for (let i = 0; i < sub.onSpot; i++) {
      const chosen = rng.weighted(candidates.map((d) => [d, ON_SPOT_WEIGHT[d.channel]] as const));
      markOnSpot(chosen);
      taken.add(chosen);
      candidates = candidates.filter((d) => d !== chosen);
    }

    for (const spec of specs.filter((s) => !s.latestFirst)) {
      const own = list.filter((d) => d.anchorProblem === spec.key);
      const seed = list.find((d) => (!taken.has(d) || own.includes(d)) && within(spec, d));
      if (!seed) {
        throw new Error(`no first trouble for ${spec.key} (${spec.category})`);
      }
      seed.problemKey = spec.key;
      taken.add(seed);
      seeds.set(spec.key, seed);
    }

    for (const d of list.filter((x) => !taken.has(x))) {
      const eligible = specs.filter((spec) => {
        const seed = seeds.get(spec.key)!;
        return seed.receivedAt <= d.receivedAt && within(spec, d);
      });
      if (eligible.length === 0) {
        markOnSpot(d);
        unplaced += 1;
        continue;
      }
      d.problemKey = rng.weighted(eligible.map((spec) => [spec.key, spec.weight ?? 3] as const));
    }
  }
  return unplaced;
}

function markOnSpot(d: DraftTrouble): void {
  d.onSpot = true;
}
