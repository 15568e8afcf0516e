import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { runGridfolio } from '../support/run-gridfolio.js';

interface Listed {
  readonly path: readonly string[];
  readonly summary: string;
  readonly loaded: { readonly path: readonly string[]; readonly summary: string };
}

/**
 * Loads every command of the compiled CLI (dist/, as bin/gridfolio.js runs it) in a child
 * process: what `--help` lists without loading anything next to what each module declares.
 */
const listCommands = (): Promise<Listed[]> => {
  const index = join(process.cwd(), 'dist', 'src', 'cli', 'commands', 'index.js');
  const script = `
    const { cliCommands } = await import(${JSON.stringify(index)});
    const listed = [];
    for (const entry of cliCommands) {
      const { path, summary } = await entry.load();
      listed.push({ path: entry.path, summary: entry.summary, loaded: { path, summary } });
    }
    process.stdout.write(JSON.stringify(listed));`;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', script],
      { timeout: 60_000 },
      (error, stdout) => (error === null ? resolve(JSON.parse(stdout) as Listed[]) : reject(error)),
    );
  });
};

describe('the gridfolio command list', () => {
  it('lists each command with the words and summary its own module gives it, once', async () => {
    const listed = await listCommands();

    expect(listed.length).toBeGreaterThan(0);
    for (const { path, summary, loaded } of listed) expect({ path, summary }).toEqual(loaded);
    const words = listed.map(({ path }) => path.join(' '));
    expect(new Set(words).size).toBe(words.length);
  });

  it('prints the list and a chosen command’s usage', async () => {
    const help = await runGridfolio(['--help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^ {2}audit verify {13}check the hash chains/m);

    const usage = await runGridfolio(['bid', 'show', '--help'], {});
    expect(usage.code).toBe(0);
    expect(usage.stdout).toMatch(/^usage: gridfolio bid show /);

    const unknown = await runGridfolio(['bid', 'nope'], {});
    expect(unknown.code).toBe(2);
  });
});
