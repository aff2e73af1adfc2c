import { ApolloServer, HeaderMap, type ApolloServerPlugin, type GraphQLRequestListener } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/postgresql';
import express, { type ErrorRequestHandler, type Request, type Response } from 'express';
import { GraphQLError, GraphQLInputObjectType, visit, type DocumentNode, type GraphQLInputType, type GraphQLScalarType } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import helmet from 'helmet';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import { parse as parseCookies } from 'cookie';
import type { Config } from './config.js';
import type { Context } from './common/context.js';
import { databaseTrouble, formatError, RETRY_AFTER_SECONDS, UNAVAILABLE_CODES } from './common/errors.js';
import { checkDocument, MAX_NESTING, nestingDepth, QUERY_LIMITS, tooDeeplyNested, validationRules } from './common/query-limits.js';
import type { Logger } from './logger.js';
import { createContextFactory, replicaFor } from './context.js';
import type { ReadReplicas } from './db/replicas.js';
import { BadDownloadParameter, invoicesCsv, parseCsvFilter } from './reports/invoices-csv.js';
import { agingCsv } from './reports/receivables-aging.js';
import { salesOrdersCsv } from './reports/sales-orders-csv.js';
import type { SalesOrdersFilter } from './modules/sales-order/sales-orders-list.js';
import { DownloadRunner } from './common/download-runner.js';
import { KeyedSemaphore } from './common/semaphore.js';
import { malformedText, malformedTextReason, normalizeText } from './common/text-input.js';
import { invoicePdf } from './modules/invoice/invoice.document.js';
import type { Live } from './modules/notification/live.js';
import { createSchema } from './schema.js';
import { SESSION_COOKIE, viewerForToken } from './modules/session/session.service.js';
import { SignInLimiter } from './modules/session/sign-in-limiter.js';
import { usePreparedStatements } from './common/prepared.js';
import { fixedHeaders, requestLogging } from './common/http-middleware.js';
import { SessionCache } from './modules/session/session-cache.js';
import { SessionWatch } from './modules/session/session-watch.js';

export interface AppOptions {
  orm: MikroORM;
  /** DATABASE_READ_URLS' replicas, when any. */
  replicas?: ReadReplicas;
  live: Live;
  config: Config;
  log: Logger;
}

export interface App {
  httpServer: http.Server;
  listen(port: number, host?: string): Promise<number>;
  stop(): Promise<void>;
}

function bearer(authorization: unknown): string | undefined {
  if (typeof authorization !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  return m?.[1];
}

function tokenFrom(authorization: unknown, cookieHeader: string | undefined): string | undefined {
  return bearer(authorization) ?? (cookieHeader ? parseCookies(cookieHeader)[SESSION_COOKIE] : undefined);
}

/** Text that cannot be taken as sent (NUL, a lone surrogate) in the variables or the document's literals. */
function malformedTextRefusal(variables: unknown, document: DocumentNode): GraphQLError | null {
  let reason = malformedText(variables);
  if (!reason) visit(document, { StringValue: (node) => void (reason ||= malformedTextReason(node.value)) });
  return reason ? new GraphQLError(reason, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } }) : null;
}

/**
 * Before execution: text with a NUL character or a lone surrogate is refused as malformed
 * (top-level BAD_USER_INPUT), in variables and in literals alike (PostgreSQL would refuse the first
 * mid-transaction, and store the second as U+FFFD while the answer echoed it); and a subscription
 * sent over HTTP is refused (they are served over the WebSocket, with its limits and session watch).
 */
function refuseBeforeExecution(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation }) {
          if (operation?.operation === 'subscription') {
            throw new GraphQLError('Subscriptions are served over the WebSocket at /graphql (graphql-transport-ws), not over HTTP.', {
              extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
            });
          }
          const refused = malformedTextRefusal(request.variables, document);
          if (refused) throw refused;
        },
      };
    },
  };
}

/** Every GraphQL answer is private to its viewer: never stored by a cache. */
function noStore(): ApolloServerPlugin<Context> {
  const listener: GraphQLRequestListener<Context> = {
    async willSendResponse({ response }) {
      response.http.headers.set('cache-control', 'no-store');
    },
  };
  return { requestDidStart: async () => listener };
}

