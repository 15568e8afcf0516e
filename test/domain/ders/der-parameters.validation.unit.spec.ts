import { derDecider, type DerParameters } from '../../../domain/ders/index.js';
import { deciderSpec } from '../../support/decider-spec.js';
import {
  derRegistered,
  drLoad,
  ess,
  evCharger,
  fuelCell,
  pv,
  registerDer,
} from '../../support/builders/der.builders.js';
import { kw, kwh } from '../../../domain/shared/units.js';

const { given } = deciderSpec(derDecider);

type Case = [string, Record<string, unknown>, string];

/** Each case breaks one rule; the error must name that parameter, by its path in the command. */
const invalid = (base: DerParameters, cases: Case[]) =>
  cases.map(([rule, override, field]) => [rule, { ...base, ...override }, field]);

describe('DER parameters', () => {
  it.each([
    ...invalid(pv(), [
      ['zero capacity', { capacityKwp: 0 }, 'capacityKwp'],
      ['capacity as text', { capacityKwp: '100' }, 'capacityKwp'],
      ['NaN inverter', { inverterKw: NaN }, 'inverterKw'],
      ['no site', { siteId: ' ' }, 'siteId'],
      ['latitude beyond the pole', { latitude: 90.5 }, 'latitude'],
      ['longitude out of range', { longitude: -181 }, 'longitude'],
      ['tilt beyond vertical', { tiltDeg: 91 }, 'tiltDeg'],
      ['azimuth of a full turn', { azimuthDeg: 360 }, 'azimuthDeg'],
      ['curtailable as text', { curtailable: 'yes' }, 'curtailable'],
    ]),
    ...invalid(ess(), [
      ['zero charge power', { chargeKw: 0 }, 'chargeKw'],
      ['negative discharge power', { dischargeKw: -5 }, 'dischargeKw'],
      ['zero energy', { energyKwh: 0 }, 'energyKwh'],
      ['zero charge efficiency', { chargeEfficiency: 0 }, 'chargeEfficiency'],
      ['discharge efficiency above 1', { dischargeEfficiency: 1.01 }, 'dischargeEfficiency'],
      ['negative min SoC', { minSocKwh: -1 }, 'minSocKwh'],
      ['min SoC above max SoC', { minSocKwh: 300, maxSocKwh: 200 }, 'minSocKwh'],
      ['max SoC above the energy', { maxSocKwh: 501 }, 'maxSocKwh'],
      ['negative degradation cost', { degradationCostKrwPerKwh: -1 }, 'degradationCostKrwPerKwh'],
    ]),
    ...invalid(drLoad(), [
      ['zero reduction', { maxReductionKw: 0 }, 'maxReductionKw'],
      ['zero minimum duration', { minDurationMinutes: 0 }, 'minDurationMinutes'],
      ['fractional minutes', { minDurationMinutes: 1.5 }, 'minDurationMinutes'],
      ['minimum above maximum', { minDurationMinutes: 300 }, 'minDurationMinutes'],
      ['maximum beyond a day', { maxDurationMinutes: 1441 }, 'maxDurationMinutes'],
      ['no activation a day', { maxActivationsPerDay: 0 }, 'maxActivationsPerDay'],
      ['more than 24 hours a day', { maxHoursPerDay: 25 }, 'maxHoursPerDay'],
      ['daily budget below one activation', { maxHoursPerDay: 0.5 }, 'maxHoursPerDay'],
      ['negative notice', { noticeMinutes: -1 }, 'noticeMinutes'],
      ['fractional won', { activationCostKrw: 1.5 }, 'activationCostKrw'],
      ['negative energy cost', { energyCostKrwPerKwh: -1 }, 'energyCostKrwPerKwh'],
      ['missing all-or-nothing', { allOrNothing: undefined }, 'allOrNothing'],
      ['unknown CBL method', { cblMethod: 'kpx_avg' }, 'cblMethod'],
    ]),
    ...invalid(evCharger(), [
      ['zero charge power', { maxChargeKw: 0 }, 'maxChargeKw'],
      ['negative discharge power', { maxDischargeKw: -1 }, 'maxDischargeKw'],
      ['efficiency above 1', { efficiency: 1.2 }, 'efficiency'],
    ]),
    ...invalid(fuelCell(), [
      ['zero rating', { ratedKw: 0 }, 'ratedKw'],
      ['minimum stable above rated', { minStableKw: 30 }, 'minStableKw'],
      ['zero ramp', { rampKwPerMinute: 0 }, 'rampKwPerMinute'],
      ['negative fuel cost', { fuelCostKrwPerKwh: -1 }, 'fuelCostKrwPerKwh'],
      ['negative start cost', { startCostKrw: -1 }, 'startCostKrw'],
    ]),
    ['an unknown kind', { ...pv(), kind: 'wind' }, 'kind'],
  ] as [string, DerParameters, string][])(
    'rejects %s with DER.INVALID_PARAMETER on that field',
    (_rule, parameters, field) => {
      given([])
        .when(registerDer(parameters))
        .thenThrows('DER.INVALID_PARAMETER', `parameters.${field}`);
    },
  );

  it('rejects parameters that are not an object', () => {
    given([])
      .when(registerDer(null as unknown as DerParameters))
      .thenThrows('DER.INVALID_PARAMETER', 'parameters');
  });

  it.each<[string, DerParameters]>([
    [
      'an ESS at full efficiency with a zero-width SoC window',
      ess({ chargeEfficiency: 1, minSocKwh: kwh(500), maxSocKwh: kwh(500) }),
    ],
    ['a charge-only EV charger (no V2G)', evCharger({ maxDischargeKw: kw(0) })],
    ['a fuel cell that can idle at zero', fuelCell({ minStableKw: kw(0) })],
    [
      'a DR load with equal minimum and maximum duration',
      drLoad({ minDurationMinutes: 240, maxHoursPerDay: 4 }),
    ],
    [
      'a DR load whose daily budget is one minimal activation in inexact binary (2.05 h = 123 min)',
      drLoad({ minDurationMinutes: 123, maxDurationMinutes: 123, maxHoursPerDay: 2.05 }),
    ],
    ['PV facing due north on the equator', pv({ latitude: 0, azimuthDeg: 0, tiltDeg: 0 })],
  ])('accepts boundary values: %s', (_case, parameters) => {
    given([])
      .when(registerDer(parameters))
      .then([derRegistered(parameters)]);
  });
});
