import { describe, expect, it } from 'vitest';
import { clickerStep, type ClickerKeyEvent } from './storyKeys.ts';

const press = (key: string, target: object | null = null, mods = {}): ClickerKeyEvent => ({
  key,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  target: target as EventTarget | null,
  ...mods,
});

describe('clicker keys', () => {
  it('advance on ArrowRight, PageDown and Space, go back on ArrowLeft and PageUp', () => {
    expect(['ArrowRight', 'PageDown', ' '].map((k) => clickerStep(press(k)))).toEqual([1, 1, 1]);
    expect(['ArrowLeft', 'PageUp'].map((k) => clickerStep(press(k)))).toEqual([-1, -1]);
    expect(['Enter', 'ArrowUp', 'f', 'Escape'].map((k) => clickerStep(press(k)))).toEqual([
      0, 0, 0, 0,
    ]);
  });

  it('leave keys to text fields, list boxes and editable elements', () => {
    for (const target of [
      { tagName: 'INPUT', type: 'text' },
      { tagName: 'INPUT', type: 'number' },
      { tagName: 'TEXTAREA' },
      { tagName: 'SELECT' },
      { tagName: 'DIV', isContentEditable: true },
    ]) {
      expect(clickerStep(press('ArrowRight', target)), JSON.stringify(target)).toBe(0);
    }
  });

  it('still move the story from buttons, sliders and the swim lanes', () => {
    for (const target of [
      { tagName: 'BUTTON' },
      { tagName: 'INPUT', type: 'range' },
      { tagName: 'DIV', isContentEditable: false },
    ]) {
      expect(clickerStep(press('PageDown', target)), JSON.stringify(target)).toBe(1);
    }
  });

  it('ignore keys with a modifier (browser shortcuts such as Alt+ArrowLeft for Back)', () => {
    expect(clickerStep(press('ArrowLeft', null, { altKey: true }))).toBe(0);
    expect(clickerStep(press('ArrowRight', null, { metaKey: true }))).toBe(0);
    expect(clickerStep(press(' ', null, { ctrlKey: true }))).toBe(0);
  });
});
