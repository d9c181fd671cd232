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
  private catchingUp: Promise<void> = Promise.resolve();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /**
   * Catches up with the log. Passes are serialised; a failed pass (the store was unavailable) fails only
   * its own callers, and the next call starts again from the last folded position.
   */
  catchUp(): Promise<void> {
    const pass = this.catchingUp.catch(() => undefined).then(() => this.readNewEvents());
    this.catchingUp = pass;
    return pass;
  }

  async snapshot(onDate: string): Promise<PolicySnapshot> {
    await this.catchUp();
    const register: Record<string, CountryPolicyState> = {};
    for (const [code, record] of this.countries) register[code] = record.state;
    return buildPolicySnapshot(register, onDate);
  }

  async country(countryCode: string): Promise<CountryRecord | null> {
    await this.catchUp();
    return this.countries.get(countryCode) ?? null;
  }

  async all(): Promise<CountryRecord[]> {
    await this.catchUp();
    return [...this.countries.values()].sort((a, b) => a.countryCode.localeCompare(b.countryCode));
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
