import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';

/** Facts about the machine, as flat JSON keys: benchmark figures mean little without them. */
export interface MachineFacts {
  readonly [key: string]: string | number;
  readonly machineCpuModel: string;
  readonly machineCores: number;
  readonly machineMemoryMiB: number;
  readonly nodeVersion: string;
}

export const machineFacts = (): MachineFacts => ({
  machineCpuModel: cpuModel(),
  machineCores: availableParallelism(),
  machineMemoryMiB: Math.round(totalmem() / 2 ** 20),
  nodeVersion: process.version,
});

/** The 1, 5 and 15 minute load averages: other work on a shared machine skews every figure. */
export const loadAverages = (): [number, number, number] => {
  const [one = 0, five = 0, fifteen = 0] = loadavg().map((load) => Math.round(load * 100) / 100);
  return [one, five, fifteen];
};

// /proc/cpuinfo is Linux only; os.cpus() names the model too but is sometimes empty in VMs.
const cpuModel = (): string => {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (match?.[1] !== undefined) return match[1].trim();
  } catch {
    // not Linux: fall through
  }
  return 'unknown';
};
