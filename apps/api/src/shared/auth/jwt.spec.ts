import jwt from 'jsonwebtoken';
import { InvalidTokenError, mintToken, verificationKey, verifyToken } from './jwt';

const SECRET = 'a-test-secret-of-at-least-thirty-two-bytes';

describe('verifyToken with the key made once from the secret', () => {
  const key = verificationKey(SECRET);
  const token = (secret = SECRET) => mintToken(secret, { sub: 'alice', roles: ['intake', 'auditor'] });

  it('accepts a token signed with the secret, as the string itself does', () => {
    const fresh = token();
    expect(verifyToken(fresh, key, new Date())).toEqual({ sub: 'alice', roles: ['intake', 'auditor'] });
    expect(verifyToken(fresh, SECRET, new Date())).toEqual(verifyToken(fresh, key, new Date()));
  });

  it.each<[string, () => string, number]>([
    ['signed with another secret', () => token('another-secret-of-at-least-thirty-two-bytes'), 0],
    ['unsigned (alg none)', () => jwt.sign({ roles: ['intake'] }, '', { algorithm: 'none', subject: 'mallory' }), 0],
    ['past its expiry', () => jwt.sign({ roles: ['intake'] }, SECRET, { algorithm: 'HS256', subject: 'alice', expiresIn: 60 }), 3_600_000],
  ])('refuses a token %s', (_name, make, checkedLaterMs) => {
    expect(() => verifyToken(make(), key, new Date(Date.now() + checkedLaterMs))).toThrow(InvalidTokenError);
  });
});
