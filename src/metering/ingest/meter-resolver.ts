import {
  derDecider,
  isDecommissionedAt,
  isRegistered,
  parametersAt,
  ratedKw,
  toDerStreamId,
  type DerState,
} from '../../../domain/ders/index.js';
import {
  derIntervalLimits,
  siteIntervalLimits,
  type IntervalLimitsKwh,
} from '../../../domain/metering/index.js';
import {
  isLiveOn,
  portfolioDecider,
  settingsOn,
  toPortfolioStreamId,
  type PortfolioState,
} from '../../../domain/portfolios/index.js';
import { foldEvents, type Decider } from '../../../domain/shared/decider.js';
import type { EventStore } from '../../infrastructure/event-store/event-store.port.js';
import type { ParsedRow } from './meter-row.parser.js';
import type { SiteDirectory } from './site-directory.js';

export type Resolution =
  | { readonly ok: true; readonly limits: IntervalLimitsKwh }
  | { readonly ok: false; readonly code: string; readonly field: string; readonly reason: string };

/**
 * The meters a batch names, each read once per batch: a DER's stream, or the streams of the
 * micro-VPPs that name a site. Gives each row the energy limits of its interval, or the reason
 * its meter is refused.
 */
export class MeterResolver {
  private readonly ders = new Map<string, DerState>();
  private readonly sites = new Map<string, readonly PortfolioState[]>();

  constructor(
    private readonly store: EventStore,
    private readonly directory: SiteDirectory,
    private readonly toleranceRatio: number,
  ) {}

  /** Reads every meter the rows name; call once before `resolve`. */
  async load(rows: readonly ParsedRow[]): Promise<void> {
    const derIds = new Set<string>();
    const siteIds = new Set<string>();
    for (const row of rows) (row.meterKind === 'der' ? derIds : siteIds).add(row.meterId);
    const candidates = siteIds.size > 0 ? await this.directory.portfoliosOf(siteIds) : new Map();
    await Promise.all([
      ...[...derIds].map(async (derId) => {
        this.ders.set(derId, await this.fold(toDerStreamId(derId), derDecider));
      }),
      ...[...candidates].map(async ([siteId, portfolioIds]: [string, readonly string[]]) => {
        const states = await Promise.all(
          portfolioIds.map((id) => this.fold(toPortfolioStreamId(id), portfolioDecider)),
        );
        this.sites.set(siteId, states);
      }),
    ]);
  }

  resolve(row: ParsedRow): Resolution {
    return row.meterKind === 'der' ? this.resolveDer(row) : this.resolveSite(row);
  }

  private resolveDer(row: ParsedRow): Resolution {
    const der = this.ders.get(row.meterId);
    if (der === undefined || !isRegistered(der))
      return refuse('METER.UNKNOWN_DER', `no DER ${row.meterId} is registered`);
    if (isDecommissionedAt(der, row.intervalStart))
      return refuse(
        'METER.DER_DECOMMISSIONED',
        `DER ${row.meterId} is decommissioned from ${der.decommissionedFrom ?? '?'}`,
      );
    // Before registration the DER already existed physically: judge by what it registered with.
    const parameters = parametersAt(der, row.intervalStart) ?? der.registeredParameters;
    return {
      ok: true,
      limits: derIntervalLimits(ratedKw(parameters), row.intervalMinutes, this.toleranceRatio),
    };
  }

  private resolveSite(row: ParsedRow): Resolution {
    for (const portfolio of this.sites.get(row.meterId) ?? []) {
      const settings = settingsOn(portfolio, row.day);
      if (
        settings?.tier === 'micro' &&
        settings.siteId === row.meterId &&
        isLiveOn(portfolio, row.day)
      )
        return {
          ok: true,
          limits: siteIntervalLimits(
            settings.gridImportLimitKw,
            settings.gridExportLimitKw,
            row.intervalMinutes,
            this.toleranceRatio,
          ),
        };
    }
    return refuse('METER.UNKNOWN_SITE', `no micro-VPP has site ${row.meterId} on ${row.day}`);
  }

  private async fold<C, E, S>(streamId: string, decider: Decider<C, E, S>): Promise<S> {
    const events = await this.store.readStream(streamId);
    return foldEvents(
      decider,
      events.map((event) => ({ type: event.type, data: event.data }) as E),
    );
  }
}

const refuse = (code: string, reason: string): Resolution => ({
  ok: false,
  code,
  field: 'meterId',
  reason,
});
