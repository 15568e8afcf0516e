import { DomainError } from '../shared/domain-error.js';

/**
 * A solver-neutral mixed-integer linear program as plain data, so that it can cross a worker
 * boundary by structured clone and be handed to any MILP solver adapter.
 *
 * Columns and rows are stored as parallel typed arrays (struct of arrays) and the constraint matrix
 * in compressed sparse rows: a day-ahead portfolio model has 10^5 variables and 10^6 coefficients,
 * for which one object per coefficient would cost ~50 bytes each and slow the clone to a worker.
 *
 * Names carry a constraint or variable family and, when there is one, the asset it belongs to, in
 * the form `family[asset][index]...` (e.g. `soc_balance[ess-1][t12]`), so that an infeasibility
 * diagnosis can name both; see `milpName` and `parseMilpName`.
 */
export interface MilpModel {
  readonly direction: 'max' | 'min';
  /** Constant added to the objective (0 when absent). */
  readonly objectiveOffset?: number;
  readonly variables: MilpVariables;
  readonly constraints: MilpConstraints;
  /**
   * The unit of each constraint family's activity (e.g. `{ soc_balance: 'kWh' }`), used only to
   * phrase diagnoses ("needs 12.5 kWh more").
   */
  readonly familyUnits?: Readonly<Record<string, string>>;
}

export type VariableKind = 'continuous' | 'integer' | 'binary';

/** Codes stored in `MilpVariables.kinds`. */
export const VARIABLE_KIND_CODE = { continuous: 0, integer: 1, binary: 2 } as const;
const KIND_BY_CODE: readonly VariableKind[] = ['continuous', 'integer', 'binary'];

export interface MilpVariables {
  readonly names: readonly string[];
  /** `-Infinity` when unbounded below. */
  readonly lower: Float64Array;
  /** `Infinity` when unbounded above. */
  readonly upper: Float64Array;
  /** `VARIABLE_KIND_CODE` per variable. A binary's bounds are intersected with [0, 1]. */
  readonly kinds: Uint8Array;
  readonly objective: Float64Array;
}

/**
 * Row `i` is `lower[i] <= sum_k coefficients[k] * x[columns[k]] <= upper[i]` over
 * `k in [starts[i], starts[i+1])`. Equality: `lower === upper`; `<=`: `lower = -Infinity`;
 * `>=`: `upper = Infinity`; ranged: both finite.
 */
export interface MilpConstraints {
  readonly names: readonly string[];
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /** Length `names.length + 1`, `starts[0] = 0`, non-decreasing. */
  readonly starts: Int32Array;
  /** Variable index of each coefficient. */
  readonly columns: Int32Array;
  readonly coefficients: Float64Array;
}

export const variableCount = (model: MilpModel): number => model.variables.names.length;
export const constraintCount = (model: MilpModel): number => model.constraints.names.length;
export const variableKind = (model: MilpModel, index: number): VariableKind =>
  KIND_BY_CODE[model.variables.kinds[index] ?? 0] ?? 'continuous';
export const isMixedInteger = (model: MilpModel): boolean =>
  model.variables.kinds.some((code) => code !== VARIABLE_KIND_CODE.continuous);

/** Name → index of every variable (build once per model; lookups are then O(1)). */
export const variableIndexByName = (model: MilpModel): ReadonlyMap<string, number> =>
  new Map(model.variables.names.map((name, index) => [name, index]));

// ---------------------------------------------------------------------------------------------
// Names

// GLPK refuses names longer than 255 characters; brackets delimit the parts.
const MAX_NAME_LENGTH = 255;
const FAMILY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PART = /^[^[\]\s]+$/;
const NAME = /^([A-Za-z_][A-Za-z0-9_]*)((?:\[[^[\]\s]+\])*)$/;

export interface ParsedMilpName {
  readonly family: string;
  /** The first bracketed part, by convention the asset id (absent for portfolio-wide rows). */
  readonly assetId?: string;
  /** The bracketed parts after the asset id (interval, scenario...). */
  readonly indices: readonly string[];
}

/** Marks the asset part of a portfolio-wide name, so that names keep one shape. */
export const PORTFOLIO_ASSET = '*';

