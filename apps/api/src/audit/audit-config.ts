import { ConfigError } from '../shared/config/app-config';

/** Default period of the automatic seal: short enough that little of the log is ever unsealed. */
export const DEFAULT_SEAL_INTERVAL_SECONDS = 600;

/** `AUDIT_SEAL_INTERVAL_SECONDS`: how often the server seals the log (0 turns the periodic seal off). */
export function sealIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.AUDIT_SEAL_INTERVAL_SECONDS;
  const seconds = raw === undefined || raw === '' ? DEFAULT_SEAL_INTERVAL_SECONDS : Number(raw);
  if (!Number.isInteger(seconds) || seconds < 0) {
    throw new ConfigError(`AUDIT_SEAL_INTERVAL_SECONDS must be a whole number of seconds ≥ 0, got ${raw}`);
  }
  return seconds * 1000;
}
