import type { ClearingResult } from '../../../domain/market/clearing/clearing-result.js';
import { clearComplex } from '../../../domain/market/clearing/complex/complex-clearing.js';
import type { OrderBook } from '../../../domain/market/clearing/order-book.js';
import { clearPayAsClear } from '../../../domain/market/clearing/pay-as-clear.js';
import { DomainError, isDomainError } from '../../../domain/shared/domain-error.js';
import { parseCliArgs, toJson } from '../../cli/cli-args.js';
import { EXIT, type CliCommand } from '../../cli/cli-command.js';
import { readJsonObjectFile } from '../../cli/read-json-file.js';
import { createGlpkSolver } from '../../infrastructure/solvers/worker-milp-solver.js';

/** The complex mechanism solves MILPs: glpk.js in a worker thread, closed after the one book. */
const clearWithSolver = async (book: OrderBook): Promise<ClearingResult> => {
  const solver = createGlpkSolver();
  try {
    return (await clearComplex(book, solver)).result;
  } finally {
    await solver.close();
  }
};

const clearBook = async (book: OrderBook): Promise<ClearingResult> => {
  switch (book.mechanism) {
    case 'pay_as_clear':
      return clearPayAsClear(book);
    case 'complex':
      return clearWithSolver(book);
    default:
      throw new DomainError(
        'CLEARING.MECHANISM_UNAVAILABLE',
        `mechanism "${String(book.mechanism)}" is not available; use "pay_as_clear" or "complex"`,
        'mechanism',
      );
  }
};

export const marketClearCommand: CliCommand = {
  path: ['market', 'clear'],
  summary: 'clear an order book (pay_as_clear or complex) and print the result as JSON',
  usage: `usage: gridfolio market clear --file book.json

The book: {mechanism: "pay_as_clear"|"complex", products: [{id}], zones?: [id],
links?: [{from, to, capacity}], orders: [...]}; a simple order {id, agent, side: "sell"|"buy",
product, quantity, price, zone?, minAcceptanceRatio?}; a block order (complex only) {id, agent,
side, price, profile: {<productId>: quantity}, zone?, minAcceptanceRatio? (default 1: all or
nothing), parentId?}. Quantities positive on both sides, taken as given; link capacities hold in
both directions.
Prints {products: [{id, zone?, price, clearedSupply, clearedDemand}], flows?: [{from, to, product,
quantity}], orders: [{id, acceptedQuantity (per product for a block), acceptedPrice,
acceptanceRatio?}], rejected: [id]}. Invalid input: exit code 2 and {error: {code, field, message}};
a solver failure: exit code 1 and {error: {code: "CLEARING.SOLVE_FAILED", message}}.`,
  async run(args, io) {
    const { values } = parseCliArgs(args, { file: { type: 'string' } });
    const book = readJsonObjectFile(values.file) as unknown as OrderBook;
    try {
      io.out(toJson(await clearBook(book)));
      return EXIT.ok;
    } catch (error) {
      if (!isDomainError(error)) throw error;
      const { code, field, message } = error;
      io.out(toJson({ error: { code, ...(field === undefined ? {} : { field }), message } }));
      // A solver that failed on a valid book is not the caller's input at fault.
      return code === 'CLEARING.SOLVE_FAILED' ? EXIT.failed : EXIT.badInput;
    }
  },
};
