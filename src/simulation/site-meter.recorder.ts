import { siteIntervalLimits, toMeterStreamId } from '../../domain/metering/index.js';
import type { Kw } from '../../domain/shared/units.js';
import type { CommandHandlingDeps } from '../infrastructure/command-handling/handle-command.js';
import { isoUtc } from '../market/day-ahead-calendar.js';
import { MeterDayRecorder } from '../metering/ingest/meter-day-recorder.js';
import { DateTime } from 'luxon';

/** One site's readings of one trading day, kWh per interval from 00:00 KST. */
export interface SiteMeterDay {
  readonly siteId: string;
  readonly day: string;
  readonly dayStartMs: number;
  readonly intervalMinutes: number;
  readonly energyKwh: readonly number[];
  readonly gridImportLimitKw: Kw;
  readonly gridExportLimitKw: Kw;
}

/**
 * Records site net-meter readings with the metering decider's own command (RecordMeterReadings,
 * stream `meter-site-{siteId}-{day}`), as a meter feed would: the load forecast reads them back.
 * The simulation writes them directly rather than through the ingest service, whose site check
 * refuses days before the micro-VPP went live (the demo's history predates the fixture).
 */
export class SiteMeterRecorder {
  private readonly recorder: MeterDayRecorder;

  constructor(
    private readonly deps: CommandHandlingDeps,
    private readonly toleranceRatio: number,
    private readonly actor: string,
  ) {
    this.recorder = new MeterDayRecorder(deps);
  }

  async record(days: readonly SiteMeterDay[]): Promise<void> {
    for (const d of days) {
      const limits = siteIntervalLimits(
        d.gridImportLimitKw,
        d.gridExportLimitKw,
        d.intervalMinutes,
        this.toleranceRatio,
      );
      const readings = d.energyKwh.map((energyKwh, t) => ({
        intervalStart: isoUtc(
          DateTime.fromMillis(d.dayStartMs + t * d.intervalMinutes * 60_000, { zone: 'utc' }),
        ),
        // Never above the import limit: a meter feed that did would be refused, not clipped.
        energyKwh: Math.min(energyKwh, limits.limitKwh),
      }));
      await this.recorder.record(
        toMeterStreamId('site', d.siteId, d.day),
        {
          type: 'RecordMeterReadings',
          data: {
            meterId: d.siteId,
            meterKind: 'site',
            day: d.day,
            intervalMinutes: d.intervalMinutes,
            readings,
            limitKwh: limits.limitKwh,
            ...(limits.exportLimitKwh === undefined
              ? {}
              : { exportLimitKwh: limits.exportLimitKwh }),
            now: isoUtc(this.deps.clock.now()),
          },
        },
        { commandId: this.deps.ids.next(), actor: this.actor },
      );
    }
  }
}
