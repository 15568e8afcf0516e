import type { BidProvenance } from '../../domain/bids/index.js';
import { dayIndexOf } from '../../domain/forecasting/hourly-series.js';
import {
  generateSmpScenarios,
  type SmpScenarioMethod,
} from '../../domain/forecasting/price/smp-scenarios.js';
import { TradingDay } from '../../domain/shared/time/trading-day.js';
import { resolveDataFile, SMP_MARKETS } from '../forecasting/data-files/kpx-data-files.js';
import { readHourlyCsvFile } from '../forecasting/data-files/hourly-csv.reader.js';

export interface RegeneratedScenarios {
  readonly scenarios: readonly (readonly number[])[];
  readonly pointKrwPerKwh: readonly number[];
  readonly method: SmpScenarioMethod;
}

const METHODS: readonly SmpScenarioMethod[] = ['gaussian-copula', 'day-bootstrap'];

/**
 * The run does not store its SMP scenarios, only how they were drawn (set id with the method,
 * seed, count). The draw is deterministic, so they are drawn again here from the SMP history
 * file, exactly as `gridfolio simulate` draws them; undefined when the provenance does not name
 * a known method or the history file cannot be read (the report then says so).
 */
export const regenerateSmpScenarios = async (
  provenance: BidProvenance | undefined,
  market: string,
  day: string,
  cwd: string,
): Promise<RegeneratedScenarios | undefined> => {
  if (provenance === undefined) return undefined;
  const method = METHODS.find((m) =>
    provenance.scenarioSetId.startsWith(`smp-${m}-${String(provenance.scenarioSeed)}`),
  );
  const smpMarket = SMP_MARKETS.find((m) => m === market);
  if (method === undefined || smpMarket === undefined) return undefined;
  try {
    const file = resolveDataFile('price', smpMarket, undefined, cwd);
    const history = (await readHourlyCsvFile(file.path, [file.column])).series[file.column];
    if (history === undefined) return undefined;
    const set = generateSmpScenarios({
      history,
      targetDayIndex: dayIndexOf(history, TradingDay.parse(day)),
      count: provenance.scenarioCount,
      seed: provenance.scenarioSeed,
      method,
    });
    return {
      scenarios: set.scenarios.map((s) => Array.from(s)),
      pointKrwPerKwh: Array.from(set.pointKrwPerKwh),
      method,
    };
  } catch {
    // Missing data file or too little history: the report shows what the store holds.
    return undefined;
  }
};
