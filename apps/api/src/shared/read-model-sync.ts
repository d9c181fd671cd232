/**
 * Read-your-writes: a command that appended at `position` waits until the projections have passed it, so
 * a list or dashboard read right after the command's answer reflects the command.
 */
export const READ_MODEL_SYNC = Symbol('READ_MODEL_SYNC');

export interface ReadModelSync {
  waitForPosition(position: string): Promise<void>;
}
