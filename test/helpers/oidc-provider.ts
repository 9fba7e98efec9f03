import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import request from 'supertest';
import type { Agent } from './web';

/** The client Salesbench is registered as at the test provider. */
export const TEST_CLIENT = { id: 'salesbench', secret: 'salesbench-test-client-secret-0123456789' } as const;

export interface TestOidcProvider {
  /** http://127.0.0.1:<port>: the issuer, and where its pages are. */
  readonly issuer: string;
  /** OIDC_* variables for an app that signs in with this provider. */
  readonly env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts a real OpenID Connect provider (oidc-provider, see oidc-provider-server.mjs) in a child process.
 * `redirectUris`: the app's callback addresses. Whoever types a login on its page is that login;
 * `unverified+x@y` is x@y unverified, `noemail+x` has no e-mail. `foreignKeys`: it signs with keys it
 * does not publish.
 */
export async function startOidcProvider(options: { redirectUris: string[]; idTokenTtlSeconds?: number; displayName?: string; foreignKeys?: boolean }): Promise<TestOidcProvider> {
  const script = path.join(__dirname, 'oidc-provider-server.mjs');
  const args = JSON.stringify({ clientId: TEST_CLIENT.id, clientSecret: TEST_CLIENT.secret, redirectUris: options.redirectUris, idTokenTtl: options.idTokenTtlSeconds ?? 120, foreignKeys: options.foreignKeys ?? false });
  const child: ChildProcess = spawn(process.execPath, [script, args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const port = await new Promise<number>((resolve, reject) => {
    // A provider that never says it listens is stopped: left running, it would keep the test run from ending.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the test provider did not start: ${errors}`));
    }, 20_000);
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening (\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the test provider exited with ${code}: ${errors}`));
    });
  });
  const issuer = `http://127.0.0.1:${port}`;
  return {
    issuer,
    env: { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: TEST_CLIENT.id, OIDC_CLIENT_SECRET: TEST_CLIENT.secret, OIDC_DISPLAY_NAME: options.displayName ?? 'Test IdP' },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The path and query of a redirect's Location, for the app's agent (the provider redirects to PUBLIC_URL). */
export function pathOf(location: string): string {
  const url = new URL(location);
  return `${url.pathname}${url.search}`;
}

/**
 * Starts single sign-on on the app (the button on /login) and returns the provider's authorization
 * URL the app redirected to.
 */
export async function startSso(agent: Agent): Promise<string> {
  const page = await agent.get('/login');
  const href = /href="(\/auth\/oidc\/start[^"]*)"/.exec(page.text)?.[1];
  if (!href) throw new Error('no single sign-on button on /login');
  const res = await agent.get(href.replace(/&amp;/g, '&'));
  if (res.status !== 303) throw new Error(`starting single sign-on answered ${res.status}`);
  return String(res.headers.location);
}

/**
 * Goes through the provider as a browser would: its login page, typed `login`, and back. Returns
 * the app's callback URL (with code and state) the provider redirected to.
 */
export async function signInAtProvider(authorizationUrl: string, login: string): Promise<string> {
  const origin = new URL(authorizationUrl).origin;
  const browser = request.agent(origin);
  let res = await browser.get(pathOf(authorizationUrl));
  for (let hop = 0; hop < 10; hop += 1) {
    const location = res.headers.location ? new URL(String(res.headers.location), origin).href : undefined;
    if (location && !location.startsWith(origin)) return location;
    if (location) {
      res = await browser.get(pathOf(location));
      continue;
    }
    const action = /<form[^>]*action="([^"]+)"/.exec(res.text)?.[1];
    if (!action || res.status !== 200) throw new Error(`the provider answered ${res.status}: ${res.text.slice(0, 300)}`);
    const prompt = /name="prompt" value="(\w+)"/.exec(res.text)?.[1];
    res = await browser.post(pathOf(new URL(action.replace(/&amp;/g, '&'), origin).href)).type('form').send(prompt === 'login' ? { prompt, login, password: 'any password' } : { prompt });
  }
  throw new Error('the provider never redirected back');
}
