import { EventSourcedAggregate, mismatchedTarget } from '../kernel/event-sourced-aggregate';
import type { RecordCountryStatusChange } from './country-policy.commands';
import { decideCountryStatusChange } from './country-policy.decide';
import type { CountryPolicyEvent } from './country-policy.events';
import { evolveCountryPolicy, initialCountryPolicyState, type CountryPolicyState } from './country-policy.state';

/** One country's §126.1 entry and its history (stream `CountryPolicy-<CC>`). */
export class CountryPolicy extends EventSourcedAggregate<CountryPolicyState, CountryPolicyEvent> {
  constructor(readonly countryCode: string) {
    super(initialCountryPolicyState, evolveCountryPolicy);
  }

  recordStatusChange(command: RecordCountryStatusChange): void {
    if (command.countryCode !== this.countryCode) throw mismatchedTarget('countryCode', command.countryCode, this.countryCode);
    this.applyAll(decideCountryStatusChange(this.state, command));
  }
}
