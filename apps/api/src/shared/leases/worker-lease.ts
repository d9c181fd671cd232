import type { Logger } from '@nestjs/common';
import type { WorkerLeases } from '@app/infra';

/**
 * One worker's lease, as the worker sees it: {@link hold} at each tick (takes it, or renews it), {@link held} between
 * steps of a long tick. While held it is renewed in the background every `renewEveryMs`, so the holder keeps it
 * between ticks and through a long run; a renewal that fails marks it lost, and the worker stops after its current
 * step. Taking and losing it are logged, so an operator (or a test) can tell which instance works.
 */
export class WorkerLease {
  private holding = false;
  private renewal: NodeJS.Timeout | null = null;
  private lastError: string | null = null;
  private stopped = false;

  constructor(
    private readonly leases: WorkerLeases,
    readonly name: string,
    private readonly logger: Logger,
  ) {}

  /** Whether this instance held the lease at its last try or renewal. */
  get held(): boolean {
    return this.holding;
  }

  /** Takes or renews the lease; answers whether this instance holds it. */
  async hold(): Promise<boolean> {
    if (this.stopped) return false;
    let holds: boolean;
    try {
      holds = await this.leases.hold(this.name);
      this.lastError = null;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (message !== this.lastError) this.logger.error(`Worker lease "${this.name}" could not be taken or renewed: ${message}`);
      this.lastError = message;
      holds = false;
    }
    if (this.stopped) return false;
    this.changeTo(holds);
    return holds;
  }

  /** Stops renewing and gives the lease up (at shutdown, once the worker has stopped). */
  async release(): Promise<void> {
    this.stopped = true;
    this.stopRenewing();
    if (this.holding) this.logger.log(`Released the worker lease "${this.name}" (instance ${this.leases.instanceId})`);
    this.holding = false;
    await this.leases.release(this.name);
  }

  private changeTo(holds: boolean): void {
    if (holds && !this.holding) {
      this.logger.log({ message: `Holding the worker lease "${this.name}" (instance ${this.leases.instanceId})`, lease: this.name, instance: this.leases.instanceId });
      this.renewal = setInterval(() => void this.hold(), this.leases.renewEveryMs);
      this.renewal.unref();
    }
    if (!holds && this.holding) {
      this.logger.warn({ message: `Lost the worker lease "${this.name}" (instance ${this.leases.instanceId})`, lease: this.name, instance: this.leases.instanceId });
      this.stopRenewing();
    }
    this.holding = holds;
  }

  private stopRenewing(): void {
    if (this.renewal !== null) clearInterval(this.renewal);
    this.renewal = null;
  }
}
