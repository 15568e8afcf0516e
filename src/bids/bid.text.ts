import type { BidView } from './get-bid/bid-view.js';

const kw = (value: number): string => value.toFixed(1);

/** Hours and minutes from 00:00 KST at the start of interval `index`. */
const kstLabel = (index: number, minutes: number): string => {
  const fromMidnight = index * minutes;
  return `${String(Math.floor(fromMidnight / 60)).padStart(2, '0')}:${String(fromMidnight % 60).padStart(2, '0')}`;
};

const curveText = (points: readonly { priceKrwPerKwh: number; quantityKw: number }[]): string =>
  points.length === 0
    ? '-'
    : points.map((p) => `${kw(p.quantityKw)}@${p.priceKrwPerKwh}`).join(' ');

/** The bid for people at a terminal: status, submissions, curves (or awards), then the history. */
export const bidLines = (bid: BidView): string[] => {
  const awards = new Map((bid.awards ?? []).map((award) => [award.interval, award]));
  return [
    `${bid.portfolioId} in ${bid.market} on ${bid.tradingDay}: ${bid.status} ` +
      `(${bid.streamId}, revision ${bid.revision}); gate ${bid.gateAt}`,
    `draft ${bid.bidId} (${bid.drafts} draft(s), ${bid.amendments} amendment(s) since), ` +
      `${bid.intervals.length} intervals of ${bid.intervalMinutes} minutes; forecast version ` +
      `${bid.provenance.forecastVersion}, ${bid.provenance.solver.name} ${bid.provenance.status}`,
    ...bid.submissions.map(
      (s) =>
        `submission ${s.submissionId} at ${s.submittedAt} by ${s.submittedBy}: ` +
        (s.withdrawal !== undefined
          ? `withdrawn (${s.withdrawal.reason})`
          : s.exchangeBidId !== undefined
            ? `acknowledged as ${s.exchangeBidId}`
            : s.rejection !== undefined
              ? `rejected ${s.rejection.code}: ${s.rejection.reason}`
              : 'waiting for the exchange'),
    ),
    'KST    sell kW@KRW/kWh | buy kW@KRW/kWh' + (bid.awards === null ? '' : ' | awarded'),
    ...bid.intervals.map((interval) => {
      const award = awards.get(interval.interval);
      return (
        `${kstLabel(interval.interval, bid.intervalMinutes)}  ${curveText(interval.sell)} | ` +
        curveText(interval.buy) +
        (bid.awards === null
          ? ''
          : award === undefined
            ? ' | -'
            : ` | sell ${kw(award.awardedSellKw)} buy ${kw(award.awardedBuyKw)} ` +
              `at ${award.clearingPriceKrwPerKwh}`)
      );
    }),
    'history:',
    ...bid.history.map(
      (event) =>
        `  ${event.revision} ${event.type} at ${event.occurredAt ?? '?'} by ${event.actor ?? '?'}`,
    ),
  ];
};
