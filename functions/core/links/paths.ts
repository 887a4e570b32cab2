// Every page a link opens, by name: the link builders (links.ts) fill these in, the web function's routes
// serve them, and test/unit/route-table.test.ts checks that each is served and that every page the web
// function serves under a token starts at one of these. A new page is one entry here.
export const paths = {
  signup: '/',
  confirm: '/c/:token',
  goal: '/g/:token',
  record: '/r/:token',
  week: '/w/:token',
  unsubscribe: '/u/:token',
  never: '/n/:token',
  export: '/s/export/:token',
  erase: '/s/delete/:token',
  'buddy-change': '/s/buddy/:token',
  forget: '/s/forget/:token',
  invite: '/i/:token',
  react: '/k/:token',
  'buddy-leave': '/bl/:token',
  buddy: '/buddy/:token',
  find: '/find',
  me: '/me/:token',
  circle: '/ci/:token',
  'circle-invite': '/cj/:token',
  'circle-join': '/ca/:token',
  'circle-change': '/s/circle/:token',
  'circle-cheer': '/ck/:token',
  'circle-quiet': '/cq/:token',
} as const;

export type PageName = keyof typeof paths;

/** The path of a page, its token filled in. */
export function pathTo(page: PageName, token = ''): string {
  return paths[page].replace(':token', token);
}
