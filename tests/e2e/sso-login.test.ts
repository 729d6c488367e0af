// Single sign-on in the browser: the login page offers 统一身份认证登录 when it is on; the button goes to the identity
// platform (a real OpenID Connect provider, in-process) and back, and the person lands signed in on their home page,
// the token gone from the address bar. A person the platform sends from a unit unknown here is told why on the login page.
import type { Browser } from 'playwright-core';
import type { OidcSettings } from '../../api/auth/oidc-settings';
import { createTestStack, type TestStack } from '../support/test-stack';
import { MODELER_DIST } from '../support/paths';
import { launchBrowser, screenshot, warmUp, withFailureScreenshots } from '../support/browser';
import { startOidcProvider, TEST_OIDC_CLIENT, type TestOidcProvider } from '../support/oidc-provider';

let stack: TestStack;
let browser: Browser;
let provider: TestOidcProvider;

const PEOPLE = {
  'sub-1001': { preferred_username: 'sso_window', name: '单点窗口员', org_unit: 'street-a', roles: ['window_clerk'] },
  'sub-1002': { preferred_username: 'sso_lost', name: '无处安放', org_unit: 'street-zz', roles: ['window_clerk'] },
};

beforeAll(async () => {
  // The issuer and callback are known once the provider and the app listen; the app reads them at each sign-in.
  const settings: OidcSettings = {
    issuer: '', clientId: TEST_OIDC_CLIENT.id, clientSecret: TEST_OIDC_CLIENT.secret, redirectUri: '', scope: 'openid profile',
    claims: { username: 'preferred_username', name: 'name', unit: 'org_unit', roles: 'roles' }, allowHttp: true,
  };
  [stack, browser] = await Promise.all([createTestStack({ staticDir: MODELER_DIST, listen: true, oidc: settings }), launchBrowser()]);
  settings.redirectUri = `${stack.baseUrl}/api/auth/oidc/callback`;
  provider = await startOidcProvider(settings.redirectUri, PEOPLE);
  settings.issuer = provider.issuer;
  await warmUp(browser, stack.baseUrl!);
});

afterAll(async () => {
  await browser?.close();
  await provider?.close();
  await stack?.close();
});

test('统一身份认证登录 takes a person through the platform and back, signed in; a refusal is shown on the login page', async () => {
  await withFailureScreenshots(browser, 'sso', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    provider.signInAs('sub-1001');
    await page.goto(`${stack.baseUrl}/login`);
    const sso = page.getByRole('link', { name: /统一身份认证登录/ }).or(page.getByRole('button', { name: /统一身份认证登录/ }));
    await sso.waitFor();
    await screenshot(page, 'sso-01-login-page');
    await sso.click();
    await page.waitForURL((url) => url.pathname !== '/login' && url.origin === stack.baseUrl);
    await page.getByText('单点窗口员').first().waitFor();
    expect(page.url()).not.toContain('sso=');
    await screenshot(page, 'sso-02-signed-in');
    await context.close();

    const other = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const lost = await other.newPage();
    lost.setDefaultTimeout(20_000);
    provider.signInAs('sub-1002');
    await lost.goto(`${stack.baseUrl}/login`);
    await lost.getByRole('link', { name: /统一身份认证登录/ }).or(lost.getByRole('button', { name: /统一身份认证登录/ })).click();
    await lost.getByRole('alert').getByText('统一身份认证登录未完成：您在统一身份认证平台登记的所属单位在本系统中不存在或已停用，请联系系统管理员').waitFor();
    expect(lost.url()).not.toContain('ssoError=');
    await other.close();
  });
});
