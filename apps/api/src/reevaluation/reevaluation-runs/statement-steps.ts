/*
 * One write, two databases: a projection's write is written once as a generator that yields named statement calls
 * and receives their answers. SQLite runs it synchronously with prepared statements (inside the projector's
 * transaction, which cannot await); PostgreSQL awaits each call on the transaction's client. The decisions (what to
 * insert, cancel, mark) live only in the generator.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any function signature; only its parameters and result matter
type Statement = (...args: any[]) => unknown;

/** The statements of a write, named: each database implements them (see {@link AsyncStatements}). */
export type StatementSet<S> = { [K in keyof S]: Statement };

/** One call a write asks for. */
export type StatementCall<S extends StatementSet<S>> = { [K in keyof S]: { readonly name: K; readonly args: Parameters<S[K]> } }[keyof S];

/** A write (or part of one) as the calls it makes, answering `T` when done. */
export type Steps<S extends StatementSet<S>, T = void> = Generator<StatementCall<S>, T, unknown>;

/** The same statements answered asynchronously (PostgreSQL). */
export type AsyncStatements<S extends StatementSet<S>> = {
  [K in keyof S]: (...args: Parameters<S[K]>) => Promise<Awaited<ReturnType<S[K]>>>;
};

/** `yield* statement('name', …args)` inside a write: one call, typed by its statement's signature. */
export function statementsOf<S extends StatementSet<S>>() {
  return function* statement<K extends keyof S>(name: K, ...args: Parameters<S[K]>): Generator<StatementCall<S>, ReturnType<S[K]>, unknown> {
    // The runner answers each call with its statement's result: the cast restates that pairing.
    return (yield { name, args } as StatementCall<S>) as ReturnType<S[K]>;
  };
}

function invoke<S extends StatementSet<S>>(statements: S | AsyncStatements<S>, call: StatementCall<S>): unknown {
  return (statements[call.name] as Statement)(...(call.args as unknown[]));
}

/** Runs a write synchronously (SQLite's prepared statements). */
export function runSteps<S extends StatementSet<S>, T>(steps: Steps<S, T>, statements: S): T {
  let next = steps.next();
  while (next.done !== true) next = steps.next(invoke(statements, next.value));
  return next.value;
}

/** Runs a write awaiting each statement, in order (PostgreSQL, on one transaction's client). */
export async function runStepsAsync<S extends StatementSet<S>, T>(steps: Steps<S, T>, statements: AsyncStatements<S>): Promise<T> {
  let next = steps.next();
  while (next.done !== true) next = steps.next(await invoke(statements, next.value));
  return next.value;
}