/** `milpName('soc_balance', 'ess-1', 't12')` → `soc_balance[ess-1][t12]`. */
export const milpName = (family: string, assetId: string, ...indices: readonly string[]): string =>
  checkedName(family, [assetId, ...indices]);

/** A row or column of no single asset: `milpPortfolioName('net_export', 't3')` → `net_export[*][t3]`. */
export const milpPortfolioName = (family: string, ...indices: readonly string[]): string =>
  checkedName(family, [PORTFOLIO_ASSET, ...indices]);

const checkedName = (family: string, parts: readonly string[]): string => {
  if (!FAMILY.test(family))
    throw new DomainError(
      'MILP.INVALID_NAME',
      `MILP name family "${family}" must start with a letter or "_" and contain only letters, digits and "_"`,
      'family',
    );
  for (const part of parts)
    if (!PART.test(part))
      throw new DomainError(
        'MILP.INVALID_NAME',
        `MILP name part "${part}" of family ${family} must be non-empty, without brackets or spaces`,
        'indices',
      );
  const name = family + parts.map((part) => `[${part}]`).join('');
  if (name.length > MAX_NAME_LENGTH)
    throw new DomainError(
      'MILP.INVALID_NAME',
      `MILP name ${name.slice(0, 40)}... is ${name.length} characters long; at most ${MAX_NAME_LENGTH} are allowed`,
      'name',
    );
  return name;
};

/**
 * Splits `family[asset][index]...` (`*` as the asset: portfolio-wide, no asset). Names of another
 * shape (made by hand) parse as a family with no asset, so a diagnosis still names them.
 */
export const parseMilpName = (name: string): ParsedMilpName => {
  const match = NAME.exec(name);
  if (match === null) return { family: name, indices: [] };
  const parts = (match[2] ?? '')
    .slice(1, -1)
    .split('][')
    .filter((part) => part.length > 0);
  const [assetId, ...indices] = parts;
  return assetId === undefined || assetId === PORTFOLIO_ASSET
    ? { family: match[1]!, indices }
    : { family: match[1]!, assetId, indices };
};

// ---------------------------------------------------------------------------------------------
// Building

export interface VariableSpec {
  readonly name: string;
  readonly kind?: VariableKind;
  /** Default 0. */
  readonly lower?: number;
  /** Default Infinity (1 for a binary). */
  readonly upper?: number;
  /** Default 0. */
  readonly objective?: number;
}

/** A constraint's bounds: exactly one of `eq`, or `le` and/or `ge` (both = ranged). */
export type ConstraintBounds =
  | { readonly eq: number }
  | { readonly le: number; readonly ge?: number }
  | { readonly ge: number; readonly le?: number };

/**
 * Grows a model row by row. Terms name variables by index (returned by `addVariable`) so that
 * building a large model does no string lookups; `variable(name)` resolves a name when needed.
 */
export class MilpModelBuilder {
  private readonly names: string[] = [];
  private readonly indexByName = new Map<string, number>();
  private readonly lower: number[] = [];
  private readonly upper: number[] = [];
  private readonly kinds: number[] = [];
  private readonly objective: number[] = [];
  private readonly rowNames: string[] = [];
  private readonly rowLower: number[] = [];
  private readonly rowUpper: number[] = [];
  private readonly starts: number[] = [0];
  private readonly columns: number[] = [];
  private readonly coefficients: number[] = [];
  private readonly rowOfVariable: number[] = [];
  private readonly positionOfVariable: number[] = [];

  constructor(
    private readonly direction: 'max' | 'min',
    private readonly options: {
      readonly objectiveOffset?: number;
      readonly familyUnits?: Readonly<Record<string, string>>;
    } = {},
  ) {}

  addVariable(spec: VariableSpec): number {
    if (this.indexByName.has(spec.name))
      throw new DomainError(
        'MILP.INVALID_MODEL',
        `variable ${spec.name} is defined twice`,
        `variables.${spec.name}`,
      );
    const kind = spec.kind ?? 'continuous';
    const index = this.names.length;
    this.names.push(spec.name);
    this.indexByName.set(spec.name, index);
    this.lower.push(spec.lower ?? 0);
    this.upper.push(spec.upper ?? (kind === 'binary' ? 1 : Infinity));
    this.kinds.push(VARIABLE_KIND_CODE[kind]);
    this.objective.push(spec.objective ?? 0);
    this.rowOfVariable.push(-1);
    this.positionOfVariable.push(0);
    return index;
  }

