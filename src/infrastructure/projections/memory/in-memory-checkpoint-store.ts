import type { CheckpointStore } from '../projection.js';

/**
 * Checkpoints for read models kept in process memory: they must be forgotten with the model, or a
 * restarted process would skip the history its empty model never saw. So every start replays.
 */
export class InMemoryCheckpointStore implements CheckpointStore {
  private readonly positions = new Map<string, bigint>();

  load(name: string): Promise<bigint | undefined> {
    return Promise.resolve(this.positions.get(name));
  }

  async commit(name: string, position: bigint, apply: () => void | Promise<void>): Promise<void> {
    await apply();
    this.positions.set(name, position);
  }

  async reset(name: string, dropState: () => void | Promise<void>): Promise<void> {
    await dropState();
    this.positions.delete(name);
  }
}
