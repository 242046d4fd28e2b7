/**
 * Who is calling. Each sandbox access key maps to one principal; credentials from sts:AssumeRole or
 * the SSO portal act as an assumed-role session in the role's account.
 */
export type Principal =
  | { type: 'root'; accountId: string; arn: string }
  | { type: 'user'; accountId: string; arn: string; userName: string; userId: string }
  | {
      type: 'assumed-role';
      accountId: string;
      /** The session ARN: arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION. */
      arn: string;
      roleArn: string;
      roleName: string;
      roleId: string;
      sessionName: string;
      sourceIdentity?: string;
      /** True when these credentials came from AssumeRole called with role credentials. */
      chained: boolean;
      /** Session tags (aws:PrincipalTag) passed on AssumeRole. */
      sessionTags?: Record<string, string>;
      /** Session tag keys that carry over to sessions this one assumes (role chaining). */
      transitiveTagKeys?: string[];
      /** Inline session policy (JSON text) passed on AssumeRole: the session may do only what it also allows. */
      sessionPolicy?: string;
      /** Managed session policy ARNs passed on AssumeRole (PolicyArns). */
      sessionPolicyArns?: string[];
    };

export interface Credential {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** Epoch milliseconds; absent for long-term keys. */
  expiration?: number;
  principal: Principal;
}

/** The id GetCallerIdentity reports as UserId. */
export function principalUserId(p: Principal): string {
  switch (p.type) {
    case 'root':
      return p.accountId;
    case 'user':
      return p.userId;
    case 'assumed-role':
      return `${p.roleId}:${p.sessionName}`;
  }
}
