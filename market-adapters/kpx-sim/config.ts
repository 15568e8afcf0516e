import { DomainError } from '../../domain/shared/domain-error.js';
import { isPriceMode, PRICE_MODES, type PriceMode } from './price-mode.js';

export interface KpxSimConfig {
  readonly port: number;
  readonly host: string;
  readonly dbPath: string;
  /** Folder holding smp-hourly-2020-2024.csv, or the file itself. */
  readonly dataPath: string;
  /** Always a string: '42' and 42 would seed different sequences. */
  readonly seed: string;
  /** `historical` (default) or `merit-order`; a database refuses another mode, as another seed. */
  readonly priceMode: PriceMode;
  /** First clock reading for a new database; without it the first `POST /clock` sets the clock. */
  readonly startAt?: string;
}

export const KPX_SIM_DEFAULTS = {
  port: 7070,
  host: '127.0.0.1',
  dbPath: './data/kpx-sim.db',
  dataPath: '../shared/data/kpx',
  seed: 'kpx-sim',
  priceMode: 'historical',
} as const;

const invalid = (name: string, message: string): DomainError =>
  new DomainError('KPXSIM.INVALID_CONFIG', `${name} ${message}`, name);

/** Reads the server's configuration from environment variables (KPX_SIM_*), checking each. */
export const kpxSimConfigFrom = (
  env: Readonly<Record<string, string | undefined>>,
): KpxSimConfig => {
  const text = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const portText = text('KPX_SIM_PORT');
  const port = portText === undefined ? KPX_SIM_DEFAULTS.port : Number(portText);
  if (!/^\d+$/.test(portText ?? '0') || !Number.isInteger(port) || port > 65_535)
    throw invalid('KPX_SIM_PORT', `must be a port number 0..65535, got ${portText}`);
  const startAt = text('KPX_SIM_START');
  const priceMode = text('KPX_SIM_PRICE_MODE') ?? KPX_SIM_DEFAULTS.priceMode;
  if (!isPriceMode(priceMode))
    throw invalid(
      'KPX_SIM_PRICE_MODE',
      `must be one of ${PRICE_MODES.join(', ')}, got ${priceMode}`,
    );
  return {
    port,
    host: text('KPX_SIM_HOST') ?? KPX_SIM_DEFAULTS.host,
    dbPath: text('KPX_SIM_DB') ?? KPX_SIM_DEFAULTS.dbPath,
    dataPath: text('KPX_SIM_DATA') ?? KPX_SIM_DEFAULTS.dataPath,
    seed: text('KPX_SIM_SEED') ?? KPX_SIM_DEFAULTS.seed,
    priceMode,
    ...(startAt === undefined ? {} : { startAt }),
  };
};
