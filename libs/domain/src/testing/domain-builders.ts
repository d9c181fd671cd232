/**
 * Small builders shared by the domain specs: valid defaults that each test overrides with only the
 * fields it is about, and the §126.1 register folded from the real seed.
 */
export * from './country-policy.builders';
export * from './licence-application.builders';
export * from './reevaluation.builders';
