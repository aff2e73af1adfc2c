import pg from 'pg';

function urlFor(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function withDatabase<T>(serverUrl: string, database: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: urlFor(serverUrl, database) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function dropDatabases(serverUrl: string, which: (name: string) => boolean): Promise<void> {
  await withDatabase(serverUrl, 'postgres', async (c) => {
    const { rows } = await c.query<{ datname: string }>(`select datname from pg_database where datname like 'baton\\_t%'`);
    for (const { datname } of rows.filter((r) => which(r.datname))) {
      await c.query(`drop database if exists "${datname}" with (force)`);
    }
  });
}

let counter = 0;

/** A fresh, migrated database for one test file, cloned from the run's template. */
export async function cloneTemplate(serverUrl: string, template: string): Promise<{ url: string; name: string }> {
  const name = `${template.replace(/template$/, '')}${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
  await withDatabase(serverUrl, 'postgres', (c) => c.query(`create database "${name}" template "${template}"`));
  return { url: urlFor(serverUrl, name), name };
}
