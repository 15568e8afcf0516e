/** KPX-style files (CP949 CSV): the one place mapping the port's DTOs to them and back. */
export { BID_FILE, decodeBidFile, encodeBidFile, type BidFileEnvelope } from './bid-file.js';
export { FORECAST_FILE, decodeForecastFile, encodeForecastFile } from './forecast-file.js';
export {
  PRICES_FILE,
  decodePricesFile,
  encodePricesFile,
  type PricesFileEnvelope,
} from './prices-file.js';
export {
  RESULTS_FILE,
  decodeResultsFile,
  encodeResultsFile,
  type ResultsFileEnvelope,
} from './results-file.js';
export { decodeCp949Lines, encodeCp949Lines } from './cp949.js';
export type { KpxFileErrorCode } from './kpx-file-error.js';
