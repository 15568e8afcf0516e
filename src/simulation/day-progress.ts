import type { ProgressSink } from '../cli/progress-bar.js';
import type { StepReport } from './simulation.service.js';

/** The stages of a trading day as the progress shows them, in the order they happen. */
export const DAY_STAGES = ['forecast', 'bid', 'clearing', 'delivery'] as const;
export type DayStage = (typeof DAY_STAGES)[number];

/** Which stage a step of the run completes (submission belongs to clearing, which ends at 15:00). */
const STAGE_DONE_BY: Readonly<Record<StepReport['step'], DayStage | undefined>> = {
  forecast: 'forecast',
  bid: 'bid',
  submit: undefined,
  results: 'clearing',
  deliver: 'delivery',
};

const BAR_WIDTH = 16;

/**
 * A progress bar per trading day, on stderr: days interleave (D+1 is bid before D is delivered),
 * so each day has its own line with its stages (forecast, bid, clearing, delivery). On a terminal
 * the block of lines is redrawn in place (at most every `redrawMs`); elsewhere (a log, CI) one
 * plain line is printed when a day is done. Days not in the list (the look-ahead bid) are not shown.
 */
export class DayProgress {
  private readonly done = new Map<string, Set<DayStage>>();
  private drawnLines = 0;
  private lastDrawMs = Number.NEGATIVE_INFINITY;
  private finished = false;
  private readonly now: () => number;

  constructor(
    private readonly sink: ProgressSink,
    private readonly days: readonly string[],
    private readonly options: { readonly redrawMs?: number; readonly now?: () => number } = {},
  ) {
    for (const day of days) this.done.set(day, new Set());
    this.now = options.now ?? (() => performance.now());
  }

  start(): void {
    if (this.sink.isTty) this.draw(true);
  }

  /** A step of the run finished (or was found done in the store). */
  step(report: StepReport): void {
    const stages = this.done.get(report.day);
    const stage = STAGE_DONE_BY[report.step];
    if (this.finished || stages === undefined || stage === undefined) return;
    // A step found done in the store implies the stages before it (a re-run reports no forecast).
    for (const s of DAY_STAGES.slice(0, DAY_STAGES.indexOf(stage) + 1)) stages.add(s);
    if (this.sink.isTty) this.draw(false);
    else if (stage === 'delivery') this.sink.write(`${this.plainLine(report.day)}\n`);
  }

  /** Draws the final state; later steps are ignored. */
  finish(): void {
    if (this.finished) return;
    if (this.sink.isTty) this.draw(true);
    this.finished = true;
  }

  private draw(force: boolean): void {
    const at = this.now();
    if (!force && at - this.lastDrawMs < (this.options.redrawMs ?? 100)) return;
    this.lastDrawMs = at;
    // Back to the first line of the block, then every line cleared and written again.
    const up = this.drawnLines > 0 ? `\x1b[${this.drawnLines}A` : '';
    const lines = this.days.map((day) => `\r\x1b[2K${this.fit(this.barLine(day))}\n`);
    this.sink.write(up + lines.join(''));
    this.drawnLines = this.days.length;
  }

  private stagesOf(day: string): ReadonlySet<DayStage> {
    return this.done.get(day) ?? new Set();
  }

  private barLine(day: string): string {
    const stages = this.stagesOf(day);
    const filled = Math.round((stages.size / DAY_STAGES.length) * BAR_WIDTH);
    const marks = DAY_STAGES.map((s) => `${s} ${stages.has(s) ? 'ok' : '..'}`).join('  ');
    return `${day} [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${marks}`;
  }

  private plainLine(day: string): string {
    const delivered = this.days.filter((d) => this.stagesOf(d).has('delivery')).length;
    const stages = DAY_STAGES.filter((s) => this.stagesOf(day).has(s)).join(', ');
    return `simulate: ${day} ${stages} done (${delivered}/${this.days.length} days)`;
  }

  private fit(text: string): string {
    const columns = this.sink.columns;
    return columns !== undefined && columns > 1 && text.length >= columns
      ? text.slice(0, columns - 1)
      : text;
  }
}
