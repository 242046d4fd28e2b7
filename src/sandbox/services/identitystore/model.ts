/** State of this service in the sandbox world (to be filled in by the service module). */
// biome-ignore lint/complexity/noBannedTypes: placeholder until the service lands
export type IdentityStoreState = {};

export function emptyIdentityStoreState(): IdentityStoreState {
  return {};
}
