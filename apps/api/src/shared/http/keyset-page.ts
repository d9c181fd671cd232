import { ProblemException } from './problem';

/*
 * Keyset pagination shared by every list: a page is read with `limit + 1` rows (the extra row only says whether
 * there is a next page), and `nextCursor` is an opaque token, base64url of a small JSON array holding the last
 * item's sort key. Each list validates the array's contents itself.
 */

const BASE64URL = /^[A-Za-z0-9_-]{1,400}$/;

/** 400 INVALID_CURSOR: the token is not a nextCursor this endpoint issued. */
export function invalidCursor(): ProblemException {
  return new ProblemException(
    400,
    'INVALID_CURSOR',
    'Invalid cursor',
    'cursor must be a nextCursor returned by this endpoint; start again without a cursor',
  );
}

export function encodeOpaqueCursor(parts: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

/** The array a cursor carries. @throws ProblemException 400 INVALID_CURSOR when it is not one this API encodes. */
export function decodeOpaqueCursor(token: string): unknown[] {
  if (!BASE64URL.test(token)) throw invalidCursor();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(decoded)) throw invalidCursor();
  return decoded;
}

/** A page from rows read with `limit + 1`: the first `limit` as items, and the cursor after the last of them. */
export function keysetPage<TRow, TItem>(
  rows: readonly TRow[],
  limit: number,
  toItem: (row: TRow) => TItem,
  cursorAfter: (row: TRow) => string,
): { items: TItem[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(toItem), nextCursor: rows.length > limit && last !== undefined ? cursorAfter(last) : null };
}
