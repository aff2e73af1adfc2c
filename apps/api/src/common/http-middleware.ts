import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../logger.js';

/** A request id the caller may send (x-request-id) and we keep. */
const REQUEST_ID = /^[\w.-]{1,64}$/;

function requestId(req: Request, res: Response): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}

/**
 * Every request gets an id (the caller's x-request-id when sane, else a UUID), echoed in the
 * response and carried by `req.log`. With request logging on (LOG_LEVEL info or finer) that is
 * pino-http, which logs each request as it completes. Above info it would log nothing, yet still
 * build a child logger and serialise the request for each one (6 % of a small report request,
 * issue 13): so then `req.log` is made only when something is logged, with the same bindings.
 */
export function requestLogging(log: Logger): RequestHandler {
  if (log.isLevelEnabled('info')) {
    return pinoHttp({
      logger: log,
      genReqId: requestId,
      autoLogging: { ignore: (req) => req.url === '/healthz' },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    });
  }
  return (req: Request, res: Response, next: NextFunction) => {
    const id = requestId(req, res);
    req.id = id;
    let child: Logger | undefined;
    Object.defineProperty(req, 'log', {
      get: () => (child ??= log.child({ req: { id, method: req.method, url: req.url } })),
      configurable: true,
    });
    next();
  };
}

/**
 * A header-setting middleware whose headers never depend on the request (helmet with fixed
 * directives, no nonces), as one middleware setting the headers it set once at start-up: helmet's
 * thirteen middlewares ran for every request (3 % of a small report request, issue 13). The
 * headers are exactly helmet's, taken from a dry run.
 */
export function fixedHeaders(middleware: RequestHandler): RequestHandler {
  const headers: [string, string | number | readonly string[]][] = [];
  const removed = new Set<string>();
  const probe = {
    setHeader: (name: string, value: string | number | readonly string[]) => void headers.push([name, value]),
    removeHeader: (name: string) => void removed.add(name.toLowerCase()),
    getHeader: () => undefined,
  };
  let ranThrough = false;
  void middleware({ headers: {}, method: 'GET', url: '/' } as Request, probe as unknown as Response, () => (ranThrough = true));
  if (!ranThrough) throw new Error('fixedHeaders: the middleware did not finish synchronously; its headers may depend on the request');
  return (_req: Request, res: Response, next: NextFunction) => {
    for (const name of removed) res.removeHeader(name);
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}
