import {
  BID_STRATEGIES,
  isBidStrategy,
  type BidStrategy,
} from '../../../domain/bidding/strategies/bid-strategy.js';
import { CliUsageError } from '../../cli/cli-args.js';
import { ConfigError } from '../../config/config-error.js';
import type { AssetFixture } from '../../fixtures/asset-fixture.js';
import { DEMO_FIXTURE } from '../../fixtures/demo-fixture.js';
import { scaleFixture } from '../../fixtures/scale-fixture.js';
import { parsePenaltyFactor } from './deviation-penalty-config.js';

/** `gridfolio simulate`'s options for the bid strategy, the penalty and the portfolio. */
export const STRATEGY_ARG_SPECS = {
  strategy: { type: 'string' },
  'penalty-factor': { type: 'string' },
  portfolio: { type: 'string' },
} as const;

export const STRATEGY_USAGE = `  --strategy      how bids are made: optimised (the scenario MILP, default), pv-as-forecast
                  (the P50 PV sold at any price, flexible assets idle) or fixed-rule (as
                  pv-as-forecast, batteries charging 00-06 and discharging 17-21 KST)
  --penalty-factor the deviation penalty: |delivered - awarded| kWh x the interval's SMP x
                  this factor (default DEVIATION_PENALTY_SMP_FACTOR, else 0.5)
  --portfolio     demo (default: the KT demo VPP) or scale-<N> (a generated portfolio of N
                  DERs seeded by --seed, for benchmarks); read only into an empty store`;

const SCALE = /^scale-([1-9][0-9]{0,5})$/;

export interface StrategyArgs {
  readonly strategy: BidStrategy;
  /** Unset: the configured factor. */
  readonly penaltySmpFactor?: number;
  readonly fixture: AssetFixture;
}

export const parseStrategyArgs = (
  values: {
    readonly strategy?: string | undefined;
    readonly 'penalty-factor'?: string | undefined;
    readonly portfolio?: string | undefined;
  },
  seed: string,
): StrategyArgs => {
  const strategy = values.strategy ?? 'optimised';
  if (!isBidStrategy(strategy))
    throw new CliUsageError(
      `--strategy expects ${BID_STRATEGIES.join(', ')}, got ${JSON.stringify(strategy)}`,
    );
  let penaltySmpFactor: number | undefined;
  const rawFactor = values['penalty-factor'];
  if (rawFactor !== undefined)
    try {
      penaltySmpFactor = parsePenaltyFactor(rawFactor, '--penalty-factor');
    } catch (error) {
      if (error instanceof ConfigError) throw new CliUsageError(error.message);
      throw error;
    }
  const portfolio = values.portfolio ?? 'demo';
  const scale = SCALE.exec(portfolio);
  if (portfolio !== 'demo' && scale === null)
    throw new CliUsageError(
      `--portfolio expects demo or scale-<N> (N DERs, 1..999999), got ${JSON.stringify(portfolio)}`,
    );
  return {
    strategy,
    ...(penaltySmpFactor === undefined ? {} : { penaltySmpFactor }),
    fixture: scale === null ? DEMO_FIXTURE : scaleFixture(Number(scale[1]), seed),
  };
};
