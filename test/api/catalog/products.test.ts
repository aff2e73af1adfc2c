// updateProduct: prices, stock levels, preferred supplier, the inventoried switch and stale edits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpOrg, startTestApp, type TestApp } from '../../support/api-app.js';
import { checkInvariants, describeViolations } from '../../support/invariants.js';
import { ok, OPS, product, project, salesOrder, team, type Team } from '../../support/workflow.js';
import { writesNothing } from './db-snapshot.js';

let app: TestApp;
let t: Team;
beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
});
afterAll(async () => {
  if (app) expect(describeViolations(await checkInvariants(app))).toBe('');
  await app?.stop();
});

const FIELDS = 'id sku name inventoried priceCents costCents minStock maxStock onHand version supplier { id name }';
const UPDATE = `mutation($input: UpdateProductInput!) { updateProduct(input: $input) { product { ${FIELDS} } userErrors { code message field } } }`;
const read = async (id: string) => (await app.gql(`{ products { ${FIELDS} } }`, {}, { token: t.admin.token })).data.products.find((p: { id: string }) => p.id === id);
const fields = (errors: { code: string; field: string[] }[]) => errors.map((e) => [e.code, e.field]);

describe('updateProduct', () => {
  it('lets PURCHASING change name, price, cost, stock levels and the preferred supplier; the SKU stays', async () => {
    const p = await product(t, true, 400, { min: 5, max: 50 });
    const before = await read(p.id);
    const other = (await ok(t, t.purchasing.token, OPS.createSupplier, { name: 'Bolt Barn' }, 'createSupplier')).supplier;
    const r = await app.gql(
      UPDATE,
      { input: { productId: p.id, name: ' Widget 200 ', priceCents: 450, costCents: 210, minStock: 10, maxStock: 80, supplierId: other.id, expectedVersion: before.version } },
      { token: t.purchasing.token },
    );
    expect(r.data.updateProduct.userErrors).toEqual([]);
    expect(r.data.updateProduct.product).toEqual({
      ...before,
      name: 'Widget 200',
      priceCents: 450,
      costCents: 210,
      minStock: 10,
      maxStock: 80,
      supplier: { id: other.id, name: 'Bolt Barn' },
      version: before.version + 1,
    });
    const [event] = await app.sql<{ kind: string; message: string; actor_id: string }>('select kind, message, actor_id from activity_event where entity_id = $1', [p.id]);
    expect(event).toEqual({
      kind: 'product.updated',
      message: `${p.sku} edited: name, price $4.00 → $4.50, cost $2.00 → $2.10, minimum stock 5 → 10, maximum stock 50 → 80, preferred supplier Bolt Barn`,
      actor_id: t.purchasing.userId,
    });
  });

  it('keeps what is left out and clears the preferred supplier with null', async () => {
    const p = await product(t, false, 1250);
    const before = await read(p.id);
    const r = await app.gql(UPDATE, { input: { productId: p.id, supplierId: null } }, { token: t.admin.token });
    expect(r.data.updateProduct.product).toEqual({ ...before, supplier: null, version: before.version + 1 });
    const same = await app.gql(UPDATE, { input: { productId: p.id, priceCents: 1250 } }, { token: t.admin.token });
    expect(same.data.updateProduct.product.version).toBe(before.version + 1); // nothing changed, nothing written
  });

  it('refuses a stale expectedVersion with CONFLICT (a stock adjustment moves the version too)', async () => {
    const p = await product(t, true, 400);
    const { version } = await read(p.id);
    await ok(t, t.purchasing.token, OPS.adjustStock, { id: p.id, q: 5, reason: 'count' }, 'adjustStock');
    const r = await writesNothing(app, () => app.gql(UPDATE, { input: { productId: p.id, priceCents: 999, expectedVersion: version } }, { token: t.purchasing.token }));
    expect(fields(r.data.updateProduct.userErrors)).toEqual([['CONFLICT', ['expectedVersion']]]);
  });

  it('refuses out-of-range values with INVALID_INPUT on each field and writes nothing', async () => {
    const p = await product(t, true, 400, { min: 5, max: 50 });
    const r = await writesNothing(app, () =>
      app.gql(UPDATE, { input: { productId: p.id, name: '', priceCents: -1, costCents: 1_000_000_000_01, minStock: -2 } }, { token: t.purchasing.token }),
    );
    expect(r.data.updateProduct.product).toBeNull();
    expect(fields(r.data.updateProduct.userErrors)).toEqual([
      ['INVALID_INPUT', ['input', 'name']],
      ['INVALID_INPUT', ['input', 'priceCents']],
      ['INVALID_INPUT', ['input', 'costCents']],
      ['INVALID_INPUT', ['input', 'minStock']],
    ]);
    // The maximum is checked against the minimum the product keeps.
    const below = await writesNothing(app, () => app.gql(UPDATE, { input: { productId: p.id, maxStock: 4 } }, { token: t.purchasing.token }));
    expect(fields(below.data.updateProduct.userErrors)).toEqual([['INVALID_INPUT', ['input', 'maxStock']]]);
  });

  it('answers NOT_FOUND for a product or a supplier of another organization', async () => {
    const other = await signUpOrg(app, 'Other Catalog');
    const theirSupplier = (await ok(t, other.token, OPS.createSupplier, { name: 'Theirs' }, 'createSupplier')).supplier.id;
    const theirProduct = (
      await ok(t, other.token, OPS.createProduct, { sku: 'THEIRS-1', name: 'Theirs', inventoried: true, price: 100, cost: 50 }, 'createProduct')
    ).product.id;
    const mine = await product(t, true, 400);
    const r1 = await writesNothing(app, () => app.gql(UPDATE, { input: { productId: theirProduct, name: 'Mine' } }, { token: t.purchasing.token }));
    expect(r1.data.updateProduct.userErrors).toEqual([{ code: 'NOT_FOUND', message: 'No such product.', field: ['input', 'productId'] }]);
    const r2 = await writesNothing(app, () => app.gql(UPDATE, { input: { productId: mine.id, supplierId: theirSupplier } }, { token: t.purchasing.token }));
    expect(r2.data.updateProduct.userErrors).toEqual([{ code: 'NOT_FOUND', message: 'No such supplier.', field: ['input', 'supplierId'] }]);
  });

  it('is FORBIDDEN to roles that do not manage products', async () => {
    const p = await product(t, true, 400);
    for (const who of ['order', 'production', 'invoicing', 'accountant'] as const) {
      const r = await writesNothing(app, () => app.gql(UPDATE, { input: { productId: p.id, priceCents: 1 } }, { token: t[who].token }));
      expect(r.errors?.map((e) => e.extensions?.code), who).toEqual(['FORBIDDEN']);
    }
  });
});

