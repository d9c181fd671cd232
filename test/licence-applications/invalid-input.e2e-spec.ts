import { anApplication, startTestApp, stopTestApp, type TestApp } from '../support/test-app';

/** Every refused request answers a 400 problem and leaves the log exactly as it was. */
describe('POST /applications with bad input', () => {
  let t: TestApp;
  let intake: string;

  beforeAll(async () => {
    t = await startTestApp();
    intake = t.token(['intake']);
  });
  afterAll(() => stopTestApp(t));

  const cases: Array<[string, Record<string, unknown>, string[]]> = [
    ['no end-user', anApplication({ parties: [{ role: 'foreign-consignee', name: 'X', country: 'FR' }] }), ['parties']],
    ['no parties', anApplication({ parties: [] }), ['parties']],
    ['unknown country code', anApplication({ parties: [{ role: 'end-user', name: 'X', country: 'XX' }] }), ['parties[0].country']],
    ['a US party', anApplication({ parties: [{ role: 'end-user', name: 'X', country: 'US' }] }), ['parties[0].country']],
    ['unknown party role', anApplication({ parties: [{ role: 'buyer', name: 'X', country: 'FR' }] }), ['parties[0].role', 'parties']],
    ['USML category outside I–XXI', anApplication({ usmlCategories: ['XXII'] }), ['usmlCategories']],
    ['no USML category', anApplication({ usmlCategories: [] }), ['usmlCategories']],
    ['negative value', anApplication({ valueUsd: -1 }), ['valueUsd']],
    ['value as a string', anApplication({ valueUsd: '1000' }), ['valueUsd']],
    ['unknown licence type', anApplication({ licenceType: 'DSP-9' }), ['licenceType']],
    ['end-use code outside the vocabulary', anApplication({ endUseCodes: ['combat'] }), ['endUseCodes']],
    ['missing applicant', anApplication({ applicant: undefined }), ['applicant']],
    ['blank applicant name', anApplication({ applicant: { name: '  ', registrationCode: 'M12345' } }), ['applicant.name']],
    ['unknown property', anApplication({ destination: 'KH' }), ['destination']],
    ['missing description', anApplication({ description: undefined }), ['description']],
  ];

  it.each(cases)('refuses %s with 400 VALIDATION_FAILED naming the field, appending nothing', async (_name, body, fields) => {
    const before = await t.lastPosition();
    const response = await t.http.post('/applications').set('Authorization', `Bearer ${intake}`).send(body).expect(400);

    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', type: '/problems/validation-failed' });
    expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(expect.arrayContaining(fields));
    expect(await t.lastPosition()).toBe(before);
  });

  it('refuses malformed JSON with 400 MALFORMED_BODY, appending nothing', async () => {
    const before = await t.lastPosition();
    const response = await t.http
      .post('/applications')
      .set('Authorization', `Bearer ${intake}`)
      .set('Content-Type', 'application/json')
      .send('{"licenceType": "DSP-5",')
      .expect(400);

    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe('MALFORMED_BODY');
    expect(await t.lastPosition()).toBe(before);
  });

  it('refuses a JSON array as invalid (400) and a non-JSON body as unsupported (415)', async () => {
    const before = await t.lastPosition();
    await t.http.post('/applications').set('Authorization', `Bearer ${intake}`).send([anApplication()]).expect(400);
    await t.http
      .post('/applications')
      .set('Authorization', `Bearer ${intake}`)
      .set('Content-Type', 'text/plain')
      .send('licenceType=DSP-5')
      .expect(415);
    expect(await t.lastPosition()).toBe(before);
  });

  it('accepts lower-case country codes and normalises them', async () => {
    const body = anApplication({ parties: [{ role: 'end-user', name: 'X', country: 'kh' }] });
    const response = await t.http.post('/applications').set('Authorization', `Bearer ${intake}`).send(body).expect(201);
    expect(response.body.parties).toEqual([{ role: 'end-user', name: 'X', country: 'KH' }]);
  });

  it('refuses a body over 1 MiB with 413 PAYLOAD_TOO_LARGE, appending nothing', async () => {
    const before = await t.lastPosition();
    const body = anApplication({ description: 'x'.repeat(1024 * 1024 + 1) });
    const response = await t.http.post('/applications').set('Authorization', `Bearer ${intake}`).send(body).expect(413);
    expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await t.lastPosition()).toBe(before);
  });

  it('answers an unknown route with 404 problem+json', async () => {
    const response = await t.http.get('/nowhere').set('Authorization', `Bearer ${intake}`).expect(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe('ROUTE_NOT_FOUND');
  });
});
