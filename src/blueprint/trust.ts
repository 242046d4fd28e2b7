// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${…}` is the blueprint reference syntax, not a template.
/**
 * Trust building blocks → real trust policy documents (pure). Account ids and ARNs that are not known
 * yet stay as `${…}` templates (`${caller.arn}`, `${accounts.member.id}`); evaluate.ts resolves them
 * or turns them into Deferred values.
 */
import type { PolicyDocument, Statement } from '../policy/types.js';
import type { TrustEntry, TrustSpec } from './types.js';

export interface TrustContext {
  /** Account id (or template) of the account the role lives in. */
  roleAccount: string;
  /** An account reference (key, 12-digit id or `${…}`) → account id or template. */
  accountId?: (ref: string) => string;
  /** Permission-set key → permission-set name. */
  permissionSetName?: (key: string) => string;
  /** The path of a blueprint role (for `role: {account, name}`), if the blueprint defines it. */
  rolePath?: (accountRef: string, name: string) => string | undefined;
  partition?: string;
}

/** The default account mapping: ids and templates pass, keys become `${accounts.<key>.id}`. */
export function accountIdTemplate(ref: string): string {
  return /^\d{12}$/.test(ref) || ref.includes('${') ? ref : `\${accounts.${ref}.id}`;
}

const ASSUME = 'sts:AssumeRole';

/** Builds the role's AssumeRolePolicyDocument: one statement per entry (a `policy` adds its own). */
export function buildTrustPolicy(spec: TrustSpec, ctx: TrustContext): PolicyDocument {
  const entries = Array.isArray(spec) ? spec : [spec];
  const statements = entries.flatMap((entry) => trustStatements(entry, ctx));
  return { Version: '2012-10-17', Statement: statements };
}

function trustStatements(entry: TrustEntry, ctx: TrustContext): Statement[] {
  const partition = ctx.partition ?? 'aws';
  const accountId = ctx.accountId ?? accountIdTemplate;
  const root = (acct: string) => `arn:${partition}:iam::${accountId(acct)}:root`;
  if (entry.thirdParty) {
    const { account, externalId } = entry.thirdParty;
    return [
      {
        Effect: 'Allow',
        Principal: { AWS: root(account) },
        Action: ASSUME,
        ...(externalId === undefined
          ? {}
          : { Condition: { StringEquals: { 'sts:ExternalId': externalId } } }),
      },
    ];
  }
  if (entry.ssoPermissionSet) {
    const name =
      ctx.permissionSetName?.(entry.ssoPermissionSet.permissionSet) ?? entry.ssoPermissionSet.permissionSet;
    const accounts = entry.ssoPermissionSet.accounts?.length
      ? entry.ssoPermissionSet.accounts.map(accountId)
      : [ctx.roleAccount];
    // Identity Center puts its roles under /aws-reserved/sso.amazonaws.com/ in us-east-1 and under
    // /aws-reserved/sso.amazonaws.com/<region>/ elsewhere, so both shapes are matched.
    // https://docs.aws.amazon.com/singlesignon/latest/userguide/referencingpermissionsets.html
    const patterns = accounts.flatMap((a) => [
      `arn:${partition}:iam::${a}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_${name}_*`,
      `arn:${partition}:iam::${a}:role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_${name}_*`,
    ]);
    return [
      {
        Effect: 'Allow',
        Principal: { AWS: one(accounts.map((a) => `arn:${partition}:iam::${a}:root`)) },
        Action: ASSUME,
        Condition: { ArnLike: { 'aws:PrincipalArn': patterns } },
      },
    ];
  }
  if (entry.role !== undefined) {
    const arn =
      typeof entry.role === 'string'
        ? entry.role
        : `arn:${partition}:iam::${accountId(entry.role.account)}:role${
            entry.role.path ?? ctx.rolePath?.(entry.role.account, entry.role.name) ?? '/'
          }${entry.role.name}`;
    return [{ Effect: 'Allow', Principal: { AWS: arn }, Action: ASSUME }];
  }
  if (entry.caller) {
    // Resolved at plan time from GetCallerIdentity to the caller's role or user ARN (never the session).
    return [{ Effect: 'Allow', Principal: { AWS: '${caller.arn}' }, Action: ASSUME }];
  }
  if (entry.account !== undefined) {
    return [{ Effect: 'Allow', Principal: { AWS: root(entry.account) }, Action: ASSUME }];
  }
  if (entry.policy) {
    const st = (entry.policy as unknown as PolicyDocument).Statement;
    return Array.isArray(st) ? st : st === undefined ? [] : [st];
  }
  return [];
}

const one = (values: string[]): string | string[] => (values.length === 1 ? values[0] : values);

/**
 * The stable principal for a caller ARN from GetCallerIdentity: an assumed-role session maps to its
 * role (the path must still be looked up with GetRole), users and roles pass through.
 */
export function callerPrincipal(arn: string): { arn: string; needsPath: boolean } {
  const m = /^arn:([\w-]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(arn);
  if (m) return { arn: `arn:${m[1]}:iam::${m[2]}:role/${m[3]}`, needsPath: true };
  return { arn, needsPath: false };
}
