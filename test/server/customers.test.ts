// Customer panel data: version check (409 with the current customer) and typed attributes.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { client, useServer } from './helpers.js';

let api: ReturnType<typeof client>;
useServer((_server, caller) => {
  api = caller;
});

describe('customer edits', () => {
  test('two agents editing one customer: the stale save gets 409 with the current value', async () => {
    const { customer } = await api.conversation({ groupId: 'grp_ventas', name: 'Luisa' });
    const ana = await api.patch('ana', `/api/customers/${customer.id}`, { version: customer.version, name: 'Luisa Fernanda' });
    assert.equal(ana.status, 200);
    assert.equal(ana.body.customer.version, customer.version + 1);
    const carla = await api.patch('carla', `/api/customers/${customer.id}`, { version: customer.version, name: 'Luisa F.' });
    assert.equal(carla.status, 409);
    assert.equal(carla.body.error, 'conflict');
    assert.equal(carla.body.current.name, 'Luisa Fernanda');
    assert.equal(carla.body.current.version, customer.version + 1);
    const retried = await api.patch('carla', `/api/customers/${customer.id}`, { version: carla.body.current.version, name: 'Luisa F.' });
    assert.equal(retried.status, 200);
    assert.equal((await api.get('ana', `/api/customers/${customer.id}`)).body.customer.name, 'Luisa F.');
  });

  test('a customer says who saved its current version: the agent, or null when the bot collected it', async () => {
    const { customer } = await api.conversation({ groupId: 'grp_ventas', name: 'Luisa' });
    assert.equal(customer.updatedBy, null, 'nobody edited it yet');
    const ana = await api.patch('ana', `/api/customers/${customer.id}`, { version: customer.version, name: 'Luisa Fernanda' });
    assert.equal(ana.body.customer.updatedBy, 'agt_ana');
    const carla = await api.patch('carla', `/api/customers/${customer.id}`, { version: ana.body.customer.version, phone: '+57 300 000 0001' });
    assert.equal(carla.body.customer.updatedBy, 'agt_carla');
    assert.equal((await api.get('ana', `/api/customers/${customer.id}`)).body.customer.updatedBy, 'agt_carla');

    const first = await api.inbound('+573005550077', 'hola');
    const during = await api.patch('admin', `/api/customers/${first.body.customer.id}`, { version: first.body.customer.version, email: 'antes@correo.co' });
    assert.equal(during.body.customer.updatedBy, 'agt_admin');
    const named = await api.inbound('+573005550077', 'Camila Rojas');
    assert.equal(named.body.customer.name, 'Camila Rojas');
    assert.equal(named.body.customer.updatedBy, null, 'the bot saved the name');
  });

  test('attributes are checked against their definitions; null clears', async () => {
    const { customer } = await api.conversation({ groupId: 'grp_ventas' });
    const save = (attributes: Record<string, unknown>, version: number) => api.patch('ana', `/api/customers/${customer.id}`, { version, attributes });
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ compras: 'muchas' }, /compras: must be a number/],
      [{ ciudad: 'Madrid' }, /ciudad: must be one of/],
      [{ fecha_nacimiento: '1990-02-30' }, /fecha_nacimiento: must be a date/],
      [{ fecha_nacimiento: '30/01/1990' }, /fecha_nacimiento: must be a date/],
      [{ acepta_marketing: 'si' }, /acepta_marketing: must be true or false/],
      [{ documento: 123 }, /documento: must be text/],
      [{ color_favorito: 'azul' }, /color_favorito: unknown attribute/],
    ];
    for (const [attributes, reason] of bad) {
      const answer = await save(attributes, 1);
      assert.equal(answer.status, 400, JSON.stringify(attributes));
      assert.match(answer.body.reason, reason);
    }
    const ok = await save({ compras: 3, ciudad: 'Lima', fecha_nacimiento: '1990-01-30', acepta_marketing: true, documento: 'CC 123' }, 1);
    assert.equal(ok.status, 200);
    assert.deepEqual(ok.body.customer.attributes, { compras: 3, ciudad: 'Lima', fecha_nacimiento: '1990-01-30', acepta_marketing: true, documento: 'CC 123' });
    const cleared = await save({ ciudad: null }, 2);
    assert.equal('ciudad' in cleared.body.customer.attributes, false);
    assert.equal(cleared.body.customer.attributes.compras, 3);
  });

  test('e-mail and phone fields are validated by the shared schema', async () => {
    const { customer } = await api.conversation({ groupId: 'grp_ventas' });
    const answer = await api.patch('ana', `/api/customers/${customer.id}`, { version: 1, email: 'no-es-correo' });
    assert.equal(answer.status, 400);
    assert.match(answer.body.reason, /^email:/);
    assert.equal((await api.patch('ana', `/api/customers/${customer.id}`, { version: 1, email: null, phone: '+57 300 111 2233' })).status, 200);
    assert.equal((await api.get('ana', '/api/customers/cus_nadie')).status, 404);
  });
});
