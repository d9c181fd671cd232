import type { Response } from 'express';
import { etagOf, type CaseView } from '../case-view/case-view';

/** Answers a case command: the updated view, with its revision as the ETag (the next If-Match). */
export async function withCaseEtag(response: Response, view: Promise<CaseView>): Promise<CaseView> {
  const answered = await view;
  response.setHeader('ETag', etagOf(answered.revision));
  return answered;
}
