import type { CurvePoint, IntervalBid } from '../../market/bid-curve.js';
import { DomainError } from '../../shared/domain-error.js';
import { kw, krwPerKwh } from '../../shared/units.js';
import type { PortfolioCase } from './portfolio-case.js';
import { scenarioOrder } from './scenario-linking.js';

// Net positions closer than this (kW) are one quantity: solver round-off must not add a step.
const QUANTITY_TOLERANCE_KW = 1e-6;

interface PricePoint {
  readonly price: number;
  readonly probability: number;
  readonly quantity: number;
}

/**
 * The bid curves of each interval from the scenario schedules: the points (scenario export price,
 * scheduled net position). Sell quantity max(net, 0), buy quantity max(-net, 0).
 *
 * - Scenarios at one price give one point, at the smallest of their net positions (they are equal
 *   when the schedules were linked; the smallest never sells more than a schedule delivers).
 * - Sell: a step "from this price up, sell q" per point with q > 0, quantities non-decreasing in
 *   price; should the schedules not be monotone, a point takes the smallest quantity at or above
 *   its price. Buy: "up to this price, buy q", quantities non-increasing, a point taking the
 *   smallest quantity at or below its price. Steps that repeat the quantity of their neighbour
 *   are dropped (the curve is the same without them).
 * - At most `maxSegments` steps per curve. Merge rule: while there are more, remove the step whose
 *   removal gives up the least probability-weighted quantity; over its price range the curve then
 *   offers the next step towards "less" (sell: the next lower-priced step or nothing; buy: the next
 *   higher-priced step or nothing). Either way every quantity the curve offers at a price is the
 *   quantity of some scenario schedule whose price is on the safe side (sell: at or below the
 *   clearing price; buy: at or above), so the curve never promises more than a schedule delivers,
 *   and it stays monotone.
 */
export const bidCurvesFromSchedules = (
  portfolioCase: PortfolioCase,
  netPositionKw: readonly (readonly number[])[],
  maxSegments: number,
): readonly IntervalBid[] => {
  if (!(Number.isInteger(maxSegments) && maxSegments >= 1))
    throw new DomainError(
      'OPTIMISATION.INVALID_OPTIONS',
      `maxSegments must be a positive integer, got ${maxSegments}`,
      'maxSegments',
    );
  if (netPositionKw.length !== portfolioCase.scenarios.length)
    throw new DomainError(
      'OPTIMISATION.INVALID_OPTIONS',
      `one net position series per scenario is needed, got ${netPositionKw.length} for ${portfolioCase.scenarios.length}`,
      'netPositionKw',
    );
  const bids: IntervalBid[] = [];
  for (let t = 0; t < portfolioCase.intervals; t++) {
    const points = pricePoints(portfolioCase, netPositionKw, t);
    bids.push({
      interval: t,
      sell: toCurve(mergeSell(sellSteps(points), maxSegments)),
      buy: toCurve(mergeBuy(buySteps(points), maxSegments)),
    });
  }
  return bids;
};

const pricePoints = (
  portfolioCase: PortfolioCase,
  netPositionKw: readonly (readonly number[])[],
  t: number,
): PricePoint[] => {
  const points: { price: number; probability: number; quantity: number }[] = [];
  for (const s of scenarioOrder(portfolioCase, t)) {
    const price = portfolioCase.scenarios[s]!.exportPricesKrwPerKwh[t]!;
    const net = netPositionKw[s]![t]!;
    const last = points[points.length - 1];
    if (last !== undefined && last.price === price) {
      last.probability += portfolioCase.scenarios[s]!.probability;
      last.quantity = Math.min(last.quantity, net);
    } else
      points.push({ price, probability: portfolioCase.scenarios[s]!.probability, quantity: net });
  }
  return points;
};

interface Step {
  readonly price: number;
  readonly quantity: number;
  /** Probability of the scenario prices this step covers before any merge. */
  readonly probability: number;
}

/** Sell steps: price ranges [p_k, p_k+1) covered by each point, quantities made non-decreasing. */
const sellSteps = (points: readonly PricePoint[]): Step[] => {
  const quantities = points.map((p) => Math.max(0, p.quantity));
  for (let k = quantities.length - 2; k >= 0; k--)
    quantities[k] = Math.min(quantities[k]!, quantities[k + 1]!);
  const steps: Step[] = [];
  let previous = 0;
  points.forEach((point, k) => {
    const quantity = quantities[k]!;
    if (quantity - previous > QUANTITY_TOLERANCE_KW) {
      steps.push({ price: point.price, quantity, probability: point.probability });
      previous = quantity;
    } else if (steps.length > 0) {
      // Same quantity: this price belongs to the step below.
      const last = steps.pop()!;
      steps.push({ ...last, probability: last.probability + point.probability });
    }
  });
  return steps;
};

/** Buy steps: price ranges (p_k-1, p_k] covered by each point, quantities made non-increasing. */
const buySteps = (points: readonly PricePoint[]): Step[] => {
  const quantities = points.map((p) => Math.max(0, -p.quantity));
  for (let k = 1; k < quantities.length; k++)
    quantities[k] = Math.min(quantities[k]!, quantities[k - 1]!);
  const steps: Step[] = [];
  let next = 0;
  for (let k = points.length - 1; k >= 0; k--) {
    const quantity = quantities[k]!;
    if (quantity - next > QUANTITY_TOLERANCE_KW) {
      steps.unshift({ price: points[k]!.price, quantity, probability: points[k]!.probability });
      next = quantity;
    } else if (steps.length > 0) {
      const first = steps.shift()!;
      // Same quantity as the step above: it now starts at this lower price's range.
      steps.unshift({ ...first, probability: first.probability + points[k]!.probability });
    }
  }
  return steps;
};

const mergeSell = (steps: Step[], maxSegments: number): Step[] => {
  const kept = [...steps];
  while (kept.length > maxSegments) {
    let best = 0;
    let bestLoss = Infinity;
    kept.forEach((step, k) => {
      const below = k > 0 ? kept[k - 1]!.quantity : 0;
      const loss = (step.quantity - below) * step.probability;
      if (loss < bestLoss) {
        bestLoss = loss;
        best = k;
      }
    });
    const [removed] = kept.splice(best, 1);
    if (best > 0) {
      const below = kept[best - 1]!;
      kept[best - 1] = { ...below, probability: below.probability + removed!.probability };
    }
  }
  return kept;
};

const mergeBuy = (steps: Step[], maxSegments: number): Step[] => {
  const kept = [...steps];
  while (kept.length > maxSegments) {
    let best = 0;
    let bestLoss = Infinity;
    kept.forEach((step, k) => {
      const above = k < kept.length - 1 ? kept[k + 1]!.quantity : 0;
      const loss = (step.quantity - above) * step.probability;
      if (loss < bestLoss) {
        bestLoss = loss;
        best = k;
      }
    });
    const [removed] = kept.splice(best, 1);
    if (best < kept.length) {
      const above = kept[best]!;
      kept[best] = { ...above, probability: above.probability + removed!.probability };
    }
  }
  return kept;
};

const toCurve = (steps: readonly Step[]): CurvePoint[] =>
  steps.map((step) => ({
    priceKrwPerKwh: krwPerKwh(step.price),
    quantityKw: kw(step.quantity),
  }));
