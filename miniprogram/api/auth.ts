import type { HttpResponse, KeyValueStorage, Platform } from '../platform/types';
import { ApiError, apiErrorFrom } from './errors';
import type { LoginAnswer, LoginRequest, TokenPair, User } from './paths';

/**
 * The signed-in session: the token pair in wx storage, sign-in with wx.login, and the refresh.
 *
 * - Sign-in and refresh are each single-flight: however many requests need them at once, one
 *   request goes out and everyone waits for it.
 * - A refresh token works once (the server rotates it), so it is sent at most once: a request that
 *   got 401 with a token that has since been replaced just retries with the new one.
 * - A refresh answered 401 (spent, revoked, expired, unknown) means the sign-in is over: wx.login again.
 */

export const STORAGE_KEYS = {
  jwt: 'auth.jwt',
  refreshToken: 'auth.refreshToken',
  user: 'auth.user',
  /** Set after a logout or an account deletion: no automatic sign-in until the person asks for one. */
  signedOut: 'auth.signedOut',
} as const;

/** Why there is no session and none will be made on its own. */
export type SignedOutReason = 'logout' | 'account_deleted';

/** A call needed a session, but the person signed out or deleted the account: only an explicit sign-in helps. */
export class SignedOutError extends ApiError {
  constructor(readonly why: SignedOutReason) {
    super(401, 'SignedOutError', why === 'account_deleted' ? '账号已注销：重新登录可在 30 天内恢复' : '已退出登录，请重新登录', { reason: why });
  }
}

/** Sends one request without any of the client's retry logic. */
export type RawPost = (path: string, body: unknown) => Promise<HttpResponse>;

export interface SessionOptions {
  platform: Platform;
  post: RawPost;
  /** Fake-WeChat development: sign in as this person instead of with wx.login's code (config.ts). */
  devSignInAs?: string | null;
  /** Longest wait honoured for a 429 during sign-in or refresh, in seconds. */
  maxRetryAfterSeconds?: number;
}

let devCodeCounter = 0;

export class Session {
  private readonly storage: KeyValueStorage;
  private signingIn: Promise<User> | null = null;
  private renewing: Promise<void> | null = null;
  private readonly listeners = new Set<(user: User | null) => void>();

  constructor(private readonly options: SessionOptions) {
    this.storage = options.platform.storage;
  }

  /** The stored access token, if any. */
  get jwt(): string | undefined {
    return this.storage.get<string>(STORAGE_KEYS.jwt);
  }

  get refreshToken(): string | undefined {
    return this.storage.get<string>(STORAGE_KEYS.refreshToken);
  }

  /** The user as of the last sign-in or profile read (kept in storage for offline starts). */
  get user(): User | undefined {
    return this.storage.get<User>(STORAGE_KEYS.user);
  }

  get signedIn(): boolean {
    return this.jwt !== undefined;
  }

  /** Why the person is signed out on purpose (logout, account deleted), or undefined. */
  get signedOut(): SignedOutReason | undefined {
    return this.storage.get<SignedOutReason>(STORAGE_KEYS.signedOut);
  }

  /** Keep the latest profile (after GET/PUT /api/me, a check-in's counters ...). */
  setUser(user: User) {
    this.storage.set(STORAGE_KEYS.user, user);
    for (const listener of [...this.listeners]) listener(user);
  }

