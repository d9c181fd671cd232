import { EventSourcedAggregate, mismatchedTarget } from '../shared/event-sourced-aggregate';
import type { SubmitLicenceApplication } from './licence-application.commands';
import { decideSubmit } from './licence-application.decide';
import type { LicenceApplicationEvent } from './licence-application.events';
import {
  evolveLicenceApplication,
  initialLicenceApplicationState,
  type LicenceApplicationState,
} from './licence-application.state';

/** One licence application (case). Decisions are the pure `decide*` functions; this class sequences them. */
export class LicenceApplication extends EventSourcedAggregate<LicenceApplicationState, LicenceApplicationEvent> {
  constructor(readonly id: string) {
    super(initialLicenceApplicationState, evolveLicenceApplication);
  }

  submit(command: SubmitLicenceApplication): void {
    if (command.applicationId !== this.id) throw mismatchedTarget('applicationId', command.applicationId, this.id);
    this.applyAll(decideSubmit(this.state, command));
  }
}
