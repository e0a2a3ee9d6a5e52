import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveTwimlUrl } from './resolveUrl.ts';

describe('resolveTwimlUrl: against a path relative to the scenario', () => {
  it("a relative ref resolves against the document's folder", () => {
    expect(resolveTwimlUrl('check.xml', 'flows/press-any-key.xml')).toBe('flows/check.xml');
    expect(resolveTwimlUrl('sub/check.xml', 'flows/a.xml')).toBe('flows/sub/check.xml');
  });

  it('../ climbs one folder', () => {
    expect(resolveTwimlUrl('../x.xml', 'flows/a.xml')).toBe('x.xml');
    expect(resolveTwimlUrl('../shared/x.xml', 'flows/menu/a.xml')).toBe('flows/shared/x.xml');
  });

  it("climbing above the scenario's folder stays a relative path", () => {
    expect(resolveTwimlUrl('../../shared/x.xml', 'flows/a.xml')).toBe('../shared/x.xml');
    expect(resolveTwimlUrl('../x.xml', '../shared/a.xml')).toBe('../x.xml');
  });

  it('. and .. segments are removed', () => {
    expect(resolveTwimlUrl('./a/./b/../c.xml', 'flows/x.xml')).toBe('flows/a/c.xml');
  });

  it('a ref ending in . or .. names a folder', () => {
    expect(resolveTwimlUrl('.', 'flows/x.xml')).toBe('flows/');
    expect(resolveTwimlUrl('sub/..', 'flows/x.xml')).toBe('flows/');
  });

  it("an inline document's base '' is the scenario's folder", () => {
    expect(resolveTwimlUrl('flows/check.xml', '')).toBe('flows/check.xml');
    expect(resolveTwimlUrl('./check.xml', '')).toBe('check.xml');
    expect(resolveTwimlUrl('../check.xml', '')).toBe('../check.xml');
  });

  it("a root-relative ref starts at the scenario's folder", () => {
    expect(resolveTwimlUrl('/check.xml', 'flows/deep/a.xml')).toBe('check.xml');
  });

  it("the ref's query string and fragment are kept; the base's are not", () => {
    expect(resolveTwimlUrl('check.xml?try=2#x', 'flows/a.xml?try=1')).toBe(
      'flows/check.xml?try=2#x',
    );
  });

  it('an empty ref is the document itself, its query string kept', () => {
    expect(resolveTwimlUrl('', 'flows/a.xml?try=1#top')).toBe('flows/a.xml?try=1');
    expect(resolveTwimlUrl('?try=2', 'flows/a.xml?try=1')).toBe('flows/a.xml?try=2');
  });

  it('a scheme-relative ref needs a scheme: it is kept as written', () => {
    expect(resolveTwimlUrl('//example.com/x.xml', 'flows/a.xml')).toBe('//example.com/x.xml');
  });

  it('repeated slashes count as one, as in a file path', () => {
    expect(resolveTwimlUrl('..//x.xml', 'flows//menu/a.xml')).toBe('flows/x.xml');
  });

  it('an absolute base path stops at its root', () => {
    expect(resolveTwimlUrl('../../../x.xml', '/srv/flows/a.xml')).toBe('/x.xml');
  });
});

describe('resolveTwimlUrl: absolute URLs', () => {
  it('an absolute http(s) ref stays as written', () => {
    expect(resolveTwimlUrl('https://example.com/next.xml', 'flows/a.xml')).toBe(
      'https://example.com/next.xml',
    );
    expect(resolveTwimlUrl('http://Example.com/a/../b', 'https://x.org/')).toBe(
      'http://Example.com/a/../b',
    );
  });

  it('against an http URL base the URL class resolves, keeping the query string', () => {
    const base = 'https://app.example.com/voice/answer?lang=en';
    expect(resolveTwimlUrl('check?attempt=2', base)).toBe(
      'https://app.example.com/voice/check?attempt=2',
    );
    expect(resolveTwimlUrl('../menu', base)).toBe('https://app.example.com/menu');
    expect(resolveTwimlUrl('/root', base)).toBe('https://app.example.com/root');
    expect(resolveTwimlUrl('//cdn.example.com/x', base)).toBe('https://cdn.example.com/x');
  });

  it('a ref the URL class cannot resolve is kept as written', () => {
    expect(resolveTwimlUrl('//[bad', 'https://app.example.com/')).toBe('//[bad');
  });
});

describe('resolveTwimlUrl: any path', () => {
  const segment = fc.constantFrom('a', 'b.xml', '.', '..', '');
  const path = fc.array(segment, { maxLength: 6 }).map((parts) => parts.join('/'));

  it('a path result has no . segment and no .. after a named folder', () => {
    fc.assert(
      fc.property(path, path, (ref, base) => {
        fc.pre(!ref.startsWith('/') && !base.startsWith('/'));
        const segments = resolveTwimlUrl(ref, base).split('/');
        expect(segments.slice(0, -1)).not.toContain('.');
        const firstNamed = segments.findIndex((s) => s !== '..');
        if (firstNamed >= 0) expect(segments.slice(firstNamed, -1)).not.toContain('..');
      }),
    );
  });

  it('a path result agrees with the URL class on a host root for paths that stay below it', () => {
    fc.assert(
      fc.property(path, path, (ref, base) => {
        fc.pre(!ref.startsWith('/') && !base.startsWith('/'));
        fc.pre(!ref.includes('//') && !base.includes('//'));
        const resolved = resolveTwimlUrl(ref, base);
        fc.pre(!resolved.startsWith('..'));
        const viaUrl = new URL(ref, new URL(base, 'http://h/')).pathname.slice(1);
        expect(resolved).toBe(viaUrl);
      }),
      { numRuns: 500 },
    );
  });
});
