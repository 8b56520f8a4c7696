import { describe, expect, it } from 'vitest';
import type { ExtractedContent } from '../../model/evidence';
import type { ReportInput } from '../../model/report';
import { speak } from '../../i18n/test-support';
import { type ReportDeps, ReportSessions } from './report';

const post: ExtractedContent = {
  kind: 'post',
  platform: 'x',
  permalink: 'https://x.com/grimshaw_k/status/1790000000000000001',
  itemId: '1790000000000000001',
  author: { handle: 'Grimshaw_K', accountId: '42' },
  links: [],
  media: [],
  method: 'adapter',
  warnings: [],
};

function deps(opts: { failTab?: boolean; failLog?: boolean } = {}) {
  const opened: { url: string; opener?: number }[] = [];
  const logged: ReportInput[] = [];
  const d: ReportDeps = {
    async openTab(url, opener) {
      if (opts.failTab) throw new Error('no window');
      opened.push({ url, ...(opener !== undefined ? { opener } : {}) });
    },
    async addReport(input) {
      if (opts.failLog) throw new Error('Reports are not stored yet.');
      logged.push(input);
      return input;
    },
    now: () => new Date('2026-12-07T06:00:00.000Z'),
  };
  return { d, opened, logged };
}

describe('ReportSessions (background side of capture, then report)', () => {
  it('opens the chosen route for a record this tab captured, and logs the report', async () => {
    const s = new ReportSessions();
    s.remember(7, 'rec-1', post);
    const { d, opened, logged } = deps();
    const r = await s.open(d, { recordIds: ['rec-1'], abuse: 'threats', origin: 'item' }, 7, false);
    expect(r).toMatchObject({ ok: true, routeId: 'x-form-harassment', paste: 'form', permalink: post.permalink, logged: true });
    expect(opened).toEqual([{ url: 'https://help.x.com/forms/safety-and-sensitive-content/violent-threats', opener: 7 }]);
    expect(logged).toEqual([
      {
        platform: 'x',
        routeId: 'x-form-harassment',
        routeUrl: 'https://help.x.com/forms/safety-and-sensitive-content/violent-threats',
        routeLabel: 'Harassment and threats form',
        abuse: 'threats',
        recordIds: ['rec-1'],
        permalinks: [post.permalink],
        account: 'x:@grimshaw_k',
        origin: 'item',
        reportedAt: '2026-12-07T06:00:00.000Z',
      },
    ]);
  });

  it('refuses a record another tab captured, an unknown record, and no record — and opens nothing', async () => {
    const s = new ReportSessions();
    s.remember(7, 'rec-1', post);
    const { d, opened, logged } = deps();
    expect(await s.open(d, { recordIds: ['rec-1'], abuse: 'threats', origin: 'item' }, 8, false)).toMatchObject({ ok: false, code: 'not-captured' });
    expect(await s.open(d, { recordIds: ['rec-2'], abuse: 'threats', origin: 'item' }, 7, false)).toMatchObject({ ok: false, code: 'not-captured' });
    expect(await s.open(d, { recordIds: ['rec-1', 'rec-9'], abuse: 'threats', origin: 'item' }, 7, false)).toMatchObject({ ok: false, code: 'not-captured' });
    expect(await s.open(d, { recordIds: [], abuse: 'threats', origin: 'item' }, 7, false)).toMatchObject({ ok: false, code: 'invalid' });
    expect(await s.open(d, { recordIds: ['rec-1'], abuse: 'threats', origin: 'item' }, undefined, false)).toMatchObject({ ok: false, code: 'not-captured' });
    // bad input from a page
    expect(await s.open(d, { recordIds: ['rec-1'], abuse: 'spam' as never, origin: 'item' }, 7, false)).toMatchObject({ ok: false, code: 'invalid' });
    expect(await s.open(d, { recordIds: [1 as never], abuse: 'threats', origin: 'item' }, 7, false)).toMatchObject({ ok: false, code: 'invalid' });
    expect(await s.open(d, { recordIds: ['rec-1'], abuse: 'threats', origin: 'by-hand' as never }, 7, false)).toMatchObject({ ok: false, code: 'invalid' });
    // the abuse kind is needed on X
    expect(await s.open(d, { recordIds: ['rec-1'], origin: 'item' }, 7, false)).toMatchObject({ ok: false, code: 'invalid' });
    s.forget(7);
    expect(await s.open(d, { recordIds: ['rec-1'], abuse: 'threats', origin: 'item' }, 7, false)).toMatchObject({ ok: false, code: 'not-captured' });
    expect(opened).toEqual([]);
    expect(logged).toEqual([]);
  });

  it('lets a Holdfast page (the popup) name a record any tab captured in this session', async () => {
    const s = new ReportSessions();
    s.remember(7, 'rec-1', post);
    const { d, opened } = deps();
    expect(await s.open(d, { recordIds: ['rec-1'], abuse: 'impersonation', origin: 'popup' }, undefined, true)).toMatchObject({ ok: true, routeId: 'x-form-impersonation' });
    expect(opened).toEqual([{ url: 'https://help.x.com/en/forms/authenticity/impersonation' }]);
  });

  it('still opens the route when the report cannot be logged, and says so', async () => {
    const s = new ReportSessions();
    s.remember(7, 'rec-1', post);
    const { d, opened } = deps({ failLog: true });
    expect(await s.open(d, { recordIds: ['rec-1'], abuse: 'harassment', origin: 'item' }, 7, false)).toMatchObject({ ok: true, logged: false });
    expect(opened).toHaveLength(1);
  });

  it('logs nothing when the tab cannot be opened', async () => {
    const s = new ReportSessions();
    s.remember(7, 'rec-1', post);
    const { d, logged } = deps({ failTab: true });
    expect(await s.open(d, { recordIds: ['rec-1'], abuse: 'harassment', origin: 'item' }, 7, false)).toMatchObject({ ok: false, code: 'tab' });
    expect(logged).toEqual([]);
  });

  it('never opens a link the page pointed off the platform; a site without routes gets none', async () => {
    const s = new ReportSessions();
    s.remember(7, 'rec-evil', { ...post, platform: 'facebook', permalink: 'https://evil.example/p/1' });
    s.remember(7, 'rec-web', { ...post, platform: 'web', permalink: 'https://example.org/' });
    const { d, opened } = deps();
    expect(await s.open(d, { recordIds: ['rec-evil'], abuse: 'harassment', origin: 'item' }, 7, false)).toMatchObject({ ok: false, code: 'no-route' });
    expect(await s.open(d, { recordIds: ['rec-web'], abuse: 'harassment', origin: 'item' }, 7, false)).toMatchObject({ ok: false, code: 'no-route' });
    expect(opened).toEqual([]);
  });
});

describe('ReportSessions in the person’s language', () => {
  it('logs and answers the route’s name in the browser’s language (Spanish here); the address and id do not change', async () => {
    const restore = speak('es');
    try {
      const s = new ReportSessions();
      s.remember(7, 'rec-1', post);
      const { d, opened, logged } = deps();
      const r = await s.open(d, { recordIds: ['rec-1'], abuse: 'threats', origin: 'item' }, 7, false);
      expect(r).toMatchObject({ ok: true, routeId: 'x-form-harassment', routeLabel: 'Formulario de acoso y amenazas', paste: 'form' });
      expect(r.ok && r.steps).toBe('Elige el problema que corresponda (acoso, amenazas violentas…) e indica @Grimshaw_K. Pega el enlace (ya copiado) donde el formulario lo pida.');
      expect(opened[0]!.url).toBe('https://help.x.com/forms/safety-and-sensitive-content/violent-threats');
      expect(logged[0]).toMatchObject({ routeId: 'x-form-harassment', routeLabel: 'Formulario de acoso y amenazas' });
    } finally {
      restore();
    }
  });
});
