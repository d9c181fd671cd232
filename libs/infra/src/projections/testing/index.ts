/** Test support for projections: given/when/then specifications over an in-memory read-model database. */
export * from './projection-specification';
