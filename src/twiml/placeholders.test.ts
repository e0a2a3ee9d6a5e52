import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fillPlaceholders, hasPlaceholder, placeholderNames } from './placeholders.ts';

const params = { From: '+15005550006', Code: '4 8 1 5', Empty: '' };

describe('fillPlaceholders: {{Name}} as TwiML Bins fill it', () => {
  it("a {{Name}} is replaced by the request parameter's value", () => {
    expect(fillPlaceholders('Hello {{From}}, your code is {{Code}}.', params)).toBe(
      'Hello +15005550006, your code is 4 8 1 5.',
    );
  });

  it('spaces inside the braces are allowed', () => {
    expect(fillPlaceholders('{{ From }}|{{\tCode}}', params)).toBe('+15005550006|4 8 1 5');
  });

  it('a name the request does not carry becomes the empty string', () => {
    expect(fillPlaceholders('[{{Digits}}] [{{Empty}}]', params)).toBe('[] []');
  });

  it('names are case-sensitive', () => {
    expect(fillPlaceholders('{{from}}', params)).toBe('');
  });

  it('names of Object.prototype are not parameters', () => {
    expect(fillPlaceholders('{{constructor}}{{toString}}{{__proto__}}', params)).toBe('');
  });

  it('values go in as they are, not XML-escaped: the document is already parsed', () => {
    expect(fillPlaceholders('{{Body}}', { Body: 'a < b & "c"' })).toBe('a < b & "c"');
  });

  it('{{{Name}}} (unescaped in Handlebars) is filled the same way', () => {
    expect(fillPlaceholders('<{{{From}}}>', params)).toBe('<+15005550006>');
  });

  it('a value holding {{X}} is not filled again', () => {
    expect(fillPlaceholders('{{A}}', { A: '{{B}}', B: 'no' })).toBe('{{B}}');
  });

  it('block helpers, comments and unclosed braces are left as written', () => {
    const template = '{{#if From}}x{{/if}} {{!note}} {{ two words }} {{From';
    expect(fillPlaceholders(template, params)).toBe(template);
  });

  it('a text without {{ is returned unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        fc.pre(!text.includes('{{'));
        expect(fillPlaceholders(text, params)).toBe(text);
      }),
    );
  });

  it('after filling with values free of braces no placeholder is left', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('{{From}}', '{{ Code }}', '{{Other}}', 'a', ' ', '{')),
        (parts) => {
          const filled = fillPlaceholders(parts.join(''), params);
          expect(hasPlaceholder(filled)).toBe(false);
        },
      ),
    );
  });
});

describe('placeholderNames and hasPlaceholder', () => {
  it('placeholderNames lists each name once, in the order first used', () => {
    expect(placeholderNames('{{Code}} {{ From }} {{Code}} {{{Digits}}} {{/if}}')).toEqual([
      'Code',
      'From',
      'Digits',
    ]);
  });

  it('hasPlaceholder is true only for a fillable {{Name}}', () => {
    expect(hasPlaceholder('check.xml?to={{To}}')).toBe(true);
    expect(hasPlaceholder('{{#if x}}')).toBe(false);
    expect(hasPlaceholder('{{}}')).toBe(false);
    expect(hasPlaceholder('5')).toBe(false);
  });

  it('hasPlaceholder gives the same answer each call (no regex state kept)', () => {
    const answers = [1, 2, 3].map(() => hasPlaceholder('{{A}}'));
    expect(answers).toEqual([true, true, true]);
  });
});
