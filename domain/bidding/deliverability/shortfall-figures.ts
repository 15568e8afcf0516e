import type { ShortfallFigures } from '../../bids/bid.events.js';
import { kwh } from '../../shared/units.js';
import type { DeliverabilityAssessment } from './assess-deliverability.js';

/** The figures a drafted bid records (BidDrafted.shortfall), from an assessment. */
export const shortfallFigures = (assessment: DeliverabilityAssessment): ShortfallFigures => ({
  expectedKwh: kwh(assessment.expectedShortfallKwh),
  worstKwh: kwh(assessment.worstShortfallKwh),
  samples: assessment.samples,
});
