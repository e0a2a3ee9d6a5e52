/**
 * Where one-time codes appear in a response body or a log line: as a whole token (not inside a
 * sid, a longer number or a word) or spoken digit by digit as a readout says it. ISO dates and
 * `more_info` links are skipped: they are checked for shape elsewhere, and "2026" or "60200"
 * in them would otherwise pass for a 4- or 5-digit code.
 */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

export function findCodeLeaks(value: unknown, codes: Iterable<string>): string[] {
  const alternatives = [...new Set(codes)].flatMap((code) => [code, code.split('').join(' ')]);
  if (alternatives.length === 0) return [];
  const pattern = new RegExp(`(?<![0-9A-Za-z])(?:${alternatives.join('|')})(?![0-9A-Za-z])`, 'g');
  const leaks: string[] = [];
  const visit = (node: unknown, path: string): void => {
    if (typeof node === 'string') {
      if (ISO_DATE.test(node) || path.endsWith('.more_info')) return;
      for (const [found] of node.matchAll(pattern)) leaks.push(`${path}: ${found}`);
    } else if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, `${path}[${i}]`));
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, item] of Object.entries(node)) {
        visit(key, `${path}{key}`);
        visit(item, `${path}.${key}`);
      }
    }
  };
  visit(value, '$');
  return leaks;
}

/** Paths whose answers are a phone's own channels, where the code is meant to arrive. */
export function isPhoneChannel(method: string, url: string): boolean {
  return (
    method === 'GET' &&
    /\/sim\/v1\/Phones\/[^/]+\/(Voicemail|Messages|Handset)$/.test(new URL(url).pathname)
  );
}
