import { Injectable } from '@nestjs/common';
import { Metrics, unixSeconds } from '../../shared/metrics/metrics.service';

/** The licence expiry scheduler's runs, for GET /metrics (alert when the last success is older than a few minutes). */
@Injectable()
export class LicenceExpiryMetrics {
  private readonly runs;
  private readonly expired;
  private readonly lastRun;
  private readonly lastSuccess;

  constructor(metrics: Metrics) {
    this.runs = metrics.counter({ name: 'lcm_licence_expiry_runs_total', help: 'Licence expiry runs by result', labelNames: ['result'] as const });
    this.expired = metrics.counter({ name: 'lcm_licences_expired_total', help: 'Licences the scheduler expired' });
    this.lastRun = metrics.gauge({ name: 'lcm_licence_expiry_last_run_timestamp_seconds', help: 'When the last licence expiry run ended (Unix time)' });
    this.lastSuccess = metrics.gauge({
      name: 'lcm_licence_expiry_last_success_timestamp_seconds',
      help: 'When a licence expiry run last ended without error (Unix time)',
    });
    for (const result of ['ok', 'failed']) this.runs.inc({ result }, 0);
  }

  succeeded(expired: number): void {
    const now = unixSeconds();
    this.runs.inc({ result: 'ok' });
    this.expired.inc(expired);
    this.lastRun.set(now);
    this.lastSuccess.set(now);
  }

  failed(): void {
    this.runs.inc({ result: 'failed' });
    this.lastRun.set(unixSeconds());
  }
}
