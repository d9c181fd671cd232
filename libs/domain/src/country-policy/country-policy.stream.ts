/** Stream of one country's §126.1 entry: `CountryPolicy-<ISO 3166-1 alpha-2>`. */
export const COUNTRY_POLICY_CATEGORY = 'CountryPolicy';

export function countryPolicyStream(countryCode: string): string {
  return `${COUNTRY_POLICY_CATEGORY}-${countryCode.toUpperCase()}`;
}
