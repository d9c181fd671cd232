import { EventSourcedAggregate, mismatchedTarget } from '../kernel/event-sourced-aggregate';
import {
  decideCompleteReevaluation,
  decideRecordBatch,
  decideRecordLateCatches,
  decideStartReevaluation,
  type CompleteReevaluation,
  type RecordReevaluationBatch,
  type StartReevaluation,
} from './reevaluation-run.decide';
import type { ReevaluationRunEvent } from './reevaluation-run.events';
import {
  evolveReevaluationRun,
  initialReevaluationRunState,
  type ReevaluationRunState,
} from './reevaluation-run.state';

/**
 * One re-evaluation run (stream `Reevaluation-<uuid>`): the durable state of the process manager for one change.
 * Its events say which cases it has accounted for, so a run resumed after a crash continues after its cursor.
 */
export class ReevaluationRun extends EventSourcedAggregate<ReevaluationRunState, ReevaluationRunEvent> {
  constructor(readonly id: string) {
    super(initialReevaluationRunState, evolveReevaluationRun);
  }

  start(command: StartReevaluation): void {
    this.target(command);
    this.applyAll(decideStartReevaluation(this.state, command));
  }

  recordBatch(command: RecordReevaluationBatch): void {
    this.target(command);
    this.applyAll(decideRecordBatch(this.state, command));
  }

  recordLateCatches(command: RecordReevaluationBatch): void {
    this.target(command);
    this.applyAll(decideRecordLateCatches(this.state, command));
  }

  complete(command: CompleteReevaluation): void {
    this.target(command);
    this.applyAll(decideCompleteReevaluation(this.state, command));
  }

  /** A command addressed to another run is a caller's mistake, refused before anything is decided. */
  private target(command: { readonly reevaluationId: string }): void {
    if (command.reevaluationId !== this.id) throw mismatchedTarget('reevaluationId', command.reevaluationId, this.id);
  }
}
