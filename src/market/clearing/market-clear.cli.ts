import type { ClearingResult } from '../../../domain/market/clearing/clearing-result.js';
import type { OrderBook } from '../../../domain/market/clearing/order-book.js';
import { clearPayAsClear } from '../../../domain/market/clearing/pay-as-clear.js';
import { DomainError, isDomainError } from '../../../domain/shared/domain-error.js';
import { parseCliArgs, toJson } from '../../cli/cli-args.js';
import { EXIT, type CliCommand } from '../../cli/cli-command.js';
import { readJsonObjectFile } from '../../cli/read-json-file.js';

const clearBook = (book: OrderBook): ClearingResult => {
  switch (book.mechanism) {
    case 'pay_as_clear':
      return clearPayAsClear(book);
    default:
      throw new DomainError(
        'CLEARING.MECHANISM_UNAVAILABLE',
        `mechanism "${String(book.mechanism)}" is not available; use "pay_as_clear"`,
        'mechanism',
      );
  }
};

export const marketClearCommand: CliCommand = {
  path: ['market', 'clear'],
  summary: 'clear an order book (pay_as_clear) and print the result as JSON',
  usage: `usage: gridfolio market clear --file book.json

The book: {mechanism: "pay_as_clear", products: [{id}], orders: [{id, agent, side: "sell"|"buy",
product, quantity, price}]}; quantities positive on both sides, taken as given.
Prints {products: [{id, price, clearedSupply, clearedDemand}], orders: [{id, acceptedQuantity,
acceptedPrice}], rejected: [id]}. Invalid input: exit code 2 and {error: {code, field, message}}.`,
  async run(args, io) {
    const { values } = parseCliArgs(args, { file: { type: 'string' } });
    const book = readJsonObjectFile(values.file) as unknown as OrderBook;
    try {
      io.out(toJson(clearBook(book)));
      return EXIT.ok;
    } catch (error) {
      if (!isDomainError(error)) throw error;
      const { code, field, message } = error;
      io.out(toJson({ error: { code, ...(field === undefined ? {} : { field }), message } }));
      return EXIT.badInput;
    }
  },
};
