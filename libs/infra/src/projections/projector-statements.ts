import type Database from 'better-sqlite3';

/** The projector's own statements (checkpoints, log identity), prepared once per connection. */
export function prepareProjectorStatements(db: Database.Database) {
  return {
    checkpoint: db.prepare<[string], { position: string }>('SELECT position FROM projection_checkpoints WHERE projection = ?'),
    saveCheckpoint: db.prepare<[string, string, string]>(
      `INSERT INTO projection_checkpoints (projection, position, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (projection) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
    ),
    deleteCheckpoint: db.prepare<[string]>('DELETE FROM projection_checkpoints WHERE projection = ?'),
    projectedLog: db.prepare<[], { log_id: string }>('SELECT log_id FROM projected_log WHERE singleton = 1'),
    saveProjectedLog: db.prepare<[string, string]>(
      `INSERT INTO projected_log (singleton, log_id, recorded_at) VALUES (1, ?, ?)
       ON CONFLICT (singleton) DO UPDATE SET log_id = excluded.log_id, recorded_at = excluded.recorded_at`,
    ),
  };
}

export type ProjectorStatements = ReturnType<typeof prepareProjectorStatements>;
