/** Where a progress bar draws: a terminal is redrawn in place, anything else gets plain lines. */
export interface ProgressSink {
  readonly write: (text: string) => void;
  /** True for an interactive terminal, where `\r` returns to the start of the line. */
  readonly isTty: boolean;
  /** Terminal width in characters, when known. */
  readonly columns?: number;
}

export interface ProgressBarOptions {
  readonly label: string;
  readonly total: number;
  /** The unit of the count, e.g. 'days'. */
  readonly unit?: string;
  /** Plain (non-terminal) output: a line each time another `plainStepPct` per cent is done. */
  readonly plainStepPct?: number;
  /** Milliseconds between two redraws on a terminal; the last update is always drawn. */
  readonly redrawMs?: number;
  /** Monotonic milliseconds; a parameter so that tests decide when time passes. */
  readonly now?: () => number;
}

const BAR_WIDTH = 30;

/**
 * A small progress bar for long CLI work. It belongs on stderr, so that stdout stays clean for
 * results (`--json` piped into a file still shows progress). On a terminal it redraws one line
 * in place, at most every `redrawMs`; elsewhere (a log, a CI job) it prints a plain line every
 * `plainStepPct` per cent, so the log shows progress without thousands of lines.
 */
export class ProgressBar {
  private done = 0;
  private lastDrawMs = Number.NEGATIVE_INFINITY;
  private lastPlainStep = -1;
  private lastPlainLine = '';
  private lastTtyLine = '';
  private finished = false;
  private readonly now: () => number;

  constructor(
    private readonly sink: ProgressSink,
    private readonly options: ProgressBarOptions,
  ) {
    this.now = options.now ?? (() => performance.now());
  }

  /** Sets the count done so far (0..total) and draws if it is time to. */
  update(done: number): void {
    if (this.finished) return;
    this.done = Math.max(0, Math.min(done, this.options.total));
    if (this.sink.isTty) {
      const at = this.now();
      if (this.done < this.options.total && at - this.lastDrawMs < (this.options.redrawMs ?? 100))
        return;
      this.lastDrawMs = at;
      const line = this.fit(this.line(true));
      if (line === this.lastTtyLine) return;
      this.lastTtyLine = line;
      this.sink.write(`\r${line}`);
    } else {
      const stepPct = this.options.plainStepPct ?? 10;
      const step = Math.floor(this.percent() / stepPct);
      if (step === this.lastPlainStep) return;
      this.lastPlainStep = step;
      this.writePlain();
    }
  }

  /** Draws the final state and ends the line; later updates are ignored. */
  finish(): void {
    if (this.finished) return;
    if (this.sink.isTty) {
      this.update(this.done);
      this.sink.write('\n');
    } else if (this.line(false) !== this.lastPlainLine) this.writePlain();
    this.finished = true;
  }

  private writePlain(): void {
    this.lastPlainLine = this.line(false);
    this.sink.write(`${this.lastPlainLine}\n`);
  }

  private percent(): number {
    return this.options.total === 0 ? 100 : Math.floor((this.done / this.options.total) * 100);
  }

  private line(withBar: boolean): string {
    const { label, total, unit } = this.options;
    const count = `${this.done}/${total}${unit === undefined ? '' : ` ${unit}`}`;
    const pct = `${String(this.percent()).padStart(3)}%`;
    if (!withBar) return `${label}: ${count} (${pct.trim()})`;
    const filled = total === 0 ? BAR_WIDTH : Math.round((this.done / total) * BAR_WIDTH);
    return `${label} [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${pct} ${count}`;
  }

  private fit(text: string): string {
    const columns = this.sink.columns;
    return columns !== undefined && columns > 1 && text.length >= columns
      ? text.slice(0, columns - 1)
      : text;
  }
}

/** The process's stderr as a progress sink. */
export const stderrProgressSink = (): ProgressSink => ({
  write: (text) => process.stderr.write(text),
  isTty: process.stderr.isTTY === true,
  ...(process.stderr.columns === undefined ? {} : { columns: process.stderr.columns }),
});
