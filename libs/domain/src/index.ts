/** The public API of the domain: pure decisions, events, state folds and policy evaluation. */
export * from './kernel/calendar-date';
export * from './kernel/domain-error';
export * from './kernel/domain-event';
export * from './kernel/event-sourced-aggregate';

export * from './country-policy/citation';
export * from './country-policy/country-policy.aggregate';
export * from './country-policy/country-policy.commands';
export * from './country-policy/country-policy.decide';
export * from './country-policy/country-policy.errors';
export * from './country-policy/country-policy.events';
export * from './country-policy/country-policy.state';
export * from './country-policy/country-policy.stream';
export * from './country-policy/policy-snapshot';
export * from './country-policy/policy-status';
export * from './country-policy/seed/section-126-1.seed';
export * from './country-policy/seed/section-126-1.corrections';

export * from './policy-evaluation/congressional-notification.rule';
export * from './policy-evaluation/determination';
export * from './policy-evaluation/determine-destination';
export * from './policy-evaluation/evaluate-policy';

export * from './licence-application/licence-application.aggregate';
export * from './licence-application/licence-application.approve.decide';
export * from './licence-application/licence-application.assign.decide';
export * from './licence-application/licence-application.close.decide';
export * from './licence-application/licence-application.commands';
export * from './licence-application/licence-application.decide';
export * from './licence-application/licence-application.errors';
export * from './licence-application/licence-application.events';
export * from './licence-application/licence-application.event-types';
export * from './licence-application/licence-application.licence.decide';
export * from './licence-application/licence-application.referral.decide';
export * from './licence-application/licence-application.reevaluate.decide';
export * from './licence-application/licence-application.state';
export * from './licence-application/licence-application.stream';
export * from './licence-application/licence-application.summary';
export * from './licence-application/licence-application.types';
export * from './licence-application/licence-validity.rule';

export * from './reevaluation/reevaluation-run.aggregate';
export * from './reevaluation/reevaluation-run.decide';
export * from './reevaluation/reevaluation-run.events';
export * from './reevaluation/reevaluation-run.state';
export * from './reevaluation/reevaluation-run.stream';
export * from './reevaluation/reevaluation-trigger';
