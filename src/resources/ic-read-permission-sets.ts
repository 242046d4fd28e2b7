/**
 * Permission sets: ListPermissionSets by the page gives only ARNs, so each set costs a
 * ListTagsForResource (its owner and fingerprint). A set the blueprint owns whose fingerprint
 * matches a declared set costs nothing more (markers.ts). Any other costs a DescribePermissionSet
 * (its name); of those, only sets the blueprint
 * owns or declares are read further: managed policies, customer managed policy references, the
 * inline policy, and the accounts still carrying an older revision
 * (ListAccountsForProvisionedPermissionSet with LATEST_PERMISSION_SET_NOT_PROVISIONED), which
 * reveals an apply that stopped between an edit and its re-provisioning.
 * https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_ListAccountsForProvisionedPermissionSet.html
 */

import {
  DescribePermissionSetCommand,
  GetInlinePolicyForPermissionSetCommand,
  ListAccountsForProvisionedPermissionSetCommand,
  ListCustomerManagedPolicyReferencesInPermissionSetCommand,
  ListManagedPoliciesInPermissionSetCommand,
  ListPermissionSetsCommand,
  ListTagsForResourceCommand,
  type SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import type { AwsClients } from '../aws/clients.js';
import type { PermissionSetProps } from '../blueprint/types.js';
import { mapLimit, READ_CONCURRENCY } from '../core/concurrency.js';
import type { IcScope } from './ic-read.js';
import { FINGERPRINT_TAG, OWNER_TAG } from './markers.js';
import { allPages, tagMap } from './util.js';

export interface IcPermissionSet {
  arn: string;
  name: string;
  description?: string;
  sessionDuration: string;
  relayState?: string;
  tags: Record<string, string>;
  owner?: string;
  /** Read only for relevant sets. */
  details?: {
    managed: string[];
    customerManaged: { name: string; path: string }[];
    inline?: unknown;
    /** Accounts provisioned with an older revision. */
    outdated: string[];
  };
}

export async function readPermissionSets(
  aws: AwsClients,
  InstanceArn: string,
  scope: IcScope,
  signal?: AbortSignal,
): Promise<IcPermissionSet[]> {
  const what = 'reading IAM Identity Center permission sets';
  const call = <T>(op: string, fn: (c: SSOAdminClient) => Promise<T>) =>
    aws.call('sso-admin', op, fn, { what, signal });
  const arns = await allPages(async (NextToken) => {
    const r = await call('ListPermissionSets', (c) =>
      c.send(new ListPermissionSetsCommand({ InstanceArn, MaxResults: 100, NextToken })),
    );
    return { items: r.PermissionSets, next: r.NextToken };
  });
  const tagsOf = (PermissionSetArn: string) =>
    allPages(async (NextToken) => {
      const r = await call('ListTagsForResource', (c) =>
        c.send(new ListTagsForResourceCommand({ InstanceArn, ResourceArn: PermissionSetArn, NextToken })),
      );
      return { items: r.Tags, next: r.NextToken };
    });
  const describe = (PermissionSetArn: string) =>
    call('DescribePermissionSet', (c) =>
      c.send(new DescribePermissionSetCommand({ InstanceArn, PermissionSetArn })),
    );
  const trusting = scope.refresh === 'fast' && scope.fingerprints.size > 0;
  return mapLimit(arns, READ_CONCURRENCY, async (PermissionSetArn): Promise<IcPermissionSet> => {
    // With fingerprints to match, tags come first: an owned set whose fingerprint matches needs no
    // other read.
    const first = trusting ? await tagsOf(PermissionSetArn) : undefined;
    if (first) {
      const tags = tagMap(first);
      const matched = scope.fingerprints.get(tags[FINGERPRINT_TAG] ?? '');
      if (matched && tags[OWNER_TAG] === scope.blueprint)
        return fromFingerprint(PermissionSetArn, tags, matched);
    }
    const [d, t] = await Promise.all([describe(PermissionSetArn), first ?? tagsOf(PermissionSetArn)]);
    const ps = d.PermissionSet;
    const tags = tagMap(t);
    const base: IcPermissionSet = {
      arn: PermissionSetArn,
      name: ps?.Name ?? '',
      ...(ps?.Description ? { description: ps.Description } : {}),
      sessionDuration: ps?.SessionDuration ?? 'PT1H',
      ...(ps?.RelayState ? { relayState: ps.RelayState } : {}),
      tags,
      ...(tags[OWNER_TAG] ? { owner: tags[OWNER_TAG] } : {}),
    };
    if (base.owner !== scope.blueprint && !scope.permissionSetNames.has(base.name)) return base;
    const target = { InstanceArn, PermissionSetArn };
    const [managed, customer, inline, outdated] = await Promise.all([
      allPages(async (NextToken) => {
        const r = await call('ListManagedPoliciesInPermissionSet', (c) =>
          c.send(new ListManagedPoliciesInPermissionSetCommand({ ...target, NextToken })),
        );
        return { items: r.AttachedManagedPolicies, next: r.NextToken };
      }),
      allPages(async (NextToken) => {
        const r = await call('ListCustomerManagedPolicyReferencesInPermissionSet', (c) =>
          c.send(new ListCustomerManagedPolicyReferencesInPermissionSetCommand({ ...target, NextToken })),
        );
        return { items: r.CustomerManagedPolicyReferences, next: r.NextToken };
      }),
      call('GetInlinePolicyForPermissionSet', (c) =>
        c.send(new GetInlinePolicyForPermissionSetCommand(target)),
      ),
      allPages(async (NextToken) => {
        const r = await call('ListAccountsForProvisionedPermissionSet', (c) =>
          c.send(
            new ListAccountsForProvisionedPermissionSetCommand({
              ...target,
              ProvisioningStatus: 'LATEST_PERMISSION_SET_NOT_PROVISIONED',
              NextToken,
            }),
          ),
        );
        return { items: r.AccountIds, next: r.NextToken };
      }),
    ]);
    return {
      ...base,
      details: {
        managed: managed.map((m) => m.Arn ?? ''),
        customerManaged: customer.map((c) => ({ name: c.Name ?? '', path: c.Path ?? '/' })),
        ...(inline.InlinePolicy ? { inline: JSON.parse(inline.InlinePolicy) } : {}),
        outdated,
      },
    };
  });
}

/** A set whose fingerprint matches the desired props: it is what onramp left, as recorded. */
function fromFingerprint(arn: string, tags: Record<string, string>, p: PermissionSetProps): IcPermissionSet {
  return {
    arn,
    name: p.name,
    ...(p.description ? { description: p.description } : {}),
    sessionDuration: p.sessionDuration,
    ...(p.relayState ? { relayState: p.relayState } : {}),
    tags,
    owner: tags[OWNER_TAG] ?? '',
    details: {
      managed: [...p.managedPolicyArns],
      customerManaged: p.customerManagedPolicies.map((c) => ({ ...c })),
      ...(p.inlinePolicy !== undefined ? { inline: p.inlinePolicy } : {}),
      outdated: [],
    },
  };
}
