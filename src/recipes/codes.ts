/**
 * Error codes of recipes, `onramp init` and `onramp assume` (ONR-E15x, input family: exit 2),
 * documented in docs/errors.md under "Recipes and assume". One list so they stay stable.
 */
export const RecipeCode = {
  /** `--recipe` names no recipe of the catalog. */
  unknownRecipe: 'ONR-E150',
  /** Required params have no value and there is no terminal to ask on. */
  missingParams: 'ONR-E151',
  /** The output file exists and --force was not given. */
  outputExists: 'ONR-E152',
  /** The filled recipe does not validate (a --var or an answer breaks the blueprint's rules). */
  invalidResult: 'ONR-E153',
  /** Not an IAM role ARN (a session ARN, a user ARN, a typo). */
  badRoleArn: 'ONR-E154',
  /** --duration is not a whole number of seconds from 900 to 43200. */
  badDuration: 'ONR-E155',
  /** --session-name or --source-identity breaks STS's rules (2-64 characters of [\w+=,.@-]). */
  badSessionName: 'ONR-E156',
  /** --external-id breaks STS's rules (2-1224 characters of [\w+=,.@:/-]). */
  badExternalId: 'ONR-E157',
  /** --format is not env, json or process. */
  badFormat: 'ONR-E158',
  /** A profiles recipe (kind: sso-profiles) is malformed. */
  badProfiles: 'ONR-E159',
} as const;

export type RecipeCodeValue = (typeof RecipeCode)[keyof typeof RecipeCode];
