/**
 * A blueprint's policies as lint units: customer managed policies, role and group inline policies,
 * permission-set inline policies and role trust policies (written ones as they are, building blocks
 * as onramp renders them). Also ONR-L026 for a role a third party assumes that has
 * AdministratorAccess attached, and ONR-L003 when the blueprint itself does not validate.
 */
import {
  type AccountSpec,
  accountIdTemplate,
  type Blueprint,
  buildTrustPolicy,
  type DocPath,
  formatPath,
  loadBlueprint,
  type RoleSpec,
  type TrustEntry,
} from '../blueprint/index.js';
import { accountContext } from './account-context.js';
import { fileFinding } from './rules/context.js';
import { isForeign, principalRefs } from './rules/trust.js';
import type { SourceResult } from './sources.js';
import { statementViews } from './statements.js';
import type { AccountContext, Finding, LintOptions, Locator, PolicyUnit, Region } from './types.js';

const ADMIN = /^(AdministratorAccess|arn:aws[\w-]*:iam::aws:policy\/AdministratorAccess)$/;

type Pos = { line: number; column: number } | undefined;
const region = (p: Pos): Region => ({ startLine: p?.line ?? 1, startColumn: p?.column ?? 1 });

function locatorAt(b: Blueprint, prefix: DocPath): Locator {
  return (path, at) =>
    region(at === 'key' ? b.sourceMap.key([...prefix, ...path]) : b.sourceMap.value([...prefix, ...path]));
}

/** The role's trust entries with their paths under the role. */
function trustEntries(role: RoleSpec): { entry: TrustEntry; path: DocPath }[] {
  const t = role.trust;
  return Array.isArray(t)
    ? t.map((entry, i) => ({ entry, path: ['trust', i] }))
    : [{ entry: t as TrustEntry, path: ['trust'] }];
}

/** Accounts outside ours that a role's trust names: thirdParty entries, and foreign principals in written policies. */
function thirdParties(role: RoleSpec, accounts: AccountContext): string[] {
  return trustEntries(role).flatMap(({ entry }) => {
    if (entry.thirdParty) return [entry.thirdParty.account];
    if (!entry.policy) return [];
    return statementViews(entry.policy).flatMap((st) =>
      principalRefs(st).flatMap((p) => (p.account && isForeign(p, accounts) ? [p.account] : [])),
    );
  });
}

/** Collects one validated blueprint's units and blueprint-level findings. */
class Collector {
  readonly units: PolicyUnit[] = [];
  readonly findings: Finding[] = [];

  constructor(
    private readonly file: string,
    private readonly b: Blueprint,
    private readonly accounts: AccountContext,
  ) {}

  add(path: DocPath, document: unknown, kind: PolicyUnit['kind'], extra: Partial<PolicyUnit> = {}): void {
    this.units.push({
      file: this.file,
      label: formatPath(path.at(-1) === 'document' ? path.slice(0, -1) : path),
      kind,
      document,
      locate: locatorAt(this.b, path),
      accounts: this.accounts,
      ...extra,
    });
  }

  account(acct: string, spec: AccountSpec): void {
    const iam = spec.iam;
    if (!iam) return;
    const base: DocPath = ['accounts', acct, 'iam'];
    const vendorPolicies = new Set<string>();
    for (const [name, role] of Object.entries(iam.roles)) {
      for (const p of this.role(spec, [...base, 'roles', name], name, role)) vendorPolicies.add(p);
    }
    for (const [name, policy] of Object.entries(iam.policies)) {
      const thirdParty = vendorPolicies.has(name);
      this.add([...base, 'policies', name, 'document'], policy.document, 'identity', { thirdParty });
    }
    for (const [name, group] of Object.entries(iam.groups)) {
      for (const [p, doc] of Object.entries(group.inlinePolicies)) {
        this.add([...base, 'groups', name, 'inlinePolicies', p], doc, 'identity');
      }
    }
  }

  /** A role's inline and trust policies; returns the names of managed policies a third party gets. */
  role(spec: AccountSpec, at: DocPath, name: string, role: RoleSpec): string[] {
    const vendors = thirdParties(role, this.accounts);
    const thirdParty = vendors.length > 0;
    role.managedPolicies.forEach((p, i) => {
      if (!thirdParty || !ADMIN.test(p)) return;
      const where = region(this.b.sourceMap.value([...at, 'managedPolicies', i]));
      const message = `role ${name} is assumed by account ${vendors.join(', ')} (a third party) and has AdministratorAccess attached`;
      this.findings.push(fileFinding('ONR-L026', this.file, where, message, { policy: formatPath(at) }));
    });
    for (const [p, doc] of Object.entries(role.inlinePolicies)) {
      this.add([...at, 'inlinePolicies', p], doc, 'identity', { thirdParty });
    }
    for (const { entry, path } of trustEntries(role)) {
      if (entry.policy) {
        this.add([...at, ...path, 'policy'], entry.policy, 'trust');
        continue;
      }
      // Building blocks have no source of their own: findings point at the entry's key.
      const entryKey = Object.keys(entry)[0] ?? '';
      const pos = region(this.b.sourceMap.key([...at, ...path, entryKey]));
      this.units.push({
        file: this.file,
        label: `${formatPath([...at, ...path, entryKey])} (the trust policy onramp builds)`,
        kind: 'trust',
        document: buildTrustPolicy(entry, { roleAccount: spec.id ?? accountIdTemplate(String(at[1])) }),
        locate: () => pos,
        accounts: this.accounts,
        generated: true,
      });
    }
    return thirdParty ? role.managedPolicies.map((p) => p.replace(/^arn:.*:policy\/(?:.*\/)?/, '')) : [];
  }
}

/** Loads a blueprint (lenient: params without values stay unresolved) and returns its policy units. */
export async function blueprintUnits(
  file: string,
  text: string,
  options: LintOptions,
): Promise<SourceResult> {
  const report = await loadBlueprint({ text, file }, { lenient: true });
  if (!report.blueprint) {
    const findings = report.errors.map((e) => {
      const s = e.source?.kind === 'file' ? e.source : undefined;
      const at = region(s?.line ? { line: s.line, column: s.column ?? 1 } : undefined);
      return fileFinding('ONR-L003', file, at, `${e.code}: ${e.message}`, e.hint ? { hint: e.hint } : {});
    });
    const why = findings.length
      ? 'the blueprint does not validate'
      : 'a param without a value leaves part of the blueprint untyped (give it a value with --var)';
    return { units: [], findings, notes: [`${file}: ${why}; its policies were not linted`] };
  }
  const b = report.blueprint;
  const literalIds = Object.values(b.accounts).flatMap((a) => (a.id && /^\d{12}$/.test(a.id) ? [a.id] : []));
  const c = new Collector(file, b, accountContext(options, literalIds));
  for (const [acct, spec] of Object.entries(b.accounts)) c.account(acct, spec);
  for (const [key, ps] of Object.entries(b.identityCenter.permissionSets)) {
    if (ps.inlinePolicy)
      c.add(['identityCenter', 'permissionSets', key, 'inlinePolicy'], ps.inlinePolicy, 'identity');
  }
  return { units: c.units, findings: c.findings, notes: [] };
}
