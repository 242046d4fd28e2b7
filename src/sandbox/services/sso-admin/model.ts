/** State of this service in the sandbox world (to be filled in by the service module). */
// biome-ignore lint/complexity/noBannedTypes: placeholder until the service lands
export type SsoAdminState = {};

export function emptySsoAdminState(): SsoAdminState {
  return {};
}
