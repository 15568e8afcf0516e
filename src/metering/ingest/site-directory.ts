import type { EventStore } from '../../infrastructure/event-store/event-store.port.js';

const SITE_EVENTS = {
  streamPrefixes: ['portfolio-'],
  eventTypes: ['PortfolioCreated', 'PortfolioSettingsChanged'],
};

/**
 * Which micro-VPPs have ever named a site: a site's settings live on its portfolio's stream, so
 * a site id needs an index to find that stream. Built from the log in memory, and refreshed only
 * when a batch names a site it does not know (a site just created, or a wrong id), so known
 * sites cost nothing. The candidates it returns are only leads: the caller reads the portfolio
 * streams for the settings in force on the day.
 */
export class SiteDirectory {
  private readonly bySite = new Map<string, Set<string>>();
  private after: bigint | 'start' = 'start';
  private refreshing: Promise<void> | undefined;

  constructor(private readonly store: EventStore) {}

  /** Portfolio ids per site id; refreshes from the log first if any site id is unknown. */
  async portfoliosOf(siteIds: Iterable<string>): Promise<Map<string, readonly string[]>> {
    const wanted = [...siteIds];
    if (wanted.some((siteId) => !this.bySite.has(siteId))) await this.refresh();
    return new Map(wanted.map((siteId) => [siteId, [...(this.bySite.get(siteId) ?? [])]]));
  }

  /** Reads the portfolio events appended since the last refresh; concurrent callers share one. */
  refresh(): Promise<void> {
    this.refreshing ??= this.readNewEvents().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async readNewEvents(): Promise<void> {
    for await (const event of this.store.readAll({ after: this.after, filter: SITE_EVENTS })) {
      // The shape of PortfolioCreated and PortfolioSettingsChanged, read defensively.
      const { settings, portfolioId } = event.data as {
        readonly settings?: { readonly tier?: unknown; readonly siteId?: unknown };
        readonly portfolioId?: unknown;
      };
      if (settings?.tier === 'micro' && typeof settings.siteId === 'string')
        this.add(settings.siteId, String(portfolioId));
      this.after = event.position;
    }
  }

  private add(siteId: string, portfolioId: string): void {
    const portfolios = this.bySite.get(siteId) ?? new Set<string>();
    portfolios.add(portfolioId);
    this.bySite.set(siteId, portfolios);
  }
}
