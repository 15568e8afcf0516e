import {
  VARIABLE_KIND_CODE,
  parseMilpName,
  type MilpModel,
} from '../../../domain/optimisation/milp-model.js';
import type {
  InfeasibilityDiagnosis,
  InfeasibilityFinding,
} from '../../../domain/optimisation/milp-solver.port.js';

/**
 * The elastic form of an infeasible model: each chosen row `lo <= a·x <= up` becomes
 * `lo <= a·x + short - excess <= up` with `short, excess >= 0` (only for finite sides), and the
 * objective becomes the total of those slacks, minimised. Integrality is kept, so a row that only
 * the integer restrictions make impossible still shows. The rows whose slacks stay positive at the
 * optimum are where the model asks for more than it allows; slacks are in each row's own unit.
 */
export interface ElasticModel {
  readonly model: MilpModel;
  /** For slack `k` (variable `firstSlack + k`): the row it relaxes. */
  readonly slackRow: Int32Array;
  /** For slack `k`: 0 = shortfall below the row's lower bound, 1 = excess above its upper bound. */
  readonly slackSide: Uint8Array;
  readonly firstSlack: number;
}

const SHORTFALL = 0;
const EXCESS = 1;

/** `families`: only rows of these families get slacks (undefined or empty: every row). */
export const buildElasticModel = (
  model: MilpModel,
  families: readonly string[] | undefined,
): ElasticModel => {
  const { variables: v, constraints: c } = model;
  const n = v.names.length;
  const m = c.names.length;
  const chosen =
    families === undefined || families.length === 0
      ? () => true
      : (i: number) => families.includes(parseMilpName(c.names[i]!).family);
  const slackRow: number[] = [];
  const slackSide: number[] = [];
  const slackNames: string[] = [];
  const extraPerRow = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    if (!chosen(i)) continue;
    if (c.lower[i]! !== -Infinity) {
      slackRow.push(i);
      slackSide.push(SHORTFALL);
      slackNames.push(`elastic_shortfall[${i}]`);
      extraPerRow[i]!++;
    }
    if (c.upper[i]! !== Infinity) {
      slackRow.push(i);
      slackSide.push(EXCESS);
      slackNames.push(`elastic_excess[${i}]`);
      extraPerRow[i]!++;
    }
  }
  const slacks = slackRow.length;
  const starts = new Int32Array(m + 1);
  const columns = new Int32Array(c.columns.length + slacks);
  const coefficients = new Float64Array(c.columns.length + slacks);
  let out = 0;
  let slack = 0;
  for (let i = 0; i < m; i++) {
    starts[i] = out;
    for (let k = c.starts[i]!; k < c.starts[i + 1]!; k++) {
      columns[out] = c.columns[k]!;
      coefficients[out++] = c.coefficients[k]!;
    }
    for (let e = 0; e < extraPerRow[i]!; e++) {
      columns[out] = n + slack;
      coefficients[out++] = slackSide[slack] === SHORTFALL ? 1 : -1;
      slack++;
    }
  }
  starts[m] = out;
  const grow = (values: Float64Array, fill: number): Float64Array => {
    const grown = new Float64Array(n + slacks).fill(fill);
    grown.set(values);
    return grown;
  };
  const kinds = new Uint8Array(n + slacks).fill(VARIABLE_KIND_CODE.continuous);
  kinds.set(v.kinds);
  const objective = new Float64Array(n + slacks).fill(1);
  objective.fill(0, 0, n);
  return {
    model: {
      direction: 'min',
      variables: {
        names: [...v.names, ...slackNames],
        lower: grow(v.lower, 0),
        upper: grow(v.upper, Infinity),
        kinds,
        objective,
      },
      constraints: { ...c, starts, columns, coefficients },
    },
    slackRow: Int32Array.from(slackRow),
    slackSide: Uint8Array.from(slackSide),
    firstSlack: n,
  };
};

// A slack below this (relative to its row's bound) is solver noise, not a violation.
const TOLERANCE = 1e-6;

/** Groups the positive slacks of an elastic solution by constraint family and asset. */
export const diagnoseFromSlacks = (
  original: MilpModel,
  elastic: ElasticModel,
  values: Float64Array,
): InfeasibilityDiagnosis => {
  const c = original.constraints;
  const groups = new Map<string, Omit<InfeasibilityFinding, 'message'>>();
  for (let k = 0; k < elastic.slackRow.length; k++) {
    const row = elastic.slackRow[k]!;
    const amount = values[elastic.firstSlack + k] ?? 0;
    const side = elastic.slackSide[k]!;
    const scale = Math.max(1, Math.abs(side === SHORTFALL ? c.lower[row]! : c.upper[row]!));
    if (!(amount > TOLERANCE * scale)) continue;
    const name = c.names[row]!;
    const { family, assetId } = parseMilpName(name);
    const key = `${family}\u0000${assetId ?? ''}`;
    const unit = original.familyUnits?.[family];
    const seen = groups.get(key) ?? {
      family,
      ...(assetId === undefined ? {} : { assetId }),
      ...(unit === undefined ? {} : { unit }),
      shortfall: 0,
      excess: 0,
      violatedConstraints: 0,
      worstConstraint: name,
      worstViolation: 0,
    };
    groups.set(key, {
      ...seen,
      shortfall: seen.shortfall + (side === SHORTFALL ? amount : 0),
      excess: seen.excess + (side === EXCESS ? amount : 0),
      violatedConstraints: seen.violatedConstraints + 1,
      ...(amount > seen.worstViolation ? { worstConstraint: name, worstViolation: amount } : {}),
    });
  }
  const findings = [...groups.values()]
    .map((finding) => ({ ...finding, message: describe(finding) }))
    .sort(
      (a, b) =>
        b.shortfall + b.excess - (a.shortfall + a.excess) ||
        a.family.localeCompare(b.family) ||
        (a.assetId ?? '').localeCompare(b.assetId ?? ''),
    );
  return {
    outcome: findings.length === 0 ? 'no_violation_found' : 'found',
    method: 'elastic_slacks',
    findings,
    summary:
      findings.length === 0
        ? 'the elastic re-solve needed no slack: the infeasibility comes from variable bounds or integrality'
        : findings.map((finding) => finding.message).join('; '),
  };
};

const amount = (value: number, unit: string | undefined): string =>
  `${Number(value.toPrecision(6))}${unit === undefined ? '' : ` ${unit}`}`;

const describe = (finding: Omit<InfeasibilityFinding, 'message'>): string => {
  const who = `${finding.family} for ${finding.assetId ?? 'the portfolio'}`;
  const parts: string[] = [];
  if (finding.shortfall > 0)
    parts.push(`falls ${amount(finding.shortfall, finding.unit)} short of its lower bounds`);
  if (finding.excess > 0)
    parts.push(`exceeds its upper bounds by ${amount(finding.excess, finding.unit)}`);
  const rows =
    finding.violatedConstraints === 1
      ? '1 constraint'
      : `${finding.violatedConstraints} constraints`;
  return `${who} ${parts.join(' and ')} (${rows}; worst ${finding.worstConstraint}: ${amount(finding.worstViolation, finding.unit)})`;
};
