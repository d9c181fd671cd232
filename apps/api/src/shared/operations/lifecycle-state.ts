import { Injectable } from '@nestjs/common';

/** Where the process is in its life, for readiness: serving only between start-up and shutdown. */
@Injectable()
export class LifecycleState {
  private startedAt: Date | null = null;
  private shutdownAt: Date | null = null;

  /** Start-up is complete: the stores are open and migrated, the register seeded, the read models caught up once. */
  markStarted(): void {
    this.startedAt ??= new Date();
  }

  /** A shutdown signal arrived: stop taking new work. */
  markShuttingDown(): void {
    this.shutdownAt ??= new Date();
  }

  get started(): boolean {
    return this.startedAt !== null;
  }

  get shuttingDown(): boolean {
    return this.shutdownAt !== null;
  }
}
