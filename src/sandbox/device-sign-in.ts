/**
 * Client side of a sandbox sign-in, for the demo and tests: the device-code grant exactly as the
 * AWS CLI and botocore run it (RegisterClient → StartDeviceAuthorization → CreateToken), relying on
 * the sandbox approving the device code as its `autoApprove` user when it is issued. The SDK client
 * is loaded only when this is called, so the sandbox server never loads it.
 */
export interface DeviceSignIn {
  accessToken: string;
  expiresIn?: number;
  refreshToken?: string;
  clientId: string;
  clientSecret: string;
  clientSecretExpiresAt?: number;
}

export async function autoApprovedDeviceSignIn(
  endpoint: string,
  region: string,
  startUrl: string,
  clientName: string,
): Promise<DeviceSignIn> {
  const { CreateTokenCommand, RegisterClientCommand, SSOOIDCClient, StartDeviceAuthorizationCommand } =
    await import('@aws-sdk/client-sso-oidc');
  const oidc = new SSOOIDCClient({ endpoint, region, maxAttempts: 1 });
  try {
    const reg = await oidc.send(
      new RegisterClientCommand({ clientName, clientType: 'public', scopes: ['sso:account:access'] }),
    );
    const clientId = reg.clientId ?? '';
    const clientSecret = reg.clientSecret ?? '';
    const start = await oidc.send(new StartDeviceAuthorizationCommand({ clientId, clientSecret, startUrl }));
    const token = await oidc.send(
      new CreateTokenCommand({
        clientId,
        clientSecret,
        grantType: 'urn:ietf:params:oauth:grant-type:device_code',
        deviceCode: start.deviceCode,
      }),
    );
    if (!token.accessToken)
      throw new Error(`device sign-in at ${startUrl}: no access token (is autoApprove set?)`);
    return {
      accessToken: token.accessToken,
      expiresIn: token.expiresIn,
      refreshToken: token.refreshToken,
      clientId,
      clientSecret,
      clientSecretExpiresAt: reg.clientSecretExpiresAt,
    };
  } finally {
    oidc.destroy();
  }
}
