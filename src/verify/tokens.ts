/**
 * The SSO tokens at hand (from the person's token cache) and whose they are. The portal does not
 * say who a token belongs to, but the session it federates into is named after the user's
 * UserName, so one GetRoleCredentials + GetCallerIdentity tells.
 * https://docs.aws.amazon.com/singlesignon/latest/userguide/howtosessionduration.html
 */

import { awsErrorName, describeAwsError } from '../aws/classify.js';
import type { AwsClients } from '../aws/clients.js';
import { contextFor, type LiveAnswer, type ProbeSettings, ssoCredentials } from './probe.js';
import type { CachedToken } from './user-side.js';

export interface TokenUse extends LiveAnswer {
  token: CachedToken;
  userName?: string;
}

export class TokenPool {
  private readonly users = new Map<string, Promise<string | undefined>>();
  private readonly rejected = new Set<string>();

  constructor(
    readonly tokens: CachedToken[],
    private readonly ctx: AwsClients,
    private readonly settings: ProbeSettings,
    private readonly onRejected: (token: CachedToken, error: string) => void,
  ) {}

  get size(): number {
    return this.tokens.filter((t) => !this.rejected.has(t.file)).length;
  }

  /** The UserName behind a token, or undefined if it has no entitlement to learn it from. */
  userOf(token: CachedToken): Promise<string | undefined> {
    let p = this.users.get(token.file);
    if (!p) {
      p = this.identify(token);
      this.users.set(token.file, p);
    }
    return p;
  }

  private async identify(token: CachedToken): Promise<string | undefined> {
    const sso = await import('@aws-sdk/client-sso');
    const { GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
    try {
      const accounts = await this.ctx.call('sso', 'ListAccounts', (c) =>
        c.send(new sso.ListAccountsCommand({ accessToken: token.accessToken, maxResults: 1 })),
      );
      const accountId = accounts.accountList?.[0]?.accountId;
      if (!accountId) return undefined;
      const roles = await this.ctx.call('sso', 'ListAccountRoles', (c) =>
        c.send(new sso.ListAccountRolesCommand({ accessToken: token.accessToken, accountId, maxResults: 1 })),
      );
      const roleName = roles.roleList?.[0]?.roleName;
      if (!roleName) return undefined;
      const creds = await ssoCredentials(this.ctx, token.accessToken, accountId, roleName, {
        ...this.settings,
        timeoutMs: 0,
      });
      if (!creds.credentials) return undefined;
      const who = contextFor(this.ctx, creds.credentials, { clock: this.settings.clock });
      try {
        const id = await who.call('sts', 'GetCallerIdentity', (c) =>
          c.send(new GetCallerIdentityCommand({})),
        );
        return id.Arn?.slice(id.Arn.lastIndexOf('/') + 1);
      } finally {
        await who.destroy();
      }
    } catch (e) {
      if (awsErrorName(e) === 'UnauthorizedException') {
        this.rejected.add(token.file);
        this.onRejected(token, describeAwsError(e));
      }
      return undefined;
    }
  }

  /**
   * GetRoleCredentials for the permission set in the account with the first token whose user
   * `accepts` (any user when omitted); undefined when no token fits.
   */
  async credentialsFor(
    accountId: string,
    permissionSet: string,
    accepts?: (userName: string) => Promise<boolean>,
  ): Promise<TokenUse | undefined> {
    for (const token of this.tokens) {
      if (this.rejected.has(token.file)) continue;
      const userName = await this.userOf(token);
      if (this.rejected.has(token.file)) continue;
      if (accepts && (userName === undefined || !(await accepts(userName)))) continue;
      // Any entitled user will do: a token without this entitlement is skipped at once, not probed.
      const settings = accepts ? this.settings : { ...this.settings, timeoutMs: 0 };
      const answer = await ssoCredentials(this.ctx, token.accessToken, accountId, permissionSet, settings);
      if (answer.answer === 'ForbiddenException' && !accepts) continue;
      return { ...answer, token, ...(userName ? { userName } : {}) };
    }
    return undefined;
  }
}
