import { describeWithPostgres } from '../../../postgres/testing/postgres-test-database';
import type { SpecifiedEvent } from '../../testing/projection-specification';
import { streamStats } from '../stream-stats.test-projection';
import { postgresProjectionSpecification } from './postgres-projection-specification';

describeWithPostgres('postgresProjectionSpecification', (database) => {
  const specification = postgresProjectionSpecification(streamStats({ categories: ['Case'] }), () => database().url);
  const opened: SpecifiedEvent = { streamName: 'Case-1', type: 'Opened', data: {} };
  const noted: SpecifiedEvent = { streamName: 'Case-1', type: 'Noted', data: {} };

  it('projects the given events, then the new ones, with revisions and positions as the log records them', async () => {
    await specification
      .given([opened, { streamName: 'Other-1', type: 'Elsewhere', data: {} }])
      .when([noted])
      .then({
        stream_stats_streams: [{ stream: 'Case-1', events: 2, last_revision: 1, types: 'Opened,Noted' }],
        // The event of category Other is not the projection's, yet it took position 2 in the log.
        stream_stats_applied: [{ position: '1' }, { position: '3' }],
      });
  });

  it("by default, works in a schema of the test server's database", async () => {
    await postgresProjectionSpecification(streamStats())
      .given([opened])
      .when([noted])
      .then({ stream_stats_streams: [{ stream: 'Case-1', events: 2, last_revision: 1 }] });
  });

  it('delivers the same event again as the same recorded event, which changes nothing', async () => {
    await specification.given([opened, noted]).when([noted]).thenNothingChanges();
  });

  it('fails when the rows differ, and takes an assertion on the database', async () => {
    await expect(
      specification.given([]).when([opened]).then({ stream_stats_streams: [{ stream: 'Case-1', events: 2 }] }),
    ).rejects.toThrow();
    await expect(specification.given([]).when([opened]).then({ no_such_table: [] })).rejects.toThrow(/owns no table no_such_table/);
    await specification
      .given([])
      .when([opened])
      .then(async (db) => {
        const { rows } = await db.query('SELECT count(*)::int AS n FROM stream_stats_applied');
        expect(rows).toEqual([{ n: 1 }]);
      });
    await expect(specification.given([opened]).when([noted]).thenNothingChanges()).rejects.toThrow();
  });
});