  onUserChange(listener: (user: User | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** An access token to send: the stored one, else a refresh, else a sign-in. */
  async accessToken(): Promise<string> {
    if (this.signingIn) await this.signingIn;
    if (this.renewing) await this.renewing;
    const jwt = this.jwt;
    if (jwt) return jwt;
    const signedOut = this.signedOut;
    if (signedOut) throw new SignedOutError(signedOut);
    if (this.refreshToken) await this.renew(undefined);
    else await this.signIn();
    const fresh = this.jwt;
    if (!fresh) throw new ApiError(401, 'UnauthorizedError', '请重新登录');
    return fresh;
  }

  /**
   * After a 401 to a request sent with `staleJwt`: get a new access token, once for everyone. When the
   * stored token already differs from `staleJwt`, someone renewed it meanwhile and nothing is sent.
   */
  renew(staleJwt: string | undefined): Promise<void> {
    if (this.renewing) return this.renewing;
    if (this.signingIn) return this.signingIn.then(() => undefined);
    const current = this.jwt;
    if (current !== undefined && staleJwt !== undefined && current !== staleJwt) return Promise.resolve();
    this.renewing = this.refreshOrSignIn().finally(() => {
      this.renewing = null;
    });
    return this.renewing;
  }

  /**
   * wx.login, then POST /api/wechat/login; one at a time however many callers ask. Called by the person
   * (a sign-in button), it also ends a deliberate sign-out (and restores a deleted account in its grace).
   */
  signIn(profile: Omit<LoginRequest, 'code'> = {}): Promise<User> {
    this.storage.remove(STORAGE_KEYS.signedOut);
    if (this.signingIn) return this.signingIn;
    this.signingIn = this.loginWithWeChat(profile).finally(() => {
      this.signingIn = null;
    });
    return this.signingIn;
  }

  /**
   * Forget the tokens on this device. With a reason (logout, account deletion) no call signs in again
   * on its own: signing in would restore a deleted account, which only the person may ask for.
   */
  clear(reason?: SignedOutReason) {
    if (reason) this.storage.set(STORAGE_KEYS.signedOut, reason);
    this.storage.remove(STORAGE_KEYS.jwt);
    this.storage.remove(STORAGE_KEYS.refreshToken);
    this.storage.remove(STORAGE_KEYS.user);
    for (const listener of [...this.listeners]) listener(null);
  }

  /** POST /api/auth/logout: this sign-in's refresh token stops working; local tokens are forgotten either way. */
  async logout(): Promise<void> {
    const refreshToken = this.refreshToken;
    this.clear('logout');
    if (!refreshToken) return;
    const res = await this.options.post('/api/auth/logout', { refreshToken });
    if (res.status >= 400 && res.status !== 401) throw apiErrorFrom(res.status, res.headers, res.body, this.options.platform.now());
  }

  private storeTokens(pair: TokenPair) {
    this.storage.set(STORAGE_KEYS.jwt, pair.jwt);
    this.storage.set(STORAGE_KEYS.refreshToken, pair.refreshToken);
  }

  private async waitFor(error: ApiError) {
    const cap = this.options.maxRetryAfterSeconds ?? 60;
    await this.options.platform.sleep(Math.min(error.retryAfterSeconds ?? 1, cap) * 1000);
  }

  private async refreshOrSignIn(): Promise<void> {
    const signedOut = this.signedOut;
    if (signedOut) throw new SignedOutError(signedOut);
    const refreshToken = this.refreshToken;
    // The old access token is useless from here on; a request arriving now waits for this renewal.
    this.storage.remove(STORAGE_KEYS.jwt);
    if (!refreshToken) {
      await this.loginWithWeChat({});
      return;
    }
    for (let attempt = 0; ; attempt += 1) {
      const res = await this.options.post('/api/auth/refresh', { refreshToken });
      if (res.status === 200) {
        this.storeTokens((res.body as { data: TokenPair }).data);
        return;
      }
      const error = apiErrorFrom(res.status, res.headers, res.body, this.options.platform.now());
      // 429 is counted before the token is looked at: the token is still unspent, send it again once.
      if (res.status === 429 && attempt === 0) {
        await this.waitFor(error);
        continue;
      }
      if (res.status === 401) {
        // Deleted (on this or another device): signing in again would restore it; only the person may.
        if (error.reason === 'account_deleted') {
          this.clear('account_deleted');
          throw new SignedOutError('account_deleted');
        }
        // Spent, reused, revoked, expired or unknown: this sign-in is over.
        this.storage.remove(STORAGE_KEYS.refreshToken);
        await this.loginWithWeChat({});
        return;
      }
      throw error;
    }
  }

  private async nextCode(): Promise<string> {
    const person = this.options.devSignInAs;
    if (person) {
      devCodeCounter += 1;
      return `${person}.${this.options.platform.now().getTime()}${devCodeCounter}`;
    }
    return this.options.platform.loginCode();
  }

  private async loginWithWeChat(profile: Omit<LoginRequest, 'code'>): Promise<User> {
    let waited = false;
    let newCode = false;
    for (;;) {
      const body: LoginRequest = { ...profile, code: await this.nextCode() };
      const res = await this.options.post('/api/wechat/login', body);
      if (res.status === 200) {
        const { data } = res.body as LoginAnswer;
        this.storeTokens({ jwt: data.jwt, refreshToken: data.refreshToken });
        this.setUser(data.user);
        return data.user;
      }
      const error = apiErrorFrom(res.status, res.headers, res.body, this.options.platform.now());
      const errcode = error.details.errcode;
      // 40029 (invalid / expired code) and 40163 (code already used): a fresh wx.login code, once.
      if (!newCode && (errcode === 40029 || errcode === 40163)) {
        newCode = true;
        continue;
      }
      if (res.status === 429 && !waited) {
        waited = true;
        await this.waitFor(error);
        continue;
      }
      throw error;
    }
  }
}
