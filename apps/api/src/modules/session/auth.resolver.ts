import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { mutate } from '../../common/mutation.js';
import { logIn, signUp } from './auth.service.js';
import { revokeSession } from './session.service.js';
import { SessionPayload, type SessionInfo } from './session.types.js';

export interface AuthSettings {
  sessionDays: number;
}

export function authResolver(settings: AuthSettings) {
  const started = (ctx: Context, payload: { session: SessionInfo | null }) => {
    if (payload.session) ctx.cookies.setSession(payload.session.token, new Date(Date.now() + settings.sessionDays * 86_400_000));
    return payload as SessionPayload;
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
      return started(ctx, await mutate(ctx, 'session', (em) => signUp(em, { organizationName, name, email, password }, settings.sessionDays)));
    }

    @Mutation(() => SessionPayload)
    async logIn(@Ctx() ctx: Context, @Arg('email') email: string, @Arg('password') password: string): Promise<SessionPayload> {
      return started(ctx, await mutate(ctx, 'session', (em) => logIn(em, email, password, settings.sessionDays)));
    }

    @Mutation(() => Boolean)
    async logOut(@Ctx() ctx: Context): Promise<boolean> {
      if (ctx.viewer) await revokeSession(ctx.em, ctx.viewer.sessionId);
      ctx.cookies.clearSession();
      return true;
    }
  }
  return AuthResolver;
}
