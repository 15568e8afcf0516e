import { describe, expect, it } from '@jest/globals';
import { ProgressBar, type ProgressSink } from '../../../src/cli/progress-bar.js';

const recording = (isTty: boolean, columns?: number) => {
  const written: string[] = [];
  const sink: ProgressSink = {
    write: (text) => written.push(text),
    isTty,
    ...(columns === undefined ? {} : { columns }),
  };
  return { sink, written };
};

describe('ProgressBar', () => {
  it('without a terminal prints a plain line every 10 %, and the last state once', () => {
    const { sink, written } = recording(false);
    const bar = new ProgressBar(sink, { label: 'backtest pv', total: 200, unit: 'days' });
    for (let done = 0; done <= 200; done++) bar.update(done);
    bar.finish();
    expect(written).toHaveLength(11);
    expect(written[0]).toBe('backtest pv: 0/200 days (0%)\n');
    expect(written[1]).toBe('backtest pv: 20/200 days (10%)\n');
    expect(written[10]).toBe('backtest pv: 200/200 days (100%)\n');
  });

  it('on a terminal redraws one line in place, at most every redrawMs, always drawing the end', () => {
    const { sink, written } = recording(true);
    let now = 0;
    const bar = new ProgressBar(sink, { label: 'bt', total: 4, redrawMs: 100, now: () => now });
    bar.update(1); // drawn (first)
    now = 50;
    bar.update(2); // too soon: skipped
    now = 150;
    bar.update(3); // drawn
    now = 160;
    bar.update(4); // the end: drawn however soon, and not again by finish()
    bar.finish();
    expect(written.every((text) => text.startsWith('\r') || text === '\n')).toBe(true);
    expect(written.filter((text) => text.startsWith('\r'))).toHaveLength(3);
    expect(written[0]).toContain('1/4');
    expect(written[1]).toContain('3/4');
    expect(written[2]).toBe(`\rbt [${'#'.repeat(30)}] 100% 4/4`);
    expect(written.at(-1)).toBe('\n');
  });

  it('fits the line to the terminal width and ignores updates after finish', () => {
    const { sink, written } = recording(true, 20);
    const bar = new ProgressBar(sink, { label: 'a long label', total: 10 });
    bar.update(5);
    bar.finish();
    bar.update(6);
    expect(written.filter((text) => text.startsWith('\r')).every((text) => text.length <= 20)).toBe(
      true,
    );
    expect(written.join('')).not.toContain('6/10');
  });

  it('a zero total is complete at once', () => {
    const { sink, written } = recording(false);
    const bar = new ProgressBar(sink, { label: 'x', total: 0 });
    bar.update(0);
    bar.finish();
    expect(written).toEqual(['x: 0/0 (100%)\n']);
  });
});
