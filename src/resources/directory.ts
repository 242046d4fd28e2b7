/**
 * Names → AWS ids for one run: what the readers found (permission set ARNs, Identity Store ids,
 * account ids) and what creates return during the apply. Values the blueprint could only defer
 * (`${accounts.member.id}` of an account created by this run) resolve here once known, so they
 * flow to the resources that depend on them.
 */

import { formatDeferred, isDeferred } from '../blueprint/evaluate.js';
import { unescapeRefs } from '../blueprint/refs.js';
import type { Deferred } from '../blueprint/types.js';
import { OnrampError } from '../core/errors.js';

const lower = (s: string) => s.toLowerCase();

export class Directory {
  /** Reference values (`accounts.prod.id`, `identityCenter.permissionSets.admin.arn`, …). */
  readonly refs = new Map<string, string>();
  /** Access role to assume per member account (default OrganizationAccountAccessRole). */
  readonly accessRoles = new Map<string, string>();
  instanceArn?: string;
  identityStoreId?: string;
  private readonly users = new Map<string, string>();
  private readonly groups = new Map<string, string>();
  private readonly permissionSets = new Map<string, string>();
  /**
   * User id → the owner named by its UserType and whether it says "assigned directly"
   * (markers.ts userTypeMarker); `flagging` shares one UpdateUser between parallel assignments.
   */
  readonly userMarks = new Map<string, { owner?: string; direct: boolean; flagging?: Promise<unknown> }>();

  setUser(userName: string, id: string): void {
    this.users.set(lower(userName), id);
  }
  setGroup(displayName: string, id: string): void {
    this.groups.set(lower(displayName), id);
  }
  setPermissionSet(name: string, arn: string): void {
    this.permissionSets.set(name, arn);
  }

  userId(userName: string): string {
    return this.need(this.users.get(lower(userName)), `Identity Store user ${userName}`);
  }
  groupId(displayName: string): string {
    return this.need(this.groups.get(lower(displayName)), `Identity Store group ${displayName}`);
  }
  permissionSetArn(name: string): string {
    return this.need(this.permissionSets.get(name), `permission set ${name}`);
  }
  principalId(type: 'USER' | 'GROUP', name: string): string {
    return type === 'USER' ? this.userId(name) : this.groupId(name);
  }

  /** The Identity Center instance, or a clear error when there is none. */
  instance(): { instanceArn: string; identityStoreId: string } {
    if (!this.instanceArn || !this.identityStoreId) {
      throw new OnrampError('ONR-E211', 'IAM Identity Center is not enabled for this organization', {
        hint: 'Enable IAM Identity Center in the management account (console → IAM Identity Center → Enable), then run again.',
      });
    }
    return { instanceArn: this.instanceArn, identityStoreId: this.identityStoreId };
  }

  /** `value` with every deferred string whose references are now known substituted (deeply). */
  resolve<T>(value: T): T {
    return this.deep(value) as T;
  }

  /** Like resolve, but an unresolved reference is an error naming it. */
  require<T>(value: T, what: string): T {
    const out = this.resolve(value);
    const left = findDeferred(out);
    if (left) {
      throw new OnrampError('ONR-E212', `${what}: ${formatDeferred(left)} is still unknown`, {
        hint: 'A resource this one depends on was not created; fix that failure and apply again.',
      });
    }
    return out;
  }

  private deep(v: unknown): unknown {
    if (isDeferred(v)) return this.substitute(v);
    if (Array.isArray(v)) return v.map((x) => this.deep(x));
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.deep(x)]));
    }
    return v;
  }

  private substitute(d: Deferred): string | Deferred {
    const pending = d.refs.filter((r) => !this.refs.has(r));
    if (pending.length > 0) return d;
    let out = d.template;
    for (const r of d.refs) out = out.split(`\${${r}}`).join(this.refs.get(r) as string);
    return unescapeRefs(out);
  }

  private need(v: string | undefined, what: string): string {
    if (v !== undefined) return v;
    throw new OnrampError('ONR-E212', `${what} does not exist (yet)`, {
      hint: 'It is created by an earlier step of this apply; fix that step’s failure and apply again.',
    });
  }
}

/** The first deferred value inside `v`, if any. */
export function findDeferred(v: unknown): Deferred | undefined {
  if (isDeferred(v)) return v;
  if (Array.isArray(v)) {
    for (const x of v) {
      const d = findDeferred(x);
      if (d) return d;
    }
  } else if (v && typeof v === 'object') {
    for (const x of Object.values(v)) {
      const d = findDeferred(x);
      if (d) return d;
    }
  }
  return undefined;
}
