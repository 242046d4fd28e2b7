/**
 * Organizations' errors, named and worded as the service answers them. Shapes and reason codes come
 * from the API model (https://docs.aws.amazon.com/organizations/latest/APIReference/CommonErrors.html
 * and each operation's Errors section); JSON 1.1 renders them as {__type, message, Reason?}.
 */
import { AwsError } from '../../aws-error.js';

const e = (code: string, message: string, extra: Record<string, unknown> = {}) =>
  new AwsError(code, message, 400, extra);

export const orgErrors = {
  notInUse: () => e('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.'),
  alreadyInOrganization: () =>
    e('AlreadyInOrganizationException', 'The provided account is already a member of an organization.'),
  /** Organizations answers 400 with AccessDeniedException for callers other than the management account. */
  accessDenied: (message = "You don't have permissions to access this resource.") =>
    e('AccessDeniedException', message),
  accountNotFound: () => e('AccountNotFoundException', "You specified an account that doesn't exist."),
  parentNotFound: () => e('ParentNotFoundException', "You specified a root or OU that doesn't exist."),
  ouNotFound: () =>
    e('OrganizationalUnitNotFoundException', "You specified an organizational unit that doesn't exist."),
  childNotFound: () =>
    e(
      'ChildNotFoundException',
      "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.",
    ),
  sourceParentNotFound: () =>
    e(
      'SourceParentNotFoundException',
      "We can't find a source root or OU with the ParentId that you specified.",
    ),
  destinationParentNotFound: () =>
    e(
      'DestinationParentNotFoundException',
      "We can't find a destination root or OU with the ParentId that you specified.",
    ),
  duplicateAccount: () =>
    e('DuplicateAccountException', 'That account is already present in the specified destination.'),
  duplicateOu: () => e('DuplicateOrganizationalUnitException', 'An OU with the same name already exists.'),
  ouNotEmpty: () =>
    e(
      'OrganizationalUnitNotEmptyException',
      'The specified OU is not empty. Move all accounts to another root or OU, remove all child OUs, and try again.',
    ),
  orgNotEmpty: () =>
    e(
      'OrganizationNotEmptyException',
      'To delete an organization you must first remove all member accounts (except the management account).',
    ),
  createAccountStatusNotFound: () =>
    e(
      'CreateAccountStatusNotFoundException',
      "We can't find a create account request with the CreateAccountRequestId that you specified.",
    ),
  targetNotFound: () => e('TargetNotFoundException', "You specified a target that doesn't exist."),
  accountAlreadyClosed: () =>
    e('AccountAlreadyClosedException', 'You attempted to close an account that is already closed.'),
  constraint: (reason: string, message: string) =>
    e('ConstraintViolationException', message, { Reason: reason }),
  invalidInput: (reason: string, message: string) => e('InvalidInputException', message, { Reason: reason }),
  /**
   * The answer to a sixth concurrent CreateAccount. The quota ("Number of member accounts you can
   * create concurrently: 5", https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html)
   * names no error of its own; TooManyRequestsException's documentation points at that quota page,
   * and this is the wording Organizations uses for it.
   */
  tooManyRequests: () =>
    e(
      'TooManyRequestsException',
      "AWS Organizations can't complete your request because another request is already in progress. Try again later.",
    ),
};

/** The InvalidInputException AWS answers when a value breaks its pattern or length. */
export function invalidValue(
  field: string,
  value: string,
  rule: { min?: number; max?: number; pattern?: RegExp },
) {
  if (rule.min !== undefined && value.length < rule.min) {
    return orgErrors.invalidInput(
      'MIN_LENGTH_EXCEEDED',
      `You provided a value for ${field} that is too short.`,
    );
  }
  if (rule.max !== undefined && value.length > rule.max) {
    return orgErrors.invalidInput(
      'MAX_LENGTH_EXCEEDED',
      `You provided a value for ${field} that is too long.`,
    );
  }
  if (rule.pattern && !rule.pattern.test(value)) {
    return orgErrors.invalidInput(
      'INVALID_PATTERN',
      `You provided a value for ${field} that does not match the required pattern.`,
    );
  }
  return undefined;
}

/** Reads a required string member or answers InvalidInputException (INPUT_REQUIRED). */
export function requireString(params: Record<string, unknown>, name: string): string {
  const v = params[name];
  if (typeof v !== 'string' || v === '') {
    throw orgErrors.invalidInput('INPUT_REQUIRED', `You must specify a value for ${name}.`);
  }
  return v;
}
