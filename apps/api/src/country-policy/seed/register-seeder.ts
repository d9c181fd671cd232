import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import {
  countryPolicyStream,
  CountryPolicy,
  DomainError,
  SECTION_126_1_CORRECTIONS,
  SECTION_126_1_SEED,
  seedCommand,
  type CountryStatusChangedData,
  type SeedChange,
} from '@app/domain';
import { AggregateRepository } from '@app/infra';
import { nameBasedUuid } from '../../shared/ids';

export const SEED_ACTOR = 'system:seed';

export interface SeedReport {
  readonly appended: number;
  readonly alreadyPresent: number;
  readonly skipped: ReadonlyArray<{ key: string; reason: string }>;
}

/**
 * Loads the sourced §126.1 history (docs/regulation.md), then its corrections, into the register on start-up. Each
 * seed change has a name-based event id, so a change already in the log is recognised and not appended again: a
 * second start appends nothing, and a newer seed adds only its new changes. That is how the register corrections
 * reach an existing data directory: as new events appended at its next start (the log is never edited), each
 * scheduling its re-evaluation run, which revises the pending cases whose determination it changes.
 */
@Injectable()
export class RegisterSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(RegisterSeeder.name);

  constructor(@Inject(AggregateRepository) private readonly repository: AggregateRepository) {}

  async onApplicationBootstrap(): Promise<void> {
    const report = await this.seed([...SECTION_126_1_SEED, ...SECTION_126_1_CORRECTIONS]);
    this.logger.log(`§126.1 register seed: ${report.appended} appended, ${report.alreadyPresent} already present`);
    for (const { key, reason } of report.skipped) this.logger.warn(`seed change ${key} skipped: ${reason}`);
  }

  async seed(changes: readonly SeedChange[]): Promise<SeedReport> {
    const byCountry = new Map<string, SeedChange[]>();
    for (const change of changes) {
      byCountry.set(change.change.countryCode, [...(byCountry.get(change.change.countryCode) ?? []), change]);
    }
    let appended = 0;
    let alreadyPresent = 0;
    const skipped: Array<{ key: string; reason: string }> = [];
    const correlationId = nameBasedUuid('seed-run');
    for (const [countryCode, countryChanges] of byCountry) {
      const stream = countryPolicyStream(countryCode);
      const { aggregate, events } = await this.repository.load(stream, () => new CountryPolicy(countryCode));
      // A correction names the change it supersedes by key: its version is the one its event recorded.
      const versionById = new Map(
        events.map((event) => [event.id, (event.data as unknown as CountryStatusChangedData).policyVersion]),
      );
      const versionOf = (key: string) => versionById.get(nameBasedUuid(`seed:${key}`));
      const ids: string[] = [];
      for (const change of countryChanges) {
        const id = nameBasedUuid(`seed:${change.key}`);
        if (versionById.has(id)) {
          alreadyPresent += 1;
          continue;
        }
        try {
          // A correction whose superseded change is missing is refused (DomainError) and reported as skipped.
          aggregate.recordStatusChange(seedCommand(change, versionOf));
          versionById.set(id, aggregate.state.entries.at(-1)!.policyVersion);
          ids.push(id);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          skipped.push({ key: change.key, reason: `${error.code}: ${error.message}` });
        }
      }
      if (ids.length === 0) continue;
      await this.repository.save(stream, aggregate, { actor: SEED_ACTOR, correlationId, causationId: null }, ids);
      appended += ids.length;
    }
    return { appended, alreadyPresent, skipped };
  }
}