/** Logs unexpected errors once, with the request id, and tags them so the client can quote it. */
function errorLogging(log: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ errors, response }) {
          // A refused sign-in attempt (rate limited) answers 429 with Retry-After.
          const limited = errors?.find((e) => e.extensions?.code === 'RATE_LIMITED');
          if (limited) {
            response.http.status = 429;
            response.http.headers.set('retry-after', String(limited.extensions.retryAfterSeconds ?? 60));
          }
          // A database that could not serve (BUSY, TIMEOUT, SERVICE_UNAVAILABLE, as formatError named
          // it) answers 503 with Retry-After wherever it arose: context, resolver or download.
          const formatted = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          if (formatted?.some((e) => UNAVAILABLE_CODES.has(e.extensions?.code as string))) {
            response.http.status = 503;
            response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
          }
        },
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

export async function createApp({ orm, replicas, live, config, log }: AppOptions): Promise<App> {
  const signInLimiter = new SignInLimiter(orm, {
    perPair: config.loginRateLimit,
    perAddress: config.loginRateLimitPerAddress,
    windowSeconds: config.loginRateWindowSeconds,
    delayAfter: config.loginDelayAfter,
    signUpsPerAddress: config.signUpRateLimit,
    signUpWindowSeconds: config.signUpRateWindowSeconds,
  });
  const schema = await createSchema({ sessionDays: config.sessionDays, signInLimiter });
  const sessions = new SessionWatch(orm, live, log, Math.max(100, config.sessionSweepMs));
  // Off with replicas: read-your-writes reads each request's time since its session last wrote.
  const sessionCache = new SessionCache(live, replicas ? 0 : config.sessionCacheMs);
  usePreparedStatements(config.dbPreparedStatements);
  const app = express();
  const httpServer = http.createServer(app);
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);

  // GraphQL answers to POSTs: an ETag (a SHA-1 of every body) would never be used.
  app.set('etag', false);
  app.use(requestLogging(log));
  app.use(
    fixedHeaders(helmet({
      contentSecurityPolicy: {
        directives: {
          'script-src': ["'self'"],
          'connect-src': ["'self'"],
          'img-src': ["'self'", 'data:'],
          'upgrade-insecure-requests': config.cookieSecure ? [] : null,
        },
      },
      strictTransportSecurity: config.cookieSecure,
    })),
  );

  // Streamed downloads run on a pool of their own, a few per organization at most (download-runner.ts).
  const downloads = new DownloadRunner(
    orm.config.get('clientUrl')!,
    {
      connections: config.downloadConnections,
      perOrganization: config.downloadsPerOrganization,
      stallMs: config.downloadStallTimeoutMs,
      acquireTimeoutMs: config.dbPoolAcquireTimeoutMs,
      statementTimeoutMs: 15 * 60_000,
    },
    log,
  );
  // Each organization's fair share of the interactive pool: at most this many of its requests run at
  // once on this instance (default: half the pool, rounded up); the others wait, then BUSY.
  const organizationShare = new KeyedSemaphore(config.requestsPerOrganization || Math.ceil(config.dbPoolMax / 2));

  // /healthz has a connection of its own, so it answers at once even when every pooled connection is
  // busy (a loaded instance is still a live one); it reports how busy the pools are.
  const health = new pg.Pool({ connectionString: orm.config.get('clientUrl'), max: 1, connectionTimeoutMillis: 2_000, idleTimeoutMillis: 30_000, query_timeout: 2_000 });
  health.on('error', () => undefined); // an idle connection cut by a restart is replaced on next use
  app.get('/healthz', async (_req, res) => {
    const pool = orm.em.getConnection().getKnex().client.pool as { numUsed(): number; numFree(): number; numPendingAcquires(): number } | undefined;
    const usage = pool ? { used: pool.numUsed(), free: pool.numFree(), waiting: pool.numPendingAcquires() } : undefined;
    // Replicas (DATABASE_READ_URLS): each one's state and lag; one down or lagging leaves the
    // instance healthy (its reads go to the primary), so it only shows here.
    const replicaStates = replicas ? { replicas: replicas.status() } : {};
    try {
      await health.query('select 1');
      res.json({ status: 'ok', pool: usage, downloads: downloads.usage(), ...replicaStates });
    } catch {
      res.status(503).json({ status: 'unavailable', database: 'unreachable', pool: usage, downloads: downloads.usage(), ...replicaStates });
    }
  });

  const replicaRouting = replicas ? { set: replicas, readYourWritesMs: config.readYourWritesMs } : undefined;
  const contextFor = createContextFactory({
    orm,
    live,
    log,
    organizationShare: { semaphore: organizationShare, waitMs: config.dbPoolAcquireTimeoutMs },
    replicas: replicaRouting,
    sessions: sessionCache,
  });

  /** A database that cannot serve now (BUSY, TIMEOUT, SERVICE_UNAVAILABLE): HTTP 503 with Retry-After, as JSON. */
  const unavailable = (res: Response, trouble: { code: string; message: string }) => {
    res.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
    res.status(503).json({ errors: [new GraphQLError(trouble.message, { extensions: { code: trouble.code } }).toJSON()] });
  };

  // Invoice PDFs: same session as the API; another organization's invoice, a malformed id or an
  // anonymous request all get the same 404.
  app.get('/invoices/:file', async (req, res, next) => {
    // Only `<id>.pdf` is a download; `/invoices/<id>` is the web app's invoice page (a reload or a link).
    if (!req.params.file.toLowerCase().endsWith('.pdf')) return next();
    const id = /^([0-9a-f-]{36})\.pdf$/i.exec(req.params.file)?.[1];
    const context = await contextFor(String(req.id), tokenFrom(req.headers.authorization, req.headers.cookie), cookieJar(req, res), undefined, res);
    // Rendering happens after the invoice is read: no connection is held while it is sent.
    const pdf = id && context.viewer ? await invoicePdf(context.em, id) : null;
    if (!pdf) {
      res.status(404).json({ error: 'Not found' });
      return;
    }
    res.setHeader('content-type', 'application/pdf');
    res.setHeader('content-disposition', `${req.query.download ? 'attachment' : 'inline'}; filename="${pdf.filename}"`);
    res.setHeader('cache-control', 'private, no-store');
    res.end(pdf.content);
  });

  // The invoices report as CSV, streamed; same session and organization check as the API. The
  // parameters are validated like GraphQL's (a JSON 400 before any byte); the download runs on the
  // downloads' own pool and is cut off if its client leaves or stops reading.
  const invoicesFilterType = schema.getType('InvoicesReportFilter') as GraphQLInputType;
  app.get('/reports/invoices.csv', async (req, res) => {
    const context = await contextFor(String(req.id), tokenFrom(req.headers.authorization, req.headers.cookie), cookieJar(req, res));
    if (!context.viewer) {
      res.status(404).json({ error: 'Not found' });
      return;
    }
    let produce;
    try {
      produce = invoicesCsv(context.viewer.organizationId, parseCsvFilter(req.query.filter, invoicesFilterType));
    } catch (err) {
      if (!(err instanceof BadDownloadParameter || err instanceof GraphQLError)) throw err;
      res.status(400).json({ errors: [{ message: err.message, extensions: { code: 'BAD_USER_INPUT' } }] });
      return;
    }
    try {
      // Read from a replica when the viewer's reports may (as the invoices report itself).
      const target = replicaFor(replicaRouting, context.viewer);
      const replica = target && replicas ? { url: target.url, failed: (error: unknown) => replicas.markDown(target, error) } : undefined;
      await downloads.run(req, res, context.viewer.organizationId, produce, replica);
    } catch (err) {
      if (!res.headersSent) throw err; // jsonErrors answers it (503 BUSY / TIMEOUT / SERVICE_UNAVAILABLE)
      // A truncated download must look failed, not complete: cut the connection.
      req.log.warn({ err: (err as Error).message }, 'CSV download failed');
      res.destroy(err as Error);
    }
  });

  /**
   * A list's CSV route, as the invoices CSV's: the same session and organization check (404 for
   * anonymous), `?filter=` validated as GraphQL validates the input (a JSON 400 before any byte),
   * then streamed on the downloads' pool.
   */
  const csvRoute = <F>(path: string, filterType: GraphQLInputType, produceFor: (organizationId: string, filter: F) => ReturnType<typeof invoicesCsv>) => {
    app.get(path, async (req, res) => {
      const context = await contextFor(String(req.id), tokenFrom(req.headers.authorization, req.headers.cookie), cookieJar(req, res));
      if (!context.viewer) {
        res.status(404).json({ error: 'Not found' });
        return;
      }
      let produce;
      try {
        produce = produceFor(context.viewer.organizationId, parseCsvFilter(req.query.filter, filterType) as F);
      } catch (err) {
        if (!(err instanceof BadDownloadParameter || err instanceof GraphQLError)) throw err;
        res.status(400).json({ errors: [{ message: err.message, extensions: { code: 'BAD_USER_INPUT' } }] });
        return;
      }
      try {
        await downloads.run(req, res, context.viewer.organizationId, produce);
      } catch (err) {
        if (!res.headersSent) throw err;
        req.log.warn({ err: (err as Error).message }, 'CSV download failed');
        res.destroy(err as Error);
      }
    });
  };
  // The receivables aging: `?filter=` holds { asOf }.
  const agingFilterType = new GraphQLInputObjectType({ name: 'AgingCsvFilter', fields: { asOf: { type: schema.getType('Date') as GraphQLScalarType } } });
  csvRoute<{ asOf?: string | null }>('/reports/aging.csv', agingFilterType, (organizationId, f) => agingCsv(organizationId, f.asOf ?? null));
  csvRoute<SalesOrdersFilter>('/reports/sales-orders.csv', schema.getType('SalesOrderFilter') as GraphQLInputType, salesOrdersCsv);

  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: 1024 * 1024 });
  const wsCleanup = useServer<Record<string, unknown>, { token?: string; unwatch?: () => void }>(
    {
      schema,
      connectionInitWaitTimeout: config.wsInitTimeoutMs,
      onConnect: async (ctx) => {
        const token = tokenFrom(ctx.connectionParams?.authorization, ctx.extra.request.headers.cookie);
        const viewer = await viewerForToken(orm.em.fork(), token);
        if (!viewer) return false; // closes with 4403 Forbidden
        ctx.extra.token = token;
        // A revoked (logged out, password changed) or expired session loses its socket: 4403 too.
        ctx.extra.unwatch = sessions.watch(viewer.sessionId, () => ctx.extra.socket.close(4403, 'Forbidden'));
        return true;
      },
      onClose: (ctx) => ctx.extra.unwatch?.(),
      // The same limits as over HTTP; a refused document answers errors, the socket stays open.
      onSubscribe: (ctx, _id, payload) => {
        // graphql-ws has already reserved this id in ctx.subscriptions.
        if (Object.keys(ctx.subscriptions).length > config.wsMaxSubscriptions) {
          return [new GraphQLError(`At most ${config.wsMaxSubscriptions} subscriptions per connection.`, { extensions: { code: 'BAD_REQUEST' } })];
        }
        // Text in NFC before anything reads it, as over HTTP.
        const variables = normalizeText(payload.variables);
        const checked = checkDocument(schema, payload.query.normalize('NFC'), config.production);
        if (Array.isArray(checked)) return checked as GraphQLError[];
        const malformed = malformedTextRefusal(variables, checked as DocumentNode);
        if (malformed) return [malformed];
        return { schema, document: checked as DocumentNode, variableValues: variables, operationName: payload.operationName };
      },
      // Errors leave masked as over HTTP (no SQL, no stack), unexpected ones logged with an id.
      onNext: (_ctx, _id, _payload, args, result) => {
        if (!result.errors?.length) return;
        const requestId = (args.contextValue as Context | undefined)?.requestId;
        const errors = result.errors.map((error) => {
          const e = error as GraphQLError;
          if (!e.extensions?.code || e.extensions.code === 'INTERNAL_SERVER_ERROR') log.error({ err: e.originalError ?? e, requestId, path: e.path }, 'unexpected error');
          return formatError({ ...e.toJSON(), extensions: { ...e.extensions, requestId } }, e);
        });
        return { ...result, errors };
      },
      context: async (ctx) => {
        const context = await contextFor(randomUUID(), ctx.extra.token, { setSession() {}, clearSession() {} }, ctx.extra.request.socket.remoteAddress);
        // A subscription that falls WS_MAX_PENDING_EVENTS behind (its client stopped reading) drops
        // its socket instead of piling events up here; the client reconnects and catches up.
        const socket = ctx.extra.socket;
        return { ...context, live: { ...live, subscribe: (topic: string) => live.subscribe(topic, () => socket.terminate()) } };
      },
    },
    wsServer,
  );

  // Closing time (SIGTERM): WebSockets are closed with 1001 Going away, which graphql-ws clients
  // answer by reconnecting (behind a balancer, to another instance), once.
  let wsClosed: Promise<void> | undefined;
  const closeWebSockets = () => (wsClosed ??= Promise.resolve(wsCleanup.dispose()));
  // Connections accepted whose request has not arrived yet: Apollo's drain would end them as idle,
  // and the balancer, having sent its request on one, would answer 502 (a POST is never retried).
  const awaitingRequest = new Set<net.Socket>();
  httpServer.on('connection', (socket) => {
    awaitingRequest.add(socket);
    socket.once('close', () => awaitingRequest.delete(socket));
  });
  httpServer.on('request', (req) => awaitingRequest.delete(req.socket));
  httpServer.on('upgrade', (req) => awaitingRequest.delete(req.socket));

  const apollo = new ApolloServer<Context>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    // main.ts handles SIGTERM/SIGINT for the whole process (Apollo's own handler would stop the
    // server behind our back and re-raise the signal, leaving our shutdown waiting).
    stopOnTerminationSignals: false,
    introspection: !config.production,
    // No "Did you mean …?" in production: it would reveal the schema introspection hides.
    hideSchemaDetailsFromClientErrors: config.production,
    // Limits checked before execution: tokens while parsing, then depth, aliases, directives, cost.
    parseOptions: { maxTokens: QUERY_LIMITS.tokens },
    validationRules: validationRules(config.production),
    // One operation per request: no batched arrays (each would get the limits afresh).
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      { async serverWillStart() { return { async drainServer() { await closeWebSockets(); } }; } },
      ApolloServerPluginLandingPageDisabled(),
      // We set no cache hints; Apollo's default cache-control plugin would still wrap every field
      // resolver (willResolveField) to compute a policy that always comes out "no-store".
      ApolloServerPluginCacheControlDisabled(),
      noStore(),
      errorLogging(log),
      refuseBeforeExecution(),
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
    // graphql-js parses recursively: a 2,000-deep document would overflow the stack before the
    // depth rule could see it, so nesting is measured on the text first. Text arrives in NFC from
    // here on: what is stored is what the answer echoes.
    (req: Request, res: Response, next: () => void) => {
      if (req.body && typeof req.body === 'object' && !Array.isArray(req.body)) req.body = normalizeText(req.body);
      const query = (req.body as { query?: unknown } | undefined)?.query ?? req.query.query;
      if (typeof query === 'string' && nestingDepth(query) > MAX_NESTING) {
        res.status(400).json({ errors: [tooDeeplyNested().toJSON()] });
        return;
      }
      next();
    },
    expressMiddleware(apollo, {
      // A context that cannot be made because the database is busy or away answers 503 with its
      // code, like the same trouble met in a resolver (Apollo's default: 500, "Context creation failed").
      context: async ({ req, res }) => {
        try {
          return await contextFor(String(req.id), tokenFrom(req.headers.authorization, req.headers.cookie), cookieJar(req, res), req.ip, res);
        } catch (err) {
          const trouble = databaseTrouble(err);
          if (!trouble) throw err;
          req.log.warn({ err: (err as Error).message }, 'database trouble before the request ran');
          throw new GraphQLError(trouble.message, { extensions: { code: trouble.code, http: { status: 503, headers: new HeaderMap([['retry-after', String(RETRY_AFTER_SECONDS)]]) } } });
        }
      },
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

  // Anything else (a POST to an unknown path, a GET without the SPA) is a JSON 404, not Express's HTML.
  app.use((_req, res) => {
    res.status(404).json({ errors: [{ message: 'Not found.', extensions: { code: 'NOT_FOUND' } }] });
  });

  // Malformed or oversized bodies get a JSON answer, never an HTML page; so does a download that
  // found the database unreachable (503 SERVICE_UNAVAILABLE), its pool busy (503 BUSY) or too slow (503 TIMEOUT).
  const jsonErrors: ErrorRequestHandler = (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const trouble = databaseTrouble(err);
    if (trouble) {
      req.log.warn({ err: (err as Error).message }, 'database trouble');
      unavailable(res, trouble);
      return;
    }
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
      // Stop accepting, close the WebSockets (reconnectable), let the connections already accepted
      // bring their request in (at most a second), then drain: every request in flight is answered.
      // Connections the kernel completed but Node has not accepted yet would be reset by the close
      // (a balancer that sent its request on one answers 502): first let the event loop poll, and
      // accept them, once more (the second immediate runs after the next poll phase).
      for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
      // Only the listening socket: http.Server#close would also end the connections that have not
      // sent their request yet, as idle.
      net.Server.prototype.close.call(httpServer);
      await closeWebSockets();
      for (let waited = 0; awaitingRequest.size > 0 && waited < 1_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
      // Apollo's drain: idle connections ended, each busy one once its response is sent (10 s at most).
      await apollo.stop();
      wsServer.close();
      await sessions.stop();
      sessionCache.stop();
      await downloads.stop();
      await health.end();
    },
  };
}
