/**
 * Report routes outside the platforms, shared by the site tables (issue #14): StopNCII (adults, Meta and other partner
 * sites; not X) and NCMEC's Take It Down (images taken before 18). Both fingerprint the image on the person's device
 * and never upload it. Facts from the project's notes on reporting, late 2026.
 */
import type { ItemKind } from '../model/evidence';
import type { RouteDef } from '../reporting/routes';

const ITEMS: readonly ItemKind[] = ['post', 'reply', 'comment', 'profile', 'dm-message', 'dm-thread', 'page'];

export const STOP_NCII: RouteDef = {
  id: 'stopncii',
  kind: 'external',
  abuse: ['intimate-images'],
  items: ITEMS,
  url: 'https://stopncii.org',
  label: { key: 'rtStopnciiLabel', en: 'StopNCII.org: stop intimate images spreading on Facebook, Instagram and partner sites' },
  steps: { key: 'rtStopnciiSteps', en: 'Create a case on StopNCII.org: the image is fingerprinted on your device and never uploaded; partner sites block matching copies.' },
  note: { key: 'rtStopnciiNote', en: 'adults; no account needed; the image never leaves your device' },
  checked: '2026-12-01',
  source: 'stopncii.org (partners: Facebook, Instagram, not X), project notes late 2026',
  confidence: 'high',
};

export const TAKE_IT_DOWN: RouteDef = {
  id: 'take-it-down',
  kind: 'external',
  abuse: ['intimate-images'],
  items: ITEMS,
  url: 'https://takeitdown.ncmec.org',
  label: { key: 'rtTakeItDownLabel', en: 'Take It Down (NCMEC): intimate images taken before you were 18' },
  steps: { key: 'rtTakeItDownSteps', en: 'Use Take It Down for images taken before you were 18: the image is fingerprinted on your device and never uploaded.' },
  note: { key: 'rtTakeItDownNote', en: 'images taken before age 18; no account needed' },
  minors: true,
  checked: '2026-12-01',
  source: 'takeitdown.ncmec.org, project notes late 2026',
  confidence: 'high',
};
