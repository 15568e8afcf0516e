/**
 * Wall seconds of `work` on the monotonic clock, and the process's CPU seconds meanwhile: on a
 * shared, loaded machine the CPU figure shows the work done when the wall figure is inflated.
 */
export const timed = async (
  work: () => Promise<void>,
): Promise<{ seconds: number; cpuSeconds: number }> => {
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  await work();
  const cpu = process.cpuUsage(cpuStart);
  return {
    seconds: Number(process.hrtime.bigint() - start) / 1e9,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
};
