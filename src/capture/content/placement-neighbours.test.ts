// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { type Box, neighbourObstacles } from './placement';

const rect = (el: Element, left: number, top: number, w: number, h: number) => {
  el.getBoundingClientRect = () => ({ left, top, right: left + w, bottom: top + h, width: w, height: h, x: left, y: top, toJSON: () => ({}) }) as DOMRect;
};
const region: Box = { left: 0, top: 400, right: 344, bottom: 600 };
const isOwn = (el: Element) => el.localName.startsWith('holdfast-');

describe('neighbourObstacles', () => {
  function feed(): { prev: HTMLElement; item: HTMLElement; next: HTMLElement; link: HTMLElement } {
    document.body.innerHTML = '';
    const list = document.createElement('div');
    const prev = document.createElement('div');
    const item = document.createElement('article');
    const next = document.createElement('div');
    const link = document.createElement('a');
    link.href = '/photo/1';
    prev.append(link);
    list.append(prev, item, next);
    document.body.append(list);
    rect(prev, 0, 0, 344, 380); // the row's own box ends above the item …
    rect(item, 0, 400, 344, 600);
    rect(next, 0, 1000, 344, 300);
    return { prev, item, next, link };
  }

  it('finds a link of the row before that runs over the item (a saved or virtualised feed), as a site control', () => {
    const { item, link } = feed();
    rect(link, 0, 69, 344, 348); // … but its picture link runs on to 417
    const found = neighbourObstacles(item, region, isOwn);
    expect(found.all).toEqual([{ left: 0, top: 69, right: 344, bottom: 417 }]);
    expect(found.controls).toEqual(found.all);
  });

  it('ignores what stays in its own row, has no box, or is Holdfast\'s own', () => {
    const { item, link, next } = feed();
    rect(link, 0, 69, 344, 300); // ends at 369, above the item
    const own = document.createElement('holdfast-capture');
    next.append(own);
    rect(own, 0, 450, 24, 24);
    const empty = document.createElement('img');
    next.append(empty);
    rect(empty, 0, 450, 0, 0);
    expect(neighbourObstacles(item, region, isOwn).all).toEqual([]);
  });
});
