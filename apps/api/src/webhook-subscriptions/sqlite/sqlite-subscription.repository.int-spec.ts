import Database from 'better-sqlite3';
import { sqliteFileFixture } from '@app/infra/event-store/sqlite/testing/sqlite-file.fixture';
import { describeSubscriptionRepositoryBehaviour } from '../testing/subscription-repository.behaviour';
import { SqliteSubscriptionRepository } from './sqlite-subscription.repository';

describeSubscriptionRepositoryBehaviour('SqliteSubscriptionRepository', async () => {
  const fixture = sqliteFileFixture('subscriptions.sqlite', (file) => SqliteSubscriptionRepository.open(file));
  return {
    repository: fixture.open(),
    another: async () => fixture.open(),
    failUpdatesOf: async (id) => {
      const db = new Database(fixture.file);
      try {
        db.prepare(
          `CREATE TRIGGER refuse_updates BEFORE UPDATE ON subscriptions WHEN OLD.id = ${quote(id)}
           BEGIN SELECT RAISE(ABORT, 'updates refused by the test'); END`,
        ).run();
      } finally {
        db.close();
      }
    },
    dispose: fixture.dispose,
  };
});

function quote(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
