export * from './errors.js';
export * from './roles.js';
export * from './accounts.js';
