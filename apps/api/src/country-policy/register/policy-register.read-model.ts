import { Inject, Injectable } from '@nestjs/common';
import {
  buildPolicySnapshot,
  COUNTRY_POLICY_CATEGORY,
  evolveCountryPolicy,
  initialCountryPolicyState,
  type CountryPolicyEvent,
  type CountryPolicyState,
  type PolicySnapshot,
} from '@app/domain';
import { toDomainEvent, type EventStore, type Position, type RecordedEvent } from '@app/infra';
import { EVENT_STORE } from '../../shared/event-store/event-store.providers';

const BATCH = 500;

export interface CountryRecord {
  readonly countryCode: string;
  readonly state: CountryPolicyState;
  /** The recorded events, for history views (recordedAt, ids, actors). */
  readonly events: readonly RecordedEvent[];
}

/**
 * The §126.1 register as a read model, folded from the `CountryPolicy` category of the global log.
 * It is small (dozens of events), so it lives in memory and catches up from its last position before
 * every read: a reader always sees every change committed before the read began.
 */
@Injectable()
export class PolicyRegisterReadModel {
  private readonly countries = new Map<string, CountryRecord>();
  private position: Position | undefined;
  /** The pass reading the log now, and the one that starts after it, shared by every caller that came meanwhile. */
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  /** The last snapshot built, reused while neither the date nor the register changed (every submission asks one). */
  private lastSnapshot: { readonly onDate: string; readonly position: Position | undefined; readonly snapshot: PolicySnapshot } | null = null;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /**
   * Catches up with the log: resolves once a pass that began after this call has folded every change committed
   * before it. Concurrent callers share passes (under load, one read of the log serves all the submissions that
   * arrived during the previous one); a failed pass fails only the callers that shared it, and the next call starts
   * again from the last folded position.
   */
  catchUp(): Promise<void> {
    if (this.queued !== null) return this.queued;
    if (this.running === null) return this.startPass();
    // The running pass may have read the log before this call: wait for it, then share the next one.
    const queued = this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.startPass();
      });
    this.queued = queued;
    return queued;
  }

  async snapshot(onDate: string): Promise<PolicySnapshot> {
    await this.catchUp();
    const last = this.lastSnapshot;
    if (last !== null && last.onDate === onDate && last.position === this.position) return last.snapshot;
    const register: Record<string, CountryPolicyState> = {};
    for (const [code, record] of this.countries) register[code] = record.state;
    const snapshot = buildPolicySnapshot(register, onDate);
    this.lastSnapshot = { onDate, position: this.position, snapshot };
    return snapshot;
  }

  async country(countryCode: string): Promise<CountryRecord | null> {
    await this.catchUp();
    return this.countries.get(countryCode) ?? null;
  }

  async all(): Promise<CountryRecord[]> {
    await this.catchUp();
    return [...this.countries.values()].sort((a, b) => a.countryCode.localeCompare(b.countryCode));
  }

  private startPass(): Promise<void> {
    const pass: Promise<void> = this.readNewEvents().finally(() => {
      if (this.running === pass) this.running = null;
    });
    this.running = pass;
    return pass;
  }

  private async readNewEvents(): Promise<void> {
    for (;;) {
      const events = await this.store.readAll({
        ...(this.position ? { after: this.position } : {}),
        limit: BATCH,
        categories: [COUNTRY_POLICY_CATEGORY],
      });
      for (const event of events) this.fold(event);
      if (events.length < BATCH) return;
    }
  }

  private fold(event: RecordedEvent): void {
    this.position = event.position;
    const countryCode = event.streamName.slice(COUNTRY_POLICY_CATEGORY.length + 1);
    const current = this.countries.get(countryCode) ?? { countryCode, state: initialCountryPolicyState, events: [] };
    this.countries.set(countryCode, {
      countryCode,
      state: evolveCountryPolicy(current.state, toDomainEvent<CountryPolicyEvent>(event)),
      events: [...current.events, event],
    });
  }
}
