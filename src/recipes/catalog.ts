/**
 * The recipe catalog: one entry per seed platform (and the Workbench roles option), with the
 * example value of every param and the steps that stay manual after `onramp apply`. Example values
 * are `--var` text; those marked `from` are taken from the target organization when `onramp init`
 * can reach it (account ids differ in every sandbox), and `value` is the offline fallback.
 */
import { fileURLToPath } from 'node:url';
import { didYouMean } from '../blueprint/index.js';
import { OnrampError } from '../core/errors.js';
import { RecipeCode } from './codes.js';

/** Where a live example comes from: the organization's member accounts, or its Identity Center. */
export type ExampleSource = 'member-account-ids' | 'member-account-pairs' | 'start-url';

export interface ParamExample {
  /** `--var` text (lists comma-separated); with `from`, used when the target cannot be read. */
  value: string;
  from?: ExampleSource;
}

export interface Recipe {
  name: string;
  title: string;
  summary: string;
  /** `blueprint`: AWS resources (src/blueprint); `sso-profiles`: client configuration only. */
  kind: 'blueprint' | 'sso-profiles';
  /** The recipe file, relative to the package root. */
  file: string;
  /** The README mapping every runbook step, relative to the package root. */
  readme: string;
  /** The seed runbook this recipe automates (a file of the seeds folder). */
  runbook?: string;
  /** Every param's example: applies to the sandbox's `org` seed with no further input. */
  examples: Record<string, ParamExample>;
  /** What stays manual, in order; `{name}` placeholders are filled by {@link renderSteps}. */
  manualSteps: string[];
}

const EMAIL_NOTE =
  'users created through the API get no invitation; in the IAM Identity Center console open Users > {params.userName} > Reset password > "Send an email to the user with instructions", so they can set a password';

