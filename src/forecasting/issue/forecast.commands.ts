import type { IssueForecast } from '../../../domain/forecasting/forecast-commands.js';
import type { ForecastEvent } from '../../../domain/forecasting/forecast-events.js';
import type { KpxSubmissionSlot } from '../../../domain/forecasting/kpx-scheme/index.js';
import {
  DeciderCommand,
  type CommandMeta,
} from '../../infrastructure/command-handling/decider-command.js';

/** What a caller may choose about an issue; everything else is read from the streams. */
export interface IssueForecastRequest {
  readonly portfolioId: string;
  /** 'YYYY-MM-DD' (KST). */
  readonly tradingDay: string;
  /** 60 or 15; default 60. */
  readonly intervalMinutes?: number;
  /** ISO instant; default the clock. */
  readonly issuedAt?: string;
  /** A caller's id; default one derived from the inputs digest and the issue instant. */
  readonly forecastId?: string;
  /** `{ levels, ratioByLevel }` to use instead of the outlook learnt from the market series. */
  readonly outlook?: unknown;
}

/**
 * Appends a forecast the ForecastIssuingService has computed: the computation needs the tree,
 * meters and data files, the decision only the forecast stream, so they are two steps.
 */
export class RecordForecastCommand extends DeciderCommand<ForecastEvent> {
  constructor(
    readonly issue: IssueForecast,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}

/** Submits a version (default: the latest issued by now) in a KPX slot, checked against the scheme. */
export class SubmitKpxForecastCommand extends DeciderCommand<ForecastEvent> {
  constructor(
    readonly portfolioId: string,
    readonly tradingDay: string,
    readonly slot: KpxSubmissionSlot,
    readonly forecastVersion: number | undefined,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}