describe('switching inventoried and drop-ship', () => {
  it('is allowed while nothing is on hand and no open order holds the product, both ways', async () => {
    const p = await product(t, true, 400);
    const dropShip = await app.gql(UPDATE, { input: { productId: p.id, inventoried: false } }, { token: t.purchasing.token });
    expect(dropShip.data.updateProduct.product.inventoried).toBe(false);
    const back = await app.gql(UPDATE, { input: { productId: p.id, inventoried: true } }, { token: t.purchasing.token });
    expect(back.data.updateProduct.product.inventoried).toBe(true);
  });

  it('is refused with INVALID_TRANSITION while stock is on hand, and allowed once it is adjusted away', async () => {
    const p = await product(t, true, 400);
    await ok(t, t.purchasing.token, OPS.adjustStock, { id: p.id, q: 7, reason: 'found' }, 'adjustStock');
    const r = await writesNothing(app, () => app.gql(UPDATE, { input: { productId: p.id, inventoried: false, name: 'Renamed' } }, { token: t.purchasing.token }));
    expect(r.data.updateProduct.userErrors).toEqual([
      { code: 'INVALID_TRANSITION', message: 'The product cannot become drop-ship while it has 7 on hand.', field: ['input', 'inventoried'] },
    ]);
    await ok(t, t.purchasing.token, OPS.adjustStock, { id: p.id, q: -7, reason: 'written off' }, 'adjustStock');
    const allowed = await app.gql(UPDATE, { input: { productId: p.id, inventoried: false } }, { token: t.purchasing.token });
    expect(allowed.data.updateProduct.product).toMatchObject({ inventoried: false, onHand: 0 });
  });

  it('is refused while an open sales order or an open purchase order has a line of it', async () => {
    const dropShip = await product(t, false, 1250);
    const prj = await project(t);
    await salesOrder(t, prj.id, [{ productId: dropShip.id, quantity: 3 }]);
    const r1 = await writesNothing(app, () => app.gql(UPDATE, { input: { productId: dropShip.id, inventoried: true } }, { token: t.purchasing.token }));
    expect(r1.data.updateProduct.userErrors).toEqual([
      { code: 'INVALID_TRANSITION', message: 'The product cannot become inventoried while it has 1 line on open sales orders.', field: ['input', 'inventoried'] },
    ]);

    const stocked = await product(t, true, 400);
    await ok(t, t.purchasing.token, OPS.createPurchaseOrder, { input: { supplierId: t.supplierId, lines: [{ productId: stocked.id, quantity: 10, unitCostCents: 200 }] } }, 'createPurchaseOrder');
    const r2 = await writesNothing(app, () => app.gql(UPDATE, { input: { productId: stocked.id, inventoried: false } }, { token: t.purchasing.token }));
    expect(r2.data.updateProduct.userErrors.map((e: { code: string }) => e.code)).toEqual(['INVALID_TRANSITION']);
  });
});
