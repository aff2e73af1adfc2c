// PostGraphile v4 as the peer (runs on Node 20), read-only: no mutations, schemas public + peer.
// Usage: node postgraphile-v4.mjs <readerDatabaseUrl> <port>
import http from 'node:http';
import pg4 from 'postgraphile4';

const [url, port] = process.argv.slice(2);
const middleware = pg4.postgraphile(url, ['public', 'peer'], {
  disableDefaultMutations: true,
  ignoreRBAC: false,
  graphiql: false,
  disableQueryLog: true,
  retryOnInitFail: false,
  setofFunctionsContainNulls: false,
  dynamicJson: true,
});
http.createServer(middleware).listen(Number(port), '127.0.0.1', () => console.log(`postgraphile v4 listening on ${port}`));
