/**
 * Small dense least-squares solvers for the per-hour SMP regression. The systems have a handful of
 * unknowns and under a few hundred rows, so normal equations solved by Gaussian elimination with
 * partial pivoting are exact enough and far cheaper than a QR decomposition per fit.
 */

// Module-level aliases of the globals used in hot loops: inside a Node vm context (Jest runs
// tests in one) every global lookup goes through the context's interceptors and costs several
// times more than a module constant (measured: the backtest ran ~8x slower under Jest).
const abs = Math.abs;
const max = Math.max;
const isMissing = Number.isNaN;
const isFiniteNumber = Number.isFinite;

/**
 * Rows as one flat array: `values[row * width + column]`. A row whose target is NaN is skipped, so
 * a caller can hand over a contiguous run of days with gaps in it without copying.
 */
export interface DesignMatrix {
  readonly rows: number;
  readonly width: number;
  readonly values: Float64Array;
}

/**
 * Minimises sum_i w_i (y_i - x_i·beta)^2 + ridge * sum_{j>=1} beta_j^2 (column 0 is the intercept and
 * is not shrunk) over the rows with a finite target. The tiny ridge keeps the system solvable when a
 * dummy column is constant inside the window (e.g. no holiday in it). Returns undefined when the
 * system is still singular.
 */
export const solveWeightedLeastSquares = (
  design: DesignMatrix,
  target: Float64Array,
  weights: Float64Array | undefined,
  ridge: number,
): Float64Array | undefined => {
  const { rows, width, values } = design;
  const stride = width + 1;
  // Augmented normal equations [X'WX | X'Wy], upper triangle accumulated then mirrored.
  const system = new Float64Array(width * stride);
  for (let i = 0; i < rows; i++) {
    const y = target[i] ?? Number.NaN;
    const weight = weights === undefined ? 1 : (weights[i] ?? 0);
    if (isMissing(y) || weight === 0) continue;
    const base = i * width;
    for (let a = 0; a < width; a++) {
      const xa = (values[base + a] ?? 0) * weight;
      const rowOffset = a * stride;
      system[rowOffset + width] = (system[rowOffset + width] ?? 0) + xa * y;
      for (let b = a; b < width; b++)
        system[rowOffset + b] = (system[rowOffset + b] ?? 0) + xa * (values[base + b] ?? 0);
    }
  }
  for (let a = 0; a < width; a++) {
    for (let b = 0; b < a; b++) system[a * stride + b] = system[b * stride + a] ?? 0;
    if (a > 0) system[a * stride + a] = (system[a * stride + a] ?? 0) + ridge;
  }
  return gaussianElimination(system, width);
};

const gaussianElimination = (system: Float64Array, size: number): Float64Array | undefined => {
  const stride = size + 1;
  const at = (row: number, column: number): number => system[row * stride + column] ?? 0;
  for (let pivotRow = 0; pivotRow < size; pivotRow++) {
    let best = pivotRow;
    for (let row = pivotRow + 1; row < size; row++)
      if (abs(at(row, pivotRow)) > abs(at(best, pivotRow))) best = row;
    const pivot = at(best, pivotRow);
    if (!isFiniteNumber(pivot) || abs(pivot) < 1e-12) return undefined;
    if (best !== pivotRow)
      for (let column = 0; column <= size; column++) {
        const held = at(pivotRow, column);
        system[pivotRow * stride + column] = at(best, column);
        system[best * stride + column] = held;
      }
    for (let row = pivotRow + 1; row < size; row++) {
      const factor = at(row, pivotRow) / pivot;
      if (factor === 0) continue;
      for (let column = pivotRow; column <= size; column++)
        system[row * stride + column] = at(row, column) - factor * at(pivotRow, column);
    }
  }
  const solution = new Float64Array(size);
  for (let row = size - 1; row >= 0; row--) {
    let sum = at(row, size);
    for (let column = row + 1; column < size; column++)
      sum -= at(row, column) * (solution[column] ?? 0);
    solution[row] = sum / at(row, row);
  }
  return solution.every(isFiniteNumber) ? solution : undefined;
};

export const predictRow = (
  coefficients: Float64Array,
  design: DesignMatrix,
  row: number,
): number => {
  let sum = 0;
  const base = row * design.width;
  for (let j = 0; j < design.width; j++)
    sum += (coefficients[j] ?? 0) * (design.values[base + j] ?? 0);
  return sum;
};

export interface LeastAbsoluteOptions {
  readonly iterations: number;
  /** Residuals smaller than this count as this size, so that a perfect fit does not divide by 0. */
  readonly epsilon: number;
  readonly ridge: number;
}

/**
 * Least absolute deviations by iteratively reweighted least squares (weights 1 / |residual|),
 * started from ordinary least squares. MAE is the metric the forecast is judged on, and the L1
 * fit is not dragged by the price spikes that an L2 fit chases.
 */
export const solveLeastAbsolute = (
  design: DesignMatrix,
  target: Float64Array,
  options: LeastAbsoluteOptions,
): Float64Array | undefined => {
  let coefficients = solveWeightedLeastSquares(design, target, undefined, options.ridge);
  if (coefficients === undefined) return undefined;
  const weights = new Float64Array(design.rows);
  for (let iteration = 0; iteration < options.iterations; iteration++) {
    for (let i = 0; i < design.rows; i++) {
      const residual = abs((target[i] ?? 0) - predictRow(coefficients, design, i));
      weights[i] = 1 / max(residual, options.epsilon);
    }
    const next = solveWeightedLeastSquares(design, target, weights, options.ridge);
    if (next === undefined) break;
    coefficients = next;
  }
  return coefficients;
};