  /** The index of a variable added before; throws naming the variable when it is unknown. */
  variable(name: string): number {
    const index = this.indexByName.get(name);
    if (index === undefined)
      throw new DomainError('MILP.INVALID_MODEL', `unknown variable ${name}`, `variables.${name}`);
    return index;
  }

  /** Adds `objective` to a variable's objective coefficient. */
  addObjective(variable: number, coefficient: number): void {
    this.checkVariable(variable, 'objective');
    this.objective[variable] = this.objective[variable]! + coefficient;
  }

  /**
   * Adds a row. `terms` are `[variableIndex, coefficient]` pairs; repeated variables are summed,
   * because solvers reject a row naming a column twice.
   */
  addConstraint(
    name: string,
    terms: Iterable<readonly [number, number]>,
    bounds: ConstraintBounds,
  ): number {
    // Marks which row last named each variable and where, instead of a Map per row: the
    // decomposition's master rebuilds rows of thousands of terms every iteration.
    const row = this.rowNames.length;
    for (const [variable, coefficient] of terms) {
      this.checkVariable(variable, name);
      if (this.rowOfVariable[variable] === row) {
        const at = this.positionOfVariable[variable]!;
        this.coefficients[at] = this.coefficients[at]! + coefficient;
      } else {
        this.rowOfVariable[variable] = row;
        this.positionOfVariable[variable] = this.columns.length;
        this.columns.push(variable);
        this.coefficients.push(coefficient);
      }
    }
    this.starts.push(this.columns.length);
    this.rowNames.push(name);
    if ('eq' in bounds) {
      this.rowLower.push(bounds.eq);
      this.rowUpper.push(bounds.eq);
    } else {
      this.rowLower.push(bounds.ge ?? -Infinity);
      this.rowUpper.push(bounds.le ?? Infinity);
    }
    return this.rowNames.length - 1;
  }

  get variableCount(): number {
    return this.names.length;
  }

  /** The model, validated (see `validateMilpModel`). */
  build(): MilpModel {
    const model: MilpModel = {
      direction: this.direction,
      ...(this.options.objectiveOffset === undefined
        ? {}
        : { objectiveOffset: this.options.objectiveOffset }),
      ...(this.options.familyUnits === undefined ? {} : { familyUnits: this.options.familyUnits }),
      variables: {
        names: [...this.names],
        lower: Float64Array.from(this.lower),
        upper: Float64Array.from(this.upper),
        kinds: Uint8Array.from(this.kinds),
        objective: Float64Array.from(this.objective),
      },
      constraints: {
        names: [...this.rowNames],
        lower: Float64Array.from(this.rowLower),
        upper: Float64Array.from(this.rowUpper),
        starts: Int32Array.from(this.starts),
        columns: Int32Array.from(this.columns),
        coefficients: Float64Array.from(this.coefficients),
      },
    };
    validateMilpModel(model);
    return model;
  }

  private checkVariable(variable: number, where: string): void {
    if (!Number.isInteger(variable) || variable < 0 || variable >= this.names.length)
      throw new DomainError(
        'MILP.INVALID_MODEL',
        `${where} refers to unknown variable index ${variable}`,
        `constraints.${where}`,
      );
  }
}

// ---------------------------------------------------------------------------------------------
// Validation

const invalid = (message: string, field: string): DomainError =>
  new DomainError('MILP.INVALID_MODEL', message, field);

const checkNames = (names: readonly string[], what: string): void => {
  const seen = new Set<string>();
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME_LENGTH)
      throw invalid(
        `${what} ${i} must have a name of 1 to ${MAX_NAME_LENGTH} characters`,
        `${what}s[${i}]`,
      );
    if (seen.has(name)) throw invalid(`${what} name ${name} is used twice`, `${what}s.${name}`);
    seen.add(name);
  }
};

