import { normalizeEmail } from '@baton/domain';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../common/context.js';
import { viewerOf } from '../../common/viewer.js';
import { mutate } from '../../common/mutation.js';
import { TENANT_FILTER, type TenantParams } from '../../common/tenant.js';
import { UserPayload } from '../user/user.types.js';
import { changePassword, logIn, signUp } from './auth.service.js';
import type { Attempt, SignInLimiter } from './sign-in-limiter.js';
import { revokeSession } from './session.service.js';
import { SessionPayload, type SessionInfo } from './session.types.js';

export interface AuthSettings {
  sessionDays: number;
  /** Failed password checks per (account, address) and per address, sign-ups per address; none → unlimited (schema emit). */
  signInLimiter?: SignInLimiter;
}

export function authResolver(settings: AuthSettings) {
  const started = (ctx: Context, payload: { session: SessionInfo | null }) => {
    if (payload.session) ctx.cookies.setSession(payload.session.token, new Date(Date.now() + settings.sessionDays * 86_400_000));
    return payload as SessionPayload;
  };

  /**
   * Runs `work` under a reserved attempt (sign-in-limiter.ts), settled by what it answered:
   * `counted` when `counts(payload)`, `succeeded` when it did what it was asked, otherwise (and on an
   * outage) `returned`.
   */
  const limited = async <T extends { userErrors: { code: string }[] }>(reserve: Promise<Attempt> | undefined, work: () => Promise<T>, counts: (payload: T) => boolean): Promise<T> => {
    const attempt = await reserve;
    let payload: T | undefined;
    try {
      payload = await work();
      return payload;
    } finally {
      if (!payload) await attempt?.returned();
      else if (counts(payload)) await attempt?.counted();
      else if (payload.userErrors.length === 0) await attempt?.succeeded();
      else await attempt?.returned();
    }
  };
  const wrongPassword = (payload: { userErrors: { code: string }[] }) => payload.userErrors.some((e) => e.code === 'INVALID_CREDENTIALS');

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
    @Mutation(() => SessionPayload, { description: 'its user is the first ADMIN; sign-ups are rate limited per address (top-level RATE_LIMITED)' })
    async signUp(
      @Ctx() ctx: Context,
      @Arg('organizationName') organizationName: string,
      @Arg('name') name: string,
      @Arg('email') email: string,
      @Arg('password') password: string,
    ): Promise<SessionPayload> {
      // Each organization made counts; a refused sign-up (its input) gives the attempt back.
      const payload = await limited(
        settings.signInLimiter?.signUp(ctx.clientAddress),
        () => mutate(anonymous(ctx), 'session', (em) => signUp(em, { organizationName, name, email, password }, settings.sessionDays)),
        (p) => p.session !== null,
      );
      return started(ctx, payload);
    }

    @Mutation(() => SessionPayload, { description: 'failed attempts are rate limited per (account, address) and per address (top-level RATE_LIMITED)' })
    async logIn(@Ctx() ctx: Context, @Arg('email') email: string, @Arg('password') password: string): Promise<SessionPayload> {
      const payload = await limited(
        settings.signInLimiter?.passwordCheck(normalizeEmail(email), ctx.clientAddress),
        () => mutate(anonymous(ctx), 'session', (em) => logIn(em, email, password, settings.sessionDays)),
        wrongPassword,
      );
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
      return limited(
        settings.signInLimiter?.passwordCheck(viewer.user.email, ctx.clientAddress),
        () => mutate(ctx, 'user', (em) => changePassword(em, viewer, currentPassword, newPassword)),
        wrongPassword,
      );
    }
  }
  return AuthResolver;
}
