import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The simulated exchange's own database (not the event store): submissions keyed by our
 * `submission_id` (UNIQUE, the idempotency key), clearings, awards, real-time runs and final
 * prices, dispatch instructions, forecast submissions and the simulated clock. Every operation of
 * the exchange runs in one transaction (`transaction`), so a process killed at any point leaves
 * either all of an operation or none of it.
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS submissions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    submission_id TEXT NOT NULL UNIQUE,
    request_hash TEXT NOT NULL,
    portfolio_id TEXT NOT NULL,
    market TEXT NOT NULL,
    trading_day TEXT NOT NULL,
    status TEXT NOT NULL,
    exchange_bid_id TEXT UNIQUE,
    intervals_json TEXT NOT NULL,
    answer_json TEXT NOT NULL,
    withdraw_answer_json TEXT,
    received_at_ms INTEGER NOT NULL,
    changed_at_ms INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS submissions_by_day ON submissions (market, trading_day, status);
  CREATE INDEX IF NOT EXISTS submissions_by_portfolio
    ON submissions (portfolio_id, market, trading_day, status);
  CREATE TABLE IF NOT EXISTS day_ahead_clearings (
    market TEXT NOT NULL,
    trading_day TEXT NOT NULL,
    cleared_at_ms INTEGER NOT NULL,
    formation TEXT NOT NULL,
    prices_json TEXT NOT NULL,
    PRIMARY KEY (market, trading_day)
  );
  CREATE TABLE IF NOT EXISTS awards (
    exchange_bid_id TEXT PRIMARY KEY,
    awards_json TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS real_time_runs (
    market TEXT NOT NULL,
    run_at_ms INTEGER NOT NULL,
    prices_json TEXT NOT NULL,
    PRIMARY KEY (market, run_at_ms)
  );
  CREATE TABLE IF NOT EXISTS real_time_finals (
    market TEXT NOT NULL,
    trading_day TEXT NOT NULL,
    published_at_ms INTEGER NOT NULL,
    prices_json TEXT NOT NULL,
    PRIMARY KEY (market, trading_day)
  );
  CREATE TABLE IF NOT EXISTS dispatch_instructions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    instruction_id TEXT NOT NULL UNIQUE,
    portfolio_id TEXT NOT NULL,
    market TEXT NOT NULL,
    issued_at_ms INTEGER NOT NULL,
    instruction_json TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS instructions_by_portfolio
    ON dispatch_instructions (portfolio_id, market, issued_at_ms);
  CREATE TABLE IF NOT EXISTS forecast_submissions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    submission_id TEXT NOT NULL UNIQUE,
    request_hash TEXT NOT NULL,
    portfolio_id TEXT NOT NULL,
    market TEXT NOT NULL,
    trading_day TEXT NOT NULL,
    slot TEXT NOT NULL,
    values_json TEXT NOT NULL,
    answer_json TEXT NOT NULL,
    received_at_ms INTEGER NOT NULL
  );
