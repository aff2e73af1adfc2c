import { normalizeEmail } from '@baton/domain';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../common/context.js';
import { viewerOf } from '../../common/viewer.js';
import { mutate } from '../../common/mutation.js';
import { TENANT_FILTER, type TenantParams } from '../../common/tenant.js';
import { UserPayload } from '../user/user.types.js';
import { changePassword, logIn, signUp } from './auth.service.js';
import type { LoginLimiter } from './login-limiter.js';
import { revokeSession } from './session.service.js';
import { SessionPayload, type SessionInfo } from './session.types.js';

export interface AuthSettings {
  sessionDays: number;
  /** Failed password checks per account and per address; none → unlimited (schema emit). */
  loginLimiter?: LoginLimiter;
}

export function authResolver(settings: AuthSettings) {
  const started = (ctx: Context, payload: { session: SessionInfo | null }) => {
    if (payload.session) ctx.cookies.setSession(payload.session.token, new Date(Date.now() + settings.sessionDays * 86_400_000));
    return payload as SessionPayload;
  };

  /**
   * Runs a password check under the rate limit: a refusal (wrong password) counts against the
   * account and the address, anything else (success, an outage) gives the attempt back.
   */
  const limited = async <T extends { userErrors: { code: string }[] }>(ctx: Context, account: string, work: () => Promise<T>): Promise<T> => {
    const attempt = settings.loginLimiter?.reserve(account, ctx.clientAddress);
    let failed = false;
    try {
      const payload = await work();
      failed = payload.userErrors.some((e) => e.code === 'INVALID_CREDENTIALS');
      return payload;
    } finally {
      if (!failed) attempt?.forget();
    }
  };

  /**
   * signUp and logIn act for whoever signs in, not for the session the browser may still hold: a
   * viewer's EntityManager could neither create another organization nor a session in one.
   */
  const anonymous = (ctx: Context): Context => {
    const em = ctx.em.fork();
    em.setFilterParams(TENANT_FILTER, undefined as unknown as TenantParams);
    return { ...ctx, em, viewer: null };
  };

  @Resolver()
  class AuthResolver {
    @Mutation(() => SessionPayload, { description: 'its user is the first ADMIN' })
    async signUp(
      @Ctx() ctx: Context,
      @Arg('organizationName') organizationName: string,
      @Arg('name') name: string,
      @Arg('email') email: string,
      @Arg('password') password: string,
    ): Promise<SessionPayload> {
      return started(ctx, await mutate(anonymous(ctx), 'session', (em) => signUp(em, { organizationName, name, email, password }, settings.sessionDays)));
    }

    @Mutation(() => SessionPayload, { description: 'failed attempts are rate limited per account and per address (top-level RATE_LIMITED)' })
    async logIn(@Ctx() ctx: Context, @Arg('email') email: string, @Arg('password') password: string): Promise<SessionPayload> {
      const payload = await limited(ctx, normalizeEmail(email), () => mutate(anonymous(ctx), 'session', (em) => logIn(em, email, password, settings.sessionDays)));
      return started(ctx, payload);
    }

    @Mutation(() => Boolean)
    async logOut(@Ctx() ctx: Context): Promise<boolean> {
      if (ctx.viewer) await revokeSession(ctx.em, ctx.viewer.sessionId);
      ctx.cookies.clearSession();
      return true;
    }

    @Mutation(() => UserPayload, { description: "the signed-in user's own; signs out every other session of theirs" })
    async changePassword(
      @Ctx() ctx: Context,
      @Arg('currentPassword') currentPassword: string,
      @Arg('newPassword') newPassword: string,
    ): Promise<UserPayload> {
      const viewer = viewerOf(ctx);
      return limited(ctx, viewer.user.email, () => mutate(ctx, 'user', (em) => changePassword(em, viewer, currentPassword, newPassword)));
    }
  }
  return AuthResolver;
}
