/**
 * The clearing benchmark (issue 6): pay-as-clear of 96 products x 10,000 orders each, the
 * 15-minute products of a day, through the same engine the simulated exchange uses.
 * Run: `npm run bench:clearing`; figures in bench/results/clearing.json.
 */
import { clearPayAsClear } from '../domain/market/clearing/pay-as-clear.js';
import { payAsClearBook } from './clearing/clearing-book.js';
import { formatTable, writeResults } from './support/bench-report.js';
import { loadAverages, machineFacts } from './support/machine-facts.js';
import { collectGarbage, median, timeOf } from './support/measure.js';

const PRODUCTS = 96;
const ORDERS_PER_PRODUCT = 10_000;
const RUNS = 5;
const TARGET_SECONDS = 1;

const main = async (): Promise<void> => {
  const machine = machineFacts();
  const loadBefore = loadAverages();
  console.log(
    `clearing benchmark: ${machine.machineCpuModel}, ${machine.machineCores} cores, Node ${machine.nodeVersion}, load ${loadBefore.join(' ')}`,
  );
  const book = payAsClearBook(PRODUCTS, ORDERS_PER_PRODUCT, 'bench-clearing');
  const seconds: number[] = [];
  const cpuSeconds: number[] = [];
  let traded = 0;
  for (let run = 0; run < RUNS; run++) {
    collectGarbage();
    const timing = await timeOf(async () => {
      const result = clearPayAsClear(book);
      traded = result.products.reduce((sum, p) => sum + p.clearedSupply, 0);
    });
    seconds.push(timing.seconds);
    cpuSeconds.push(timing.cpuSeconds);
    console.log(`  pay-as-clear run ${run + 1}/${RUNS}: ${timing.seconds.toFixed(3)} s`);
  }
  const medianSeconds = median(seconds);
  console.log(
    formatTable([
      {
        label: `pay-as-clear, ${PRODUCTS} products x ${ORDERS_PER_PRODUCT.toLocaleString('en-US')} orders (median of ${RUNS})`,
        value: medianSeconds,
        unit: 's',
        targetAtMost: TARGET_SECONDS,
      },
      {
        label: 'orders cleared per second',
        value: Math.round((PRODUCTS * ORDERS_PER_PRODUCT) / medianSeconds),
        unit: 'orders/s',
      },
    ]),
  );
  const path = writeResults('clearing', {
    payAsClearProducts: PRODUCTS,
    payAsClearOrdersPerProduct: ORDERS_PER_PRODUCT,
    payAsClearMedianSeconds: medianSeconds,
    payAsClearMedianCpuSeconds: median(cpuSeconds),
    payAsClearTargetSeconds: TARGET_SECONDS,
    payAsClearMet: medianSeconds <= TARGET_SECONDS,
    payAsClearTradedQuantity: traded,
    ...machine,
    loadBefore: loadBefore.join(' '),
    loadAfter: loadAverages().join(' '),
    date: new Date().toISOString(),
  });
  console.log(`figures written to ${path}`);
};

await main();