export const RECIPES: readonly Recipe[] = [
  {
    name: 'fractal-cloud',
    title: 'Fractal Cloud environment initialization',
    summary:
      'initializer role trusting your stable ARN, Identity Center admin user + AdministratorAccess assignment',
    kind: 'blueprint',
    file: 'recipes/fractal-cloud/blueprint.yaml',
    readme: 'recipes/fractal-cloud/README.md',
    runbook: '000_daf102dfd79abce1.txt',
    examples: {
      adminEmail: { value: 'fractal-admin@example.com' },
      userName: { value: 'fractal-admin' },
      givenName: { value: 'Fractal' },
      familyName: { value: 'Admin' },
      initializerPolicy: { value: 'AdministratorAccess' },
    },
    manualSteps: [
      'Get the initializer’s credentials: onramp assume arn:aws:iam::{accounts.main.id}:role/fractal-cloud-initializer --session-name fractal-init --format env',
      'Run Fractal Cloud’s environment initialization with those credentials (SDK path), or pick the user {params.userName} in Fractal’s web UI (web UI path)',
      `Web UI path: ${EMAIL_NOTE}`,
      'When initialization is done: onramp destroy removes the initializer (and the rest of this blueprint); to keep the Identity Center user, delete the role’s entry and run onramp apply',
    ],
  },
  {
    name: 'workbench',
    title: 'Workbench roles through an SSO permission set',
    summary: 'inline sts:AssumeRole policy for Workbench-ExecutionRole/-ReadOnlyRole in a list of accounts',
    kind: 'blueprint',
    file: 'recipes/workbench/blueprint.yaml',
    readme: 'recipes/workbench/README.md',
    runbook: '001_db73fe8d8adad4b9.txt',
    examples: {
      workbenchAccounts: { value: '111111111111,222222222222', from: 'member-account-ids' },
      permissionSetName: { value: 'DataScientist' },
      groupName: { value: 'DataScientists' },
      sessionDuration: { value: 'PT8H' },
    },
    manualSteps: [
      'Put the people who use Workbench in the group {params.groupName}: IAM Identity Center console > Groups > {params.groupName} > Add users, or your IdP’s SCIM sync',
      'Accounts without Workbench’s CDK stack: deploy it there, or onramp init --recipe workbench-roles --var account=<id>',
      'Each user checks access: aws sts assume-role --role-arn arn:aws:iam::<account-id>:role/Workbench-ExecutionRole --role-session-name TestSession (or onramp assume)',
    ],
  },
  {
    name: 'workbench-roles',
    title: 'Workbench roles for an account without Workbench’s stack',
    summary: 'Workbench-ExecutionRole and Workbench-ReadOnlyRole trusting the permission set’s SSO roles',
    kind: 'blueprint',
    file: 'recipes/workbench/roles.yaml',
    readme: 'recipes/workbench/README.md',
    examples: {
      account: { value: '111111111111', from: 'member-account-ids' },
      ssoAccounts: { value: '111111111111,222222222222', from: 'member-account-ids' },
      permissionSetName: { value: 'DataScientist' },
      executionRolePolicy: { value: 'PowerUserAccess' },
    },
    manualSteps: [
      'Before deploying Workbench’s CDK stack in {params.account}: onramp destroy this blueprint (CloudFormation cannot create a role that already exists)',
    ],
  },
  {
    name: 'amplify',
    title: 'AWS Amplify local development with IAM Identity Center',
    summary:
      'user amplify-admin, permission set amplify-policy (AmplifyBackendDeployFullAccess, 12 h), assignment',
    kind: 'blueprint',
    file: 'recipes/amplify/blueprint.yaml',
    readme: 'recipes/amplify/README.md',
    runbook: '002_4740e7462559a02b.txt',
    examples: {
      email: { value: 'amplify-admin@example.com' },
      userName: { value: 'amplify-admin' },
    },
    manualSteps: [
      `Password: ${EMAIL_NOTE}`,
      'Local profile: onramp sso configure --session amplify-admin --start-url {startUrl} --region {ssoRegion}, then onramp sso login --session amplify-admin and onramp sso sync --session amplify-admin (or aws configure sso with the same values)',
      'Bootstrap once per account and region: npx ampx sandbox --profile default, sign in to the console as an administrator and choose "Initialize setup now" on the Amplify console’s Create new app page (or run cdk bootstrap aws://{caller.account}/<region>)',
    ],
  },
  {
    name: 'orchestera',
    title: 'Orchestera Platform account setup',
    summary:
      'member account, switch-role policy and admin group, vendor policy and role with a required ExternalId',
    kind: 'blueprint',
    file: 'recipes/orchestera/blueprint.yaml',
    readme: 'recipes/orchestera/README.md',
    runbook: '003_b389485f9c974ec8.txt',
    examples: {
      memberEmail: { value: 'orchestera-sparklith@example.com' },
      accountName: { value: 'Orchestera Sparklith' },
      externalId: { value: 'orchestera-example-external-id' },
      adminUsers: { value: 'onramp-admin' },
      vendorAccount: { value: '017059471480' },
    },
    manualSteps: [
      'Give Orchestera the role ARN arn:aws:iam::{accounts.sparklith.id}:role/OrchesteraAccessRole and the ExternalId from its console',
      'Each admin turns on multi-session support once: AWS console > account name (top right) > "Turn on multi-session support"',
      'Admins switch into the member account with https://signin.aws.amazon.com/switchrole?roleName=OrganizationAccountAccessRole&account={accounts.sparklith.id}&displayName=Orchestera%20Sparklith',
    ],
  },
  {
    name: 'science-cloud',
    title: 'NASA Science Cloud SSO profiles',
    summary:
      'sso-session and named profiles for a list of accounts and roles; static keys must not shadow them',
    kind: 'sso-profiles',
    file: 'recipes/science-cloud/profiles.yaml',
    readme: 'recipes/science-cloud/README.md',
    runbook: '004_ae5a9529202b6e6b.txt',
    examples: {
      sessionName: { value: 'my-sciencecloud-sso' },
      startUrl: {
        value: 'https://my-sciencecloud-sso-portal-exampleURL.awsapps.com/start',
        from: 'start-url',
      },
      ssoRegion: { value: 'us-east-1' },
      accounts: {
        value: 'ScienceCloudProject-devAccount=111122223333',
        from: 'member-account-pairs',
      },
      roles: { value: 'ReadOnlyAccess' },
      region: { value: 'us-east-1' },
      output: { value: 'json' },
    },
    manualSteps: [
      'Open the "Invitation to join AWS IAM Identity Center" email, choose Accept invitation and set a password',
      'Remove or comment out aws_access_key_id / aws_secret_access_key in ~/.aws/credentials when onramp doctor reports that they shadow the profiles',
      'Sign in: aws sso login --sso-session {params.sessionName}; sign out: aws sso logout',
    ],
  },
];

/** The package root (recipes/ lives there), from src/recipes or dist/recipes alike. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Absolute path of a package-relative recipe path. */
export function recipePath(relative: string): string {
  return `${PACKAGE_ROOT}${relative}`;
}

/** The recipe with this name, or ONR-E150 with a suggestion. */
export function findRecipe(name: string): Recipe {
  const recipe = RECIPES.find((r) => r.name === name);
  if (recipe) return recipe;
  const names = RECIPES.map((r) => r.name);
  throw new OnrampError(RecipeCode.unknownRecipe, `there is no recipe named ${JSON.stringify(name)}`, {
    hint: didYouMean(name, names) ?? `recipes: ${names.join(', ')} (onramp recipes lists them)`,
    source: { kind: 'flag', flag: '--recipe' },
  });
}

/**
 * Fills `{name}` placeholders (`params.x`, `accounts.<k>.id`, `caller.account`, `startUrl`,
 * `ssoRegion`) with what is known; unknown ones stay visible as `<name>`.
 */
export function renderSteps(steps: readonly string[], known: Readonly<Record<string, string>>): string[] {
  return steps.map((s) => s.replace(/\{([\w.-]+)\}/g, (_, key: string) => known[key] ?? `<${key}>`));
}
