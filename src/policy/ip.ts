/**
 * IPv4 and IPv6 addresses and CIDR ranges for the IpAddress/NotIpAddress operators. A bare address
 * means /32 (or /128 for IPv6).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress
 */

interface Address {
  v6: boolean;
  value: bigint;
}

export interface Cidr extends Address {
  prefix: number;
}

function parseV4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const b = Number(p);
    if (b > 255) return undefined;
    n = (n << 8n) | BigInt(b);
  }
  return n;
}

function parseV6(s: string): bigint | undefined {
  let text = s;
  let tailV4: bigint | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.indexOf('.', lastColon) !== -1) {
    tailV4 = parseV4(text.slice(lastColon + 1));
    if (tailV4 === undefined) return undefined;
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let n = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    n = (n << 16n) | BigInt(Number.parseInt(g, 16));
  }
  if (tailV4 !== undefined) n = (n & ~0xffffffffn) | tailV4;
  return n;
}

export function parseAddress(s: string): Address | undefined {
  const t = s.trim();
  if (t.includes(':')) {
    const v = parseV6(t);
    return v === undefined ? undefined : { v6: true, value: v };
  }
  const v = parseV4(t);
  return v === undefined ? undefined : { v6: false, value: v };
}

export function parseCidr(s: string): Cidr | undefined {
  const [addr, bits, ...rest] = s.trim().split('/');
  if (rest.length) return undefined;
  const a = parseAddress(addr);
  if (!a) return undefined;
  const max = a.v6 ? 128 : 32;
  const prefix = bits === undefined ? max : /^\d{1,3}$/.test(bits) ? Number(bits) : Number.NaN;
  if (!(prefix >= 0 && prefix <= max)) return undefined;
  return { ...a, prefix };
}

/** True when the address lies in the range; IPv4 and IPv6 never match each other. */
export function cidrContains(range: Cidr, address: string): boolean {
  const a = parseAddress(address);
  if (!a || a.v6 !== range.v6) return false;
  const width = BigInt(range.v6 ? 128 : 32);
  const shift = width - BigInt(range.prefix);
  return a.value >> shift === range.value >> shift;
}
