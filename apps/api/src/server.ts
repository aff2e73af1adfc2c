import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/postgresql';
import express, { type ErrorRequestHandler, type Request, type Response } from 'express';
import { GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import helmet from 'helmet';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pinoHttp } from 'pino-http';
import { WebSocketServer } from 'ws';
import { parse as parseCookies } from 'cookie';
import type { Config } from './config.js';
import type { Context } from './context.js';
import { formatError } from './common/errors.js';
import { TENANT_FILTER } from './common/tenant.js';
import type { Logger } from './logger.js';
import { createLoaders } from './loaders.js';
import { parseCsvFilter, streamInvoicesCsv } from './reports/invoices-csv.js';
import { invoicePdf } from './modules/invoice/invoice.document.js';
import type { Live } from './modules/notification/live.js';
import { createSchema } from './schema.js';
import { SESSION_COOKIE, viewerForToken } from './modules/session/session.service.js';

export interface AppOptions {
  orm: MikroORM;
  live: Live;
  config: Config;
  log: Logger;
}

export interface App {
  httpServer: http.Server;
  listen(port: number, host?: string): Promise<number>;
  stop(): Promise<void>;
}

const REQUEST_ID = /^[\w.-]{1,64}$/;

function bearer(authorization: unknown): string | undefined {
  if (typeof authorization !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  return m?.[1];
}

function tokenFrom(authorization: unknown, cookieHeader: string | undefined): string | undefined {
  return bearer(authorization) ?? (cookieHeader ? parseCookies(cookieHeader)[SESSION_COOKIE] : undefined);
}

/** Logs unexpected errors once, with the request id, and tags them so the client can quote it. */
function errorLogging(log: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            if (code && code !== 'INTERNAL_SERVER_ERROR') continue;
            (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
            log.error({ err: error.originalError ?? error, requestId: contextValue.requestId, path: error.path }, 'unexpected error');
          }
        },
      };
    },
  };
}

