// PostGraphile v5 as the peer (needs Node 22: run.mjs starts it with the npm `node@22` binary),
// with its v4-compatibility preset so both PostGraphile peers answer the very same documents.
// Usage: node postgraphile-v5.mjs <readerDatabaseUrl> <port>
import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { makeV4Preset } from 'postgraphile/presets/v4';

const [url, port] = process.argv.slice(2);
const preset = {
  extends: [PostGraphileAmberPreset, makeV4Preset({ disableDefaultMutations: true, ignoreRBAC: false, setofFunctionsContainNulls: false, dynamicJson: true })],
  pgServices: [makePgService({ connectionString: url, schemas: ['public', 'peer'], poolConfig: { max: 10 } })],
  grafserv: { graphiql: false, watch: false },
  grafast: { explain: false },
};
const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
serv.addTo(server).catch((e) => {
  console.error(e);
  process.exit(1);
});
server.listen(Number(port), '127.0.0.1', () => console.log(`postgraphile v5 listening on ${port}`));
