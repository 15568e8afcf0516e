import { Query } from '@nestjs/cqrs';
import type { DerForecastView } from './der-forecast.js';
import type { ForecastView } from './forecast-view.js';

/** A version of the day's forecast (the latest when `version` is absent) and its KPX state. */
export class GetForecastQuery extends Query<ForecastView> {
  constructor(
    readonly portfolioId: string,
    readonly tradingDay: string,
    readonly version?: string | number,
  ) {
    super();
  }
}

/** One PV DER's share of a forecast version, recomputed from the version's recorded outlook. */
export class GetDerForecastQuery extends Query<DerForecastView> {
  constructor(
    readonly portfolioId: string,
    readonly tradingDay: string,
    readonly derId: string,
    readonly version?: string | number,
  ) {
    super();
  }
}
