import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'baton-api' },
    // Secrets never reach the log, whatever a caller passes.
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', 'variables.password', '*.variables.password'],
      censor: '[redacted]',
    },
  });
}
