/** KPX customer-baseline methods (kpx-market-rules.md §5.3, SECONDARY). */
export type KpxCblMethod = 'mid-6-of-10' | 'max-4-of-5';

export interface KpxCblMethodSpec {
  /** Eligible days averaged over (the normal window). */
  readonly windowDays: number;
  readonly dropLowest: number;
  readonly dropHighest: number;
}

export const KPX_CBL_METHODS: Readonly<Record<KpxCblMethod, KpxCblMethodSpec>> = {
  // 10 most recent eligible days; per hour drop the 2 highest and 2 lowest, average the other 6.
  'mid-6-of-10': { windowDays: 10, dropLowest: 2, dropHighest: 2 },
  // 5 most recent eligible days; per hour drop the lowest, average the other 4.
  'max-4-of-5': { windowDays: 5, dropLowest: 1, dropHighest: 0 },
};