`;

export type SubmissionStatus = 'accepted' | 'rejected' | 'superseded' | 'withdrawn' | 'cleared';

export interface SubmissionRow {
  readonly seq: number;
  readonly submission_id: string;
  readonly request_hash: string;
  readonly portfolio_id: string;
  readonly market: string;
  readonly trading_day: string;
  readonly status: SubmissionStatus;
  readonly exchange_bid_id: string | null;
  readonly intervals_json: string;
  readonly answer_json: string;
  readonly withdraw_answer_json: string | null;
  readonly received_at_ms: number;
  readonly changed_at_ms: number;
}

export type NewSubmission = Omit<SubmissionRow, 'seq' | 'withdraw_answer_json' | 'changed_at_ms'>;

export interface ClearingRow {
  readonly market: string;
  readonly trading_day: string;
  readonly cleared_at_ms: number;
  readonly formation: string;
  readonly prices_json: string;
}

export interface RunRow {
  readonly run_at_ms: number;
  readonly prices_json: string;
}

export interface FinalRow {
  readonly published_at_ms: number;
  readonly prices_json: string;
}

export interface ForecastRow {
  readonly seq: number;
  readonly submission_id: string;
  readonly request_hash: string;
  readonly answer_json: string;
}

export type NewForecast = Omit<ForecastRow, 'seq'> & {
  readonly portfolio_id: string;
  readonly market: string;
  readonly trading_day: string;
  readonly slot: string;
  readonly values_json: string;
  readonly received_at_ms: number;
};

export interface NewInstruction {
  readonly instruction_id: string;
  readonly portfolio_id: string;
  readonly market: string;
  readonly issued_at_ms: number;
  readonly instruction_json: string;
}

const isFileBacked = (path: string): boolean => path !== ':memory:' && path !== '';

/** SQLite persistence of the simulated exchange; `:memory:` for a throw-away exchange. */
export class SqliteExchangeStore {
  private readonly db: Database.Database;
  private readonly statements: ReturnType<typeof prepare>;

  constructor(readonly path: string) {
    if (isFileBacked(path)) mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path, { timeout: 5_000 });
    try {
      // WAL + synchronous NORMAL: a crash never corrupts the file and commits are cheap; only a
      // power loss may drop the last commits, which the exchange's callers retry idempotently.
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      this.db.exec(SCHEMA);
      this.statements = prepare(this.db);
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  /** Runs `work` in one write transaction (taken at the start, so reads inside see no race). */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  meta(key: string): string | undefined {
    const row = this.statements.getMeta.get(key) as { value: string } | undefined;
    return row?.value;
  }

  setMeta(key: string, value: string): void {
    this.statements.setMeta.run(key, value);
  }

  submission(submissionId: string): SubmissionRow | undefined {
    return this.statements.getSubmission.get(submissionId) as SubmissionRow | undefined;
  }

  nextSubmissionSeq(): number {
    return (this.statements.maxSubmissionSeq.get() as { next: number }).next;
  }

  insertSubmission(row: NewSubmission): void {
    this.statements.insertSubmission.run({ ...row, changed_at_ms: row.received_at_ms });
  }

  setSubmissionStatus(
    submissionId: string,
    status: SubmissionStatus,
    changedAtMs: number,
    withdrawAnswerJson: string | null = null,
  ): void {
    this.statements.setStatus.run(status, changedAtMs, withdrawAnswerJson, submissionId);
  }

  /** Submissions of one portfolio, market and day in a status, in arrival order. */
  portfolioSubmissions(
    portfolioId: string,
    market: string,
    tradingDay: string,
    status: SubmissionStatus,
  ): SubmissionRow[] {
    return this.statements.portfolioSubmissions.all(
      portfolioId,
      market,
      tradingDay,
      status,
    ) as SubmissionRow[];
  }

  /** Submissions of one market and day in a status, in arrival order. */
  daySubmissions(market: string, tradingDay: string, status: SubmissionStatus): SubmissionRow[] {
    return this.statements.daySubmissions.all(market, tradingDay, status) as SubmissionRow[];
  }

  submissionCount(): number {
    return (this.statements.countSubmissions.get() as { count: number }).count;
  }

  insertClearing(row: ClearingRow): void {
    this.statements.insertClearing.run(row);
  }

  clearing(market: string, tradingDay: string): ClearingRow | undefined {
    return this.statements.getClearing.get(market, tradingDay) as ClearingRow | undefined;
  }

  insertAwards(exchangeBidId: string, awardsJson: string): void {
    this.statements.insertAwards.run(exchangeBidId, awardsJson);
  }

  awards(exchangeBidId: string): string | undefined {
    const row = this.statements.getAwards.get(exchangeBidId) as { awards_json: string } | undefined;
    return row?.awards_json;
  }

  insertRun(market: string, runAtMs: number, pricesJson: string): void {
    this.statements.insertRun.run(market, runAtMs, pricesJson);
  }

  /** Runs with `fromMs <= run_at_ms < toMs`, oldest first. */
  runs(market: string, fromMs: number, toMs: number): RunRow[] {
    return this.statements.runs.all(market, fromMs, toMs) as RunRow[];
  }

  insertFinal(market: string, tradingDay: string, publishedAtMs: number, pricesJson: string): void {
    this.statements.insertFinal.run(market, tradingDay, publishedAtMs, pricesJson);
  }

  final(market: string, tradingDay: string): FinalRow | undefined {
    return this.statements.getFinal.get(market, tradingDay) as FinalRow | undefined;
  }

  insertInstruction(row: NewInstruction): void {
    this.statements.insertInstruction.run(row);
  }

  /** Instructions issued at or after `sinceMs`, in issue order. */
  instructions(portfolioId: string, market: string, sinceMs: number): string[] {
    const rows = this.statements.instructions.all(portfolioId, market, sinceMs) as {
      instruction_json: string;
    }[];
    return rows.map((row) => row.instruction_json);
  }

  forecast(submissionId: string): ForecastRow | undefined {
    return this.statements.getForecast.get(submissionId) as ForecastRow | undefined;
  }

  nextForecastSeq(): number {
    return (this.statements.maxForecastSeq.get() as { next: number }).next;
  }

  insertForecast(row: NewForecast): void {
    this.statements.insertForecast.run(row);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

const prepare = (db: Database.Database) => ({
  getMeta: db.prepare('SELECT value FROM meta WHERE key = ?'),
  setMeta: db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ),
  getSubmission: db.prepare('SELECT * FROM submissions WHERE submission_id = ?'),
  maxSubmissionSeq: db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM submissions'),
  countSubmissions: db.prepare('SELECT COUNT(*) AS count FROM submissions'),
  insertSubmission: db.prepare(`
    INSERT INTO submissions (seq, submission_id, request_hash, portfolio_id, market, trading_day,
      status, exchange_bid_id, intervals_json, answer_json, received_at_ms, changed_at_ms)
    VALUES (NULL, @submission_id, @request_hash, @portfolio_id, @market, @trading_day, @status,
      @exchange_bid_id, @intervals_json, @answer_json, @received_at_ms, @changed_at_ms)`),
  setStatus: db.prepare(`
    UPDATE submissions SET status = ?, changed_at_ms = ?,
      withdraw_answer_json = COALESCE(?, withdraw_answer_json)
    WHERE submission_id = ?`),
  portfolioSubmissions: db.prepare(`
    SELECT * FROM submissions
    WHERE portfolio_id = ? AND market = ? AND trading_day = ? AND status = ? ORDER BY seq`),
  daySubmissions: db.prepare(
    'SELECT * FROM submissions WHERE market = ? AND trading_day = ? AND status = ? ORDER BY seq',
  ),
  insertClearing: db.prepare(`
    INSERT INTO day_ahead_clearings (market, trading_day, cleared_at_ms, formation, prices_json)
    VALUES (@market, @trading_day, @cleared_at_ms, @formation, @prices_json)`),
  getClearing: db.prepare('SELECT * FROM day_ahead_clearings WHERE market = ? AND trading_day = ?'),
  insertAwards: db.prepare('INSERT INTO awards (exchange_bid_id, awards_json) VALUES (?, ?)'),
  getAwards: db.prepare('SELECT awards_json FROM awards WHERE exchange_bid_id = ?'),
  insertRun: db.prepare(
    'INSERT INTO real_time_runs (market, run_at_ms, prices_json) VALUES (?, ?, ?)',
  ),
  runs: db.prepare(`
    SELECT run_at_ms, prices_json FROM real_time_runs
    WHERE market = ? AND run_at_ms >= ? AND run_at_ms < ? ORDER BY run_at_ms`),
  insertFinal: db.prepare(
    'INSERT INTO real_time_finals (market, trading_day, published_at_ms, prices_json) VALUES (?, ?, ?, ?)',
  ),
  getFinal: db.prepare(
    'SELECT published_at_ms, prices_json FROM real_time_finals WHERE market = ? AND trading_day = ?',
  ),
  insertInstruction: db.prepare(`
    INSERT INTO dispatch_instructions (instruction_id, portfolio_id, market, issued_at_ms,
      instruction_json)
    VALUES (@instruction_id, @portfolio_id, @market, @issued_at_ms, @instruction_json)`),
  instructions: db.prepare(`
    SELECT instruction_json FROM dispatch_instructions
    WHERE portfolio_id = ? AND market = ? AND issued_at_ms >= ? ORDER BY seq`),
  getForecast: db.prepare(
    'SELECT seq, submission_id, request_hash, answer_json FROM forecast_submissions WHERE submission_id = ?',
  ),
  maxForecastSeq: db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM forecast_submissions'),
  insertForecast: db.prepare(`
    INSERT INTO forecast_submissions (submission_id, request_hash, portfolio_id, market,
      trading_day, slot, values_json, answer_json, received_at_ms)
    VALUES (@submission_id, @request_hash, @portfolio_id, @market, @trading_day, @slot,
      @values_json, @answer_json, @received_at_ms)`),
});