const checkBounds = (
  lower: Float64Array,
  upper: Float64Array,
  names: readonly string[],
  what: string,
): void => {
  if (lower.length !== names.length || upper.length !== names.length)
    throw invalid(`${what} bounds must have one entry per ${what}`, `${what}s`);
  for (let i = 0; i < names.length; i++) {
    const lo = lower[i]!;
    const up = upper[i]!;
    if (Number.isNaN(lo) || Number.isNaN(up) || lo === Infinity || up === -Infinity)
      throw invalid(
        `${what} ${names[i]} has an invalid bound [${lo}, ${up}]`,
        `${what}s.${names[i]}`,
      );
    if (lo > up)
      throw invalid(
        `${what} ${names[i]} has lower bound ${lo} above upper bound ${up}`,
        `${what}s.${names[i]}`,
      );
  }
};

/**
 * Rejects what every solver would reject or misread, naming the variable or constraint: NaN or
 * infinite coefficients, duplicate or missing names, a constraint term on an unknown variable or
 * repeating a variable, crossed bounds, a binary that cannot be 0 or 1.
 */
export const validateMilpModel = (model: MilpModel): void => {
  if (model.direction !== 'max' && model.direction !== 'min')
    throw invalid(`direction must be max or min, got ${String(model.direction)}`, 'direction');
  if (model.objectiveOffset !== undefined && !Number.isFinite(model.objectiveOffset))
    throw invalid(
      `objectiveOffset must be finite, got ${model.objectiveOffset}`,
      'objectiveOffset',
    );
  const { variables: v, constraints: c } = model;
  const n = v.names.length;
  checkNames(v.names, 'variable');
  checkBounds(v.lower, v.upper, v.names, 'variable');
  if (v.kinds.length !== n || v.objective.length !== n)
    throw invalid('variable kinds and objective must have one entry per variable', 'variables');
  for (let j = 0; j < n; j++) {
    if (!Number.isFinite(v.objective[j]!))
      throw invalid(
        `variable ${v.names[j]} has objective coefficient ${v.objective[j]}`,
        `variables.${v.names[j]}`,
      );
    const kind = v.kinds[j]!;
    if (kind > VARIABLE_KIND_CODE.binary)
      throw invalid(
        `variable ${v.names[j]} has unknown kind code ${kind}`,
        `variables.${v.names[j]}`,
      );
    if (kind === VARIABLE_KIND_CODE.binary && (v.lower[j]! > 1 || v.upper[j]! < 0))
      throw invalid(
        `binary variable ${v.names[j]} has bounds [${v.lower[j]}, ${v.upper[j]}] excluding both 0 and 1`,
        `variables.${v.names[j]}`,
      );
  }
  const m = c.names.length;
  checkNames(c.names, 'constraint');
  checkBounds(c.lower, c.upper, c.names, 'constraint');
  if (c.starts.length !== m + 1 || c.starts[0] !== 0 || c.starts[m] !== c.columns.length)
    throw invalid('constraint starts must have one entry per constraint plus one', 'constraints');
  if (c.coefficients.length !== c.columns.length)
    throw invalid('constraint columns and coefficients must have the same length', 'constraints');
  // Marks the row that last used each column, to find a column repeated within one row in O(nnz).
  const lastRow = new Int32Array(n).fill(-1);
  for (let i = 0; i < m; i++) {
    const from = c.starts[i]!;
    const to = c.starts[i + 1]!;
    if (to < from)
      throw invalid(`constraint starts decrease at ${c.names[i]}`, `constraints.${c.names[i]}`);
    for (let k = from; k < to; k++) {
      const column = c.columns[k]!;
      if (!(column >= 0 && column < n))
        throw invalid(
          `constraint ${c.names[i]} refers to unknown variable index ${column}`,
          `constraints.${c.names[i]}`,
        );
      if (!Number.isFinite(c.coefficients[k]!))
        throw invalid(
          `constraint ${c.names[i]} has coefficient ${c.coefficients[k]} on ${v.names[column]}`,
          `constraints.${c.names[i]}`,
        );
      if (lastRow[column] === i)
        throw invalid(
          `constraint ${c.names[i]} names variable ${v.names[column]} twice`,
          `constraints.${c.names[i]}`,
        );
      lastRow[column] = i;
    }
  }
};
