/**
 * A recipe file as a template: its `params:` read as specs, and chosen values written back as each
 * param's `default:` so the result is a ready blueprint that still takes `--var` overrides. Edited
 * through the YAML document model, so the recipe's comments and layout survive.
 */
import { isMap, parseDocument } from 'yaml';
import type { ParamSpec, ParamValue } from '../blueprint/index.js';

/** The params a recipe file declares, in document order. */
export function readParamSpecs(text: string): Record<string, ParamSpec> {
  const doc = parseDocument(text);
  const params = doc.get('params');
  if (!isMap(params)) return {};
  const out: Record<string, ParamSpec> = {};
  for (const pair of params.items) {
    const name = String((pair.key as { value?: unknown })?.value ?? pair.key);
    out[name] = (pair.value as { toJSON(): ParamSpec }).toJSON();
  }
  return out;
}

/** Writes `values` as the params' defaults; `header` (comment lines) goes on top. */
export function fillParamDefaults(text: string, values: Record<string, ParamValue>, header = ''): string {
  const doc = parseDocument(text);
  for (const [name, value] of Object.entries(values)) {
    const node = doc.createNode(value);
    // Short lists read best inline: default: ["111111111111", "222222222222"].
    if (Array.isArray(value)) (node as { flow?: boolean }).flow = true;
    doc.setIn(['params', name, 'default'], node);
  }
  return `${header}${doc.toString({ lineWidth: 0, flowCollectionPadding: false })}`;
}
