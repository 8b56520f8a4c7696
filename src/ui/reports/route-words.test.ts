/**
 * The report routes on the pages in the browser's language (issue #14): wxt's fake browser made to speak the Spanish
 * catalogue (src/i18n/test-support.ts); English when it has no catalogue (the default in other tests).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { speak } from '../../i18n/test-support';
import type { EvidenceRecord, ExtractedContent } from '../../model/evidence';
import { accountRoutes } from './PileOn';
import { recordRoutesShown, reportRouteLabel } from './route-words';

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

const content: ExtractedContent = {
  kind: 'profile',
  platform: 'x',
  permalink: 'https://x.com/troll_1',
  author: { handle: 'troll_1', profileUrl: 'https://x.com/troll_1' },
  links: [],
  media: [],
  method: 'adapter',
  warnings: [],
};
/** As the adapter stored them at capture (English), plus one route X no longer has. */
const record: Pick<EvidenceRecord, 'platform' | 'content' | 'reportRoutes'> = {
  platform: 'x',
  content,
  reportRoutes: [
    { id: 'x-in-app-profile', label: 'Report the account in X', url: 'https://x.com/troll_1', steps: 'On the profile, select ⋯ (More) → Report @troll_1, say who it affects and pick the issue; you can add posts as examples.' },
    { id: 'x-form-abusive-user', label: 'Abusive user form (2024)', url: 'https://help.x.com/forms/abusiveuser', steps: 'Name the account.' },
    { id: 'copy-permalink', label: 'Copy the link to this item', url: 'https://x.com/troll_1', steps: 'Copy this link into the report form or your incident log.' },
  ],
};

describe('report routes on the pages', () => {
  it('a record’s routes: Spanish words for the routes that exist (the handle from the record), stored words for the others', () => {
    restore = speak('es');
    const shown = recordRoutesShown(record);
    expect(shown.map((r) => r.id)).toEqual(['x-in-app-profile', 'x-form-abusive-user', 'copy-permalink']);
    expect(shown[0]).toEqual({
      id: 'x-in-app-profile',
      label: 'Denunciar la cuenta en X',
      url: 'https://x.com/troll_1',
      steps: 'En el perfil, selecciona ⋯ (Más opciones) → Denunciar a @troll_1, indica a quién afecta y elige el problema; puedes añadir publicaciones como ejemplos.',
    });
    expect(shown[1]).toBe(record.reportRoutes[1]);
    expect(shown[2]).toMatchObject({ label: 'Copiar el enlace a este elemento', steps: 'Copia este enlace en el formulario de denuncia o en tu registro de incidentes.', url: 'https://x.com/troll_1' });
    // the record itself is not changed (its words are evidence)
    expect(record.reportRoutes[0]!.label).toBe('Report the account in X');
  });

  it('with no catalogue the stored English reads as before', () => {
    expect(recordRoutesShown(record)).toEqual(record.reportRoutes);
  });

  it('a report entry: the Spanish name of its route, else its stored label', () => {
    restore = speak('es');
    expect(reportRouteLabel({ platform: 'x', routeId: 'x-form-harassment', routeLabel: 'Harassment and threats form' })).toBe('Formulario de acoso y amenazas');
    expect(reportRouteLabel({ platform: 'instagram', routeId: 'stopncii', routeLabel: 'StopNCII.org' })).toMatch(/^StopNCII\.org: evita que las imágenes íntimas/);
    expect(reportRouteLabel({ platform: 'x', routeId: 'x-form-abusive-user', routeLabel: 'Abusive user form (2024)' })).toBe('Abusive user form (2024)');
    expect(reportRouteLabel({ platform: 'other', routeLabel: 'E-mail to the regulator' })).toBe('E-mail to the regulator');
  });

  it('the pile-on walk-through: each replier’s routes in Spanish, its handle in the steps', () => {
    restore = speak('es');
    const routes = accountRoutes({ id: 'x:@troll_2', platform: 'x', keys: ['x:@troll_2'], handle: 'troll_2', profileUrl: 'https://x.com/troll_2', count: 0, replies: [] }, { platform: 'x' });
    expect(routes[0]).toMatchObject({ id: 'x-in-app-profile', label: 'Denunciar la cuenta en X', url: 'https://x.com/troll_2' });
    expect(routes[0]!.steps).toContain('Denunciar a @troll_2,');
    const form = routes.find((r) => r.id === 'x-form-harassment')!;
    expect(form.label).toBe('Formulario de acoso y amenazas');
    expect(form.steps).toBe('Elige el problema que corresponda (acoso, amenazas violentas…) e indica @troll_2.');
  });
});
