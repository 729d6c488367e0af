// The single sign-on settings (OpenID Connect), read from the SHANZHI_OIDC_* environment variables; SSO is off
// without SHANZHI_OIDC_ISSUER. The flow itself is in oidc.ts.

export interface OidcSettings {
  /** The identity platform's issuer URL (its discovery document is at /.well-known/openid-configuration). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** This system's callback as registered with the platform: https://…/api/auth/oidc/callback. */
  redirectUri: string;
  scope: string;
  /** Which claims carry the user name, the person's name, the unit (our unit id or grid code) and the roles. */
  claims: { username: string; name: string; unit: string; roles: string };
  /** The label of the sign-in button (e.g. 浙里办登录); 统一身份认证登录 by default. */
  label?: string;
  /** A plain-HTTP issuer (an intranet platform, a test's); refused unless said. */
  allowHttp?: boolean;
}

export const DEFAULT_OIDC_CLAIMS: OidcSettings['claims'] = { username: 'preferred_username', name: 'name', unit: 'org_unit', roles: 'roles' };

/** The OIDC settings from the environment, or undefined when SSO is off (no issuer set). */
export function oidcSettingsFromEnv(env: NodeJS.ProcessEnv): OidcSettings | undefined {
  const issuer = env.SHANZHI_OIDC_ISSUER;
  if (!issuer) return undefined;
  const missing = ['SHANZHI_OIDC_CLIENT_ID', 'SHANZHI_OIDC_CLIENT_SECRET', 'SHANZHI_OIDC_REDIRECT_URI'].filter((k) => !env[k]);
  if (missing.length > 0) throw new Error(`Invalid configuration:\n  ${missing.join(', ')}: required when SHANZHI_OIDC_ISSUER is set`);
  return {
    issuer, clientId: env.SHANZHI_OIDC_CLIENT_ID!, clientSecret: env.SHANZHI_OIDC_CLIENT_SECRET!, redirectUri: env.SHANZHI_OIDC_REDIRECT_URI!,
    scope: env.SHANZHI_OIDC_SCOPE ?? 'openid profile',
    claims: {
      username: env.SHANZHI_OIDC_USERNAME_CLAIM ?? DEFAULT_OIDC_CLAIMS.username,
      name: env.SHANZHI_OIDC_NAME_CLAIM ?? DEFAULT_OIDC_CLAIMS.name,
      unit: env.SHANZHI_OIDC_UNIT_CLAIM ?? DEFAULT_OIDC_CLAIMS.unit,
      roles: env.SHANZHI_OIDC_ROLES_CLAIM ?? DEFAULT_OIDC_CLAIMS.roles,
    },
    label: env.SHANZHI_OIDC_LABEL,
    allowHttp: env.SHANZHI_OIDC_ALLOW_HTTP === '1' || env.SHANZHI_OIDC_ALLOW_HTTP === 'true',
  };
}

