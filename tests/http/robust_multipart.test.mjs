// Issue 13, point 1: a multipart part without name= (with or without
// filename=) once crashed the server (NULL key in the post processor's
// callback). Every such body gets an answer, and the server lives on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client } from '../lib/server.mjs';
import { rawRequest } from '../lib/raw.mjs';

let srv, admin, commune;
before(async () => {
  srv = await startServer();
  admin = new Client(srv.base);
  await admin.login('admin');
  commune = new Client(srv.base);
  await commune.loginForm('xa.myhoa');
});
after(async () => { await srv.stop(); });

const MP = 'multipart/form-data; boundary=XX';
const bodies = {
  'a part without name': '--XX\r\nContent-Disposition: form-data\r\n\r\nv\r\n--XX--\r\n',
  'a part with filename but no name': '--XX\r\nContent-Disposition: form-data; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\nv\r\n--XX--\r\n',
  'a nameless part after a named one': '--XX\r\nContent-Disposition: form-data; name="csrf"\r\n\r\nabc\r\n--XX\r\nContent-Disposition: form-data\r\n\r\nv\r\n--XX--\r\n',
  'a part without headers': '--XX\r\n\r\nv\r\n--XX--\r\n',
  'an empty name': '--XX\r\nContent-Disposition: form-data; name=""\r\n\r\nv\r\n--XX--\r\n',
};

for (const [what, body] of Object.entries(bodies)) {
  test(`${what}: answered on every form route, the server lives on`, async () => {
    const routes = [
      ['/login', {}],
      ['/admin/units/import', { cookie: admin.cookieHeader(), 'x-csrf-token': admin.csrf }],
      ['/admin/units/merges', { cookie: admin.cookieHeader(), 'x-csrf-token': admin.csrf }],
      ['/reports/30052/2024', { cookie: commune.cookieHeader(), 'x-csrf-token': commune.csrf }],
      ['/account/password', { cookie: commune.cookieHeader(), 'x-csrf-token': commune.csrf }],
    ];
    for (const [path, headers] of routes) {
      const r = await rawRequest(srv.base, { method: 'POST', path, headers: { 'content-type': MP, ...headers }, body });
      assert.ok(r.status >= 200 && r.status < 500, `${path}: ${r.status ?? r.error}`);
    }
    const alive = await rawRequest(srv.base, { path: '/login' });
    assert.equal(alive.status, 200);
  });
}
