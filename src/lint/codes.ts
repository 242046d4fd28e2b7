/**
 * `onramp lint`'s input errors (the ONR-E1xx family: the CLI exits 2). Documented in docs/errors.md
 * under "Lint (ONR-L…)"; findings themselves use the ONR-Lxxx rule ids in catalog.ts.
 */
export const LINT_ERRORS = {
  unreadable: 'ONR-E180',
  badFormat: 'ONR-E181',
  badFailOn: 'ONR-E182',
  badAccount: 'ONR-E183',
  badKind: 'ONR-E184',
} as const;