export async function createApp({ orm, live, config, log }: AppOptions): Promise<App> {
  const schema = await createSchema({ sessionDays: config.sessionDays });
  const app = express();
  const httpServer = http.createServer(app);
  app.disable('x-powered-by');
  app.set('trust proxy', process.env.TRUST_PROXY ?? false);

  app.use(
    pinoHttp({
      logger: log,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'script-src': ["'self'"],
          'connect-src': ["'self'"],
          'img-src': ["'self'", 'data:'],
          'upgrade-insecure-requests': config.cookieSecure ? [] : null,
        },
      },
      strictTransportSecurity: config.cookieSecure,
    }),
  );

  app.get('/healthz', async (_req, res) => {
    try {
      await orm.em.getConnection().execute('select 1');
      res.json({ status: 'ok' });
    } catch {
      res.status(503).json({ status: 'unavailable', database: 'unreachable' });
    }
  });

  const contextFor = async (requestId: string, token: string | undefined, cookies: Context['cookies']): Promise<Context> => {
    const em = orm.em.fork();
    const viewer = await viewerForToken(em, token);
    if (viewer) em.setFilterParams(TENANT_FILTER, { organizationId: viewer.organizationId });
    return { em, viewer, loaders: createLoaders(em, viewer?.organizationId), live, requestId, log: log.child({ requestId }), cookies };
  };

  // Invoice PDFs: same session as the API; another organization's invoice, a malformed id or an
  // anonymous request all get the same 404.
  app.get('/invoices/:file', async (req, res) => {
    const match = /^([0-9a-f-]{36})\.pdf$/i.exec(req.params.file);
    const context = await contextFor(String(req.id), tokenFrom(req.headers.authorization, req.headers.cookie), cookieJar(req, res));
    const pdf = match && context.viewer ? await invoicePdf(context.em, match[1]) : null;
    if (!pdf) {
      res.status(404).json({ error: 'Not found' });
      return;
    }
    res.setHeader('content-type', 'application/pdf');
    res.setHeader('content-disposition', `${req.query.download ? 'attachment' : 'inline'}; filename="${pdf.filename}"`);
    res.setHeader('cache-control', 'private, no-store');
    res.end(pdf.content);
  });

  // The invoices report as CSV, streamed; same session and organization check as the API.
  app.get('/reports/invoices.csv', async (req, res) => {
    const context = await contextFor(String(req.id), tokenFrom(req.headers.authorization, req.headers.cookie), cookieJar(req, res));
    if (!context.viewer) {
      res.status(404).json({ error: 'Not found' });
      return;
    }
    let filter;
    try {
      filter = parseCsvFilter(req.query.filter);
      await streamInvoicesCsv(orm, context.viewer.organizationId, filter, res);
    } catch (err) {
      if (res.headersSent) {
        // A truncated download must look failed, not complete: cut the connection.
        req.log.error({ err }, 'CSV stream failed');
        res.destroy(err as Error);
      } else {
        const bad = err instanceof GraphQLError || err instanceof SyntaxError || (err as Error).message === 'bad filter';
        if (!bad) req.log.error({ err }, 'CSV failed');
        res.status(bad ? 400 : 500).json({ errors: [{ message: bad ? (err as Error).message : 'Something went wrong on our side.', extensions: { code: bad ? 'BAD_USER_INPUT' : 'INTERNAL_SERVER_ERROR' } }] });
      }
    }
  });

  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const wsCleanup = useServer<Record<string, unknown>, { token?: string }>(
    {
      schema,
      connectionInitWaitTimeout: 10_000,
      onConnect: async (ctx) => {
        const token = tokenFrom(ctx.connectionParams?.authorization, ctx.extra.request.headers.cookie);
        const viewer = await viewerForToken(orm.em.fork(), token);
        if (!viewer) return false; // closes with 4403 Forbidden
        ctx.extra.token = token;
        return true;
      },
      context: (ctx) =>
        contextFor(randomUUID(), ctx.extra.token, { setSession() {}, clearSession() {} }),
    },
    wsServer,
  );

  const apollo = new ApolloServer<Context>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    // main.ts handles SIGTERM/SIGINT for the whole process (Apollo's own handler would stop the
    // server behind our back and re-raise the signal, leaving our shutdown waiting).
    stopOnTerminationSignals: false,
    introspection: !config.production,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      { async serverWillStart() { return { async drainServer() { await wsCleanup.dispose(); } }; } },
      ApolloServerPluginLandingPageDisabled(),
      errorLogging(log),
    ],
  });
  await apollo.start();

  const cookieJar = (req: Request, res: Response): Context['cookies'] => {
    const options = { httpOnly: true, sameSite: 'lax' as const, secure: config.cookieSecure || req.secure, path: '/' };
    return {
      setSession: (token, expires) => res.cookie(SESSION_COOKIE, token, { ...options, expires }),
      clearSession: () => res.clearCookie(SESSION_COOKIE, options),
    };
  };

  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => contextFor(String(req.id), tokenFrom(req.headers.authorization, req.headers.cookie), cookieJar(req, res)),
    }),
  );

  // The built SPA: assets as files, every other GET answered with index.html (client-side routes).
  const index = path.join(config.webDist, 'index.html');
  if (fs.existsSync(index)) {
    app.use(express.static(config.webDist, { index: false, maxAge: '1h' }));
    app.get(/^\/(?!graphql|healthz).*/, (_req, res) => res.sendFile(index));
  } else {
    log.warn({ webDist: config.webDist }, 'no built web app found; serving the API only (run pnpm build)');
  }

  // Malformed or oversized bodies get a JSON answer, never an HTML page.
  const jsonErrors: ErrorRequestHandler = (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) req.log.error({ err }, 'unhandled error');
    const message = status === 413 ? 'The request body is too large.' : status === 400 ? 'The request body is not valid JSON.' : status === 500 ? 'Something went wrong on our side.' : 'Bad request.';
    const code = status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
    res.status(status).json({ errors: [new GraphQLError(message, { extensions: { code } }).toJSON()] });
  };
  app.use(jsonErrors);

  return {
    httpServer,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve((httpServer.address() as AddressInfo).port));
      }),
    async stop() {
      await apollo.stop(); // drains HTTP requests, then closes subscriptions
      wsServer.close();
    },
  };
}
