import { describe, expect, it } from 'vitest';
import { strategyStyles } from './strategyStyle.ts';

describe('strategyStyles', () => {
  it('gives each built-in flow its own colour and symbol whatever the order', () => {
    const a = strategyStyles(['naive', 'static-prompt', 'amd', 'random-digit']);
    const b = strategyStyles(['random-digit', 'amd']);
    expect(a.get('random-digit')).toEqual(b.get('random-digit'));
    expect(a.get('amd')).toEqual(b.get('amd'));
    expect(new Set([...a.values()].map((s) => s.colorVar)).size).toBe(4);
    expect(new Set([...a.values()].map((s) => s.symbol)).size).toBe(4);
  });

  it('gives declared flows the extra styles in order, distinct from the built-ins', () => {
    const styles = strategyStyles(['naive', 'our-server', 'press-pound']);
    expect(styles.get('our-server')).toEqual({
      colorVar: '--strategy-extra-1',
      color: 'var(--strategy-extra-1)',
      symbol: 'star',
    });
    expect(styles.get('press-pound')?.symbol).toBe('wye');
    expect(styles.get('naive')?.symbol).toBe('circle');
  });

  it('cycles the extra styles after four declared flows', () => {
    const styles = strategyStyles(['f1', 'f2', 'f3', 'f4', 'f5']);
    expect(styles.get('f5')).toEqual(styles.get('f1'));
  });
});
