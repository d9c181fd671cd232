/** Stream of one case: `LicenceApplication-<uuid>` (category `LicenceApplication`, as `$ce-` expects). */
export const LICENCE_APPLICATION_CATEGORY = 'LicenceApplication';

export function licenceApplicationStream(applicationId: string): string {
  return `${LICENCE_APPLICATION_CATEGORY}-${applicationId}`;
}
