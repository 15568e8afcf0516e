import fc from 'fast-check';
import type { DerParameters } from '../../domain/ders/index.js';
import { kw } from '../../domain/shared/units.js';
import { DER_IDS, PORTFOLIO_IDS, assetStep, type AssetStep } from './asset-arbitraries.js';
import { drLoad, ess, evCharger, fuelCell } from './builders/der.builders.js';

/** DERs of every kind besides the PV plants (`d1`..`d4`) of the tree histories. */
export const KIND_DERS: Readonly<Record<string, DerParameters>> = {
  e1: ess(),
  v1: evCharger(),
  v2: evCharger({ maxDischargeKw: kw(0) }),
  r1: drLoad({ allOrNothing: true }),
  f1: fuelCell(),
};
export const CHARGER_IDS = ['v1', 'v2'];
export const ALL_DER_IDS = [...DER_IDS, ...Object.keys(KIND_DERS)];

/** Minutes from the clock's `now`, off the quarter-hour grid on purpose. */
export type CapabilityStep =
  | AssetStep
  | { readonly kind: 'registerKind'; readonly derId: string }
  | {
      readonly kind: 'declare';
      readonly derId: string;
      readonly startMin: number;
      readonly lengthMin: number;
      /** Of the DER's rated kW. */
      readonly share: number;
    }
  | {
      readonly kind: 'change';
      readonly derId: string;
      readonly inMin: number;
      readonly scale: number;
    }
  | { readonly kind: 'decommissionIn'; readonly derId: string; readonly inMin: number }
  | {
      readonly kind: 'planEv' | 'plugIn';
      readonly derId: string;
      readonly sessionId: string;
      /** From now for a plan; minutes ago for a plug-in. */
      readonly startMin: number;
      readonly lengthMin: number;
      readonly onArrivalKwh: number;
      readonly requiredKwh: number;
    }
  | {
      readonly kind: 'unplug';
      readonly derId: string;
      readonly sessionId: string;
      readonly agoMin: number;
    }
  | { readonly kind: 'cancelEv'; readonly derId: string; readonly sessionId: string }
  | { readonly kind: 'advance'; readonly minutes: number };

const kindDerId = fc.constantFrom(...Object.keys(KIND_DERS));
const anyDerId = fc.constantFrom(...ALL_DER_IDS);
const chargerId = fc.constantFrom(...CHARGER_IDS);
const sessionId = fc.constantFrom('s1', 's2', 's3');
const minutes = (max: number) => fc.integer({ min: 0, max });

const capabilityOnlyStep: fc.Arbitrary<CapabilityStep> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('declare' as const),
      derId: anyDerId,
      startMin: minutes(4 * 1440),
      lengthMin: fc.integer({ min: 1, max: 600 }),
      share: fc.constantFrom(0, 0.1, 0.5, 1),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('change' as const),
      derId: kindDerId,
      inMin: minutes(4 * 1440),
      scale: fc.constantFrom(0.5, 2),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('decommissionIn' as const),
      derId: anyDerId,
      inMin: minutes(4 * 1440),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constantFrom('planEv' as const, 'plugIn' as const),
      derId: chargerId,
      sessionId,
      startMin: minutes(3 * 1440),
      lengthMin: fc.integer({ min: 5, max: 1200 }),
      onArrivalKwh: fc.integer({ min: 0, max: 40 }),
      requiredKwh: fc.integer({ min: 0, max: 77 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('unplug' as const),
      derId: chargerId,
      sessionId,
      agoMin: minutes(600),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('cancelEv' as const), derId: chargerId, sessionId }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('advance' as const), minutes: minutes(1440) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('assign' as const),
      derId: kindDerId,
      microId: fc.constantFrom('m1', 'm2', 'm3'),
      inDays: fc.integer({ min: 0, max: 3 }),
    }),
  },
);

const step: fc.Arbitrary<CapabilityStep> = fc.oneof(
  { weight: 1, arbitrary: assetStep },
  { weight: 2, arbitrary: capabilityOnlyStep },
);

// Most links and memberships in place first, so that most histories have figures to get right.
const SETUP: readonly CapabilityStep[] = [
  ...PORTFOLIO_IDS.map((id): CapabilityStep => ({ kind: 'create', id })),
  ...[
    ['m1', 'c1'],
    ['m2', 'c1'],
    ['m3', 'c2'],
    ['c1', 'w'],
    ['c2', 'w'],
  ].map(([id, parentId]): CapabilityStep => ({
    kind: 'attach',
    id: id ?? '',
    parentId: parentId ?? '',
    inDays: 1,
  })),
  ...DER_IDS.map((derId): CapabilityStep => ({ kind: 'register', derId })),
  ...Object.keys(KIND_DERS).map((derId): CapabilityStep => ({ kind: 'registerKind', derId })),
  ...ALL_DER_IDS.map((derId, i): CapabilityStep => ({
    kind: 'assign',
    derId,
    microId: ['m1', 'm2', 'm3'][i % 3] ?? 'm1',
    inDays: 1,
  })),
];

export const capabilityHistory: fc.Arbitrary<CapabilityStep[]> = fc
  .array(step, { minLength: 5, maxLength: 50, size: 'max' })
  .map((rest) => [...SETUP, ...rest]);
