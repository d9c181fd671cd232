import { Injectable } from '@nestjs/common';
import { REEVALUATION_OUTCOMES, type ReevaluatedCase } from '@app/domain';
import { LATENCY_BUCKETS_SECONDS, Metrics, unixSeconds } from '../../shared/metrics/metrics.service';

/** What the process manager and its runs did, for GET /metrics. Labels are fixed enumerations only. */
@Injectable()
export class ReevaluationMetrics {
  private readonly runs;
  private readonly cases;
  private readonly outcomes;
  private readonly batchDuration;
  private readonly ticks;
  private readonly lastTick;

  constructor(metrics: Metrics) {
    this.runs = metrics.counter({
      name: 'lcm_reevaluation_runs_total',
      help: 'Re-evaluation runs by status reached in this process (started, completed, interrupted by shutdown)',
      labelNames: ['status'] as const,
    });
    this.cases = metrics.counter({ name: 'lcm_reevaluation_cases_processed_total', help: 'Cases re-evaluated and recorded in a run batch' });
    this.outcomes = metrics.counter({
      name: 'lcm_reevaluation_case_outcomes_total',
      help: 'Re-evaluated cases by outcome',
      labelNames: ['outcome'] as const,
    });
    this.batchDuration = metrics.histogram({
      name: 'lcm_reevaluation_batch_duration_seconds',
      help: 'Time to re-evaluate and record one batch of cases',
      buckets: [...LATENCY_BUCKETS_SECONDS, 30, 60],
    });
    this.ticks = metrics.counter({ name: 'lcm_reevaluation_ticks_total', help: 'Process manager ticks by result', labelNames: ['result'] as const });
    this.lastTick = metrics.gauge({
      name: 'lcm_reevaluation_last_success_timestamp_seconds',
      help: 'When a process manager tick last completed without error (Unix time)',
    });
    for (const outcome of REEVALUATION_OUTCOMES) this.outcomes.inc({ outcome }, 0);
    for (const status of ['started', 'completed', 'interrupted']) this.runs.inc({ status }, 0);
  }

  runStarted(): void {
    this.runs.inc({ status: 'started' });
  }

  runCompleted(): void {
    this.runs.inc({ status: 'completed' });
  }

  runInterrupted(): void {
    this.runs.inc({ status: 'interrupted' });
  }

  /** Starts timing a batch; the returned function records it with its cases. */
  batchStarted(): (cases: readonly ReevaluatedCase[]) => void {
    const end = this.batchDuration.startTimer();
    return (cases) => {
      end();
      this.cases.inc(cases.length);
      for (const { outcome } of cases) this.outcomes.inc({ outcome });
    };
  }

  tickSucceeded(): void {
    this.ticks.inc({ result: 'ok' });
    this.lastTick.set(unixSeconds());
  }

  tickFailed(): void {
    this.ticks.inc({ result: 'failed' });
  }
}
