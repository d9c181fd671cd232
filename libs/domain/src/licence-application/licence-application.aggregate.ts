import { EventSourcedAggregate, mismatchedTarget } from '../kernel/event-sourced-aggregate';
import { decideApprove } from './licence-application.approve.decide';
import { decideAssign } from './licence-application.assign.decide';
import { decideDeny, decideReturnWithoutAction, decideWithdraw } from './licence-application.close.decide';
import type {
  AnswerReferral,
  ApproveLicence,
  AssignCase,
  DenyLicence,
  ExpireLicence,
  ReevaluateCase,
  ReferCase,
  ReturnWithoutAction,
  RevokeLicence,
  SubmitLicenceApplication,
  SuspendLicence,
  WithdrawApplication,
} from './licence-application.commands';
import { decideSubmit } from './licence-application.decide';
import type { LicenceApplicationEvent } from './licence-application.events';
import { decideExpire, decideRevoke, decideSuspend } from './licence-application.licence.decide';
import { decideAnswerReferral, decideRefer } from './licence-application.referral.decide';
import { decideReevaluation, type ReevaluationOutcome } from './licence-application.reevaluate.decide';
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
    this.target(command);
    this.applyAll(decideSubmit(this.state, command));
  }

  assign(command: AssignCase): void {
    this.target(command);
    this.applyAll(decideAssign(this.state, command));
  }

  refer(command: ReferCase): void {
    this.target(command);
    this.applyAll(decideRefer(this.state, command));
  }

  answerReferral(command: AnswerReferral): void {
    this.target(command);
    this.applyAll(decideAnswerReferral(this.state, command));
  }

  approve(command: ApproveLicence): void {
    this.target(command);
    this.applyAll(decideApprove(this.state, command));
  }

  deny(command: DenyLicence): void {
    this.target(command);
    this.applyAll(decideDeny(this.state, command));
  }

  returnWithoutAction(command: ReturnWithoutAction): void {
    this.target(command);
    this.applyAll(decideReturnWithoutAction(this.state, command));
  }

  withdraw(command: WithdrawApplication): void {
    this.target(command);
    this.applyAll(decideWithdraw(this.state, command));
  }

  suspend(command: SuspendLicence): void {
    this.target(command);
    this.applyAll(decideSuspend(this.state, command));
  }

  revoke(command: RevokeLicence): void {
    this.target(command);
    this.applyAll(decideRevoke(this.state, command));
  }

  expire(command: ExpireLicence): void {
    this.target(command);
    this.applyAll(decideExpire(this.state, command));
  }

  /** Re-determines the case after a §126.1 change; answers what the run should account for it. */
  reevaluate(command: ReevaluateCase): ReevaluationOutcome {
    this.target(command);
    const decision = decideReevaluation(this.state, command);
    this.applyAll(decision.events);
    return decision.outcome;
  }

  /** A command addressed to another case is a caller's mistake, refused before anything is decided. */
  private target(command: { readonly applicationId: string }): void {
    if (command.applicationId !== this.id) throw mismatchedTarget('applicationId', command.applicationId, this.id);
  }
}
