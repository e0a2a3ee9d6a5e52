import { describe, expect, it } from 'vitest';
import { importRefusal } from './importRefusal.ts';

describe('importRefusal', () => {
  it('refuses text that is not JSON, naming the file, what was expected and what was found', () => {
    expect(importRefusal('calls.csv', 'name,trials\na,1\n')).toBe(
      "Not imported: calls.csv is not a scenario file: expected JSON text, found a syntax error (expected a value (an object, list, string, number, true, false or null), found 'name' at line 1, column 1). The scenario is unchanged.",
    );
  });

  it('refuses an empty file', () => {
    expect(importRefusal('empty.json', '')).toBe(
      'Not imported: empty.json is not a scenario file: expected JSON text, found a syntax error (the text is empty: expected a JSON value at line 1, column 1). The scenario is unchanged.',
    );
  });

  it('imports JSON with problems, to be fixed in the editor', () => {
    expect(importRefusal('draft.json', '{"trials": "many"}')).toBeNull();
    expect(importRefusal('list.json', '[1]')).toBeNull();
  });

  it('imports a valid scenario', () => {
    expect(importRefusal('ok.json', '{"name": "ok"}')).toBeNull();
  });
});
