// One route table: every page a link opens is named in core/links/paths.ts, the link builders fill it in,
// and here the web function is asked what it serves. A page in the table the app does not serve, or a
// route under a token that starts at no page of the table, fails.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { paths } from '../../functions/core/links/paths.js';
import { createFullApp, groupsFor, routeGroups } from '../../functions/http/app.js';
import { testDeps } from '../helpers/deps.js';

const served = (await createFullApp(testDeps())).routes.filter((r) => r.method !== 'ALL' && r.path !== '*');

describe('the route table', () => {
  it.each(Object.entries(paths))('the app serves %s at %s', (_, path) => {
    expect(served.filter((r) => r.method === 'GET').map((r) => r.path)).toContain(path);
  });

  it('every route under a token starts at a page of the table', () => {
    const orphans = served.filter((r) => r.path.includes(':token') && !Object.values(paths).some((p) => r.path === p || r.path.startsWith(`${p}/`)));
    expect(orphans.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  // The web function loads a group on the first request to one of its paths (app.tsx): a route whose path
  // starts where its group does not say would answer 404 in the running app while its group exists.
  it.each(Object.keys(routeGroups))('every route of the %s group is reached through that group', async (name) => {
    const alone = new Hono();
    (await routeGroups[name]!.load())(alone as never, testDeps(), () => {});
    const paths = alone.routes.map((r) => r.path);
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.filter((path) => !groupsFor(path).includes(name))).toEqual([]);
  });
});
